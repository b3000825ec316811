// Scanner::run, the table of contents of a scan.
#include "zeroscan/engine/scanner.h"

#include <thread>

#include "zeroscan/classify/classify.h"
#include "zeroscan/engine/clock.h"
#include "zeroscan/engine/monitor.h"

namespace zeroscan {

Scanner::Scanner(ScanJob job, PacketSink& sink, PacketSource& source, ResultSink& results)
    : job_(std::move(job)), sink_(sink), source_(source), results_(results) {
  // Exact per-pair states need memory per pair; past the limit we report
  // responders only (as zmap does), with a bounded dedup window instead.
  if (job_.space.size() <= job_.settings.state_table_limit)
    table_ = std::make_unique<StateTable>(job_.space.size());
}

Scanner::~Scanner() = default;

void Scanner::request_stop() {
  if (stop_requests_.fetch_add(1) == 0) {
    stop_sending_.store(true);
  } else {
    skip_cooldown_.store(true);
  }
}

ScanSummary Scanner::run() {
  const std::int64_t start = monotonic_ns();
  ScanSummary summary;

  // 1. Receive before the first probe leaves, so no early answer is missed.
  Receiver receiver({job_.space, job_.cookie, table_.get(), results_, counters_, job_.on_verified});
  std::thread receive_thread([&] { receiver.run(source_, stop_receiving_); });

  // 2. Status line, if asked for.
  Monitor monitor(counters_, job_.permutation.size() / job_.shard.count, job_.settings.attempts,
                  job_.settings.rate);
  if (job_.settings.progress) monitor.start();

  // 3. Send every pass on the sender thread (pass 0: everything; later
  //    passes: only what is still unanswered).
  Sender sender({job_.space, job_.permutation, job_.cookie, job_.templates, job_.macs, table_.get(),
                 sink_, job_.settings, counters_, stop_sending_});
  std::thread send_thread([&] { sender.run(); });
  send_thread.join();
  summary.send_seconds = double(monotonic_ns() - start) / 1e9;
  sender_position_ = sender.pass0_position();

  // 4. Cooldown: late answers still count, for --wait seconds.
  cool_down();

  // 5. Stop capturing; from here on only this thread touches the results.
  stop_receiving_.store(true, std::memory_order_release);
  receive_thread.join();
  monitor.stop();

  // 6. Whatever never answered is filtered (no-response), as nmap says.
  if (table_ && job_.settings.report_silence) conclude_silence(sender_position_);

  // 7. The summary closes every output.
  summary.targets = job_.space.targets().size();
  summary.ports = job_.space.ports().size();
  summary.probes_planned = job_.space.size();
  summary.sent = counters_.sent.load();
  summary.received = counters_.received.load();
  summary.matched = counters_.matched.load();
  summary.invalid = counters_.invalid.load();
  summary.duplicates = counters_.duplicates.load();
  summary.inconclusive = counters_.inconclusive.load();
  summary.kernel_dropped = counters_.kernel_dropped.load();
  summary.open = counters_.open.load();
  summary.closed = counters_.closed.load();
  summary.filtered = counters_.filtered.load();
  summary.unfiltered = counters_.unfiltered.load();
  summary.seed = job_.seed;
  summary.shard_index = job_.shard.index;
  summary.shard_count = job_.shard.count;
  summary.interrupted = stop_requests_.load() > 0;
  summary.elapsed_seconds = double(monotonic_ns() - start) / 1e9;
  results_.finish(summary);
  return summary;
}

void Scanner::cool_down() {
  const std::int64_t until = monotonic_ns() + std::int64_t(job_.settings.wait_seconds * 1e9);
  while (!skip_cooldown_.load() && monotonic_ns() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

void Scanner::conclude_silence(std::uint64_t probed_until) {
  // Walk exactly the positions pass 0 covered (an interrupted scan covered
  // fewer), so silence is only claimed for probes that were really sent.
  auto cursor = job_.permutation.cursor(job_.settings.resume_position);
  while (cursor.position() < probed_until) {
    const auto index = cursor.next();
    if (!index) break;
    if (table_->answered(*index)) continue;
    const ProbeTarget t = job_.space.at(*index);
    PortRecord record;
    record.ip = t.ip;
    record.port = t.port;
    record.probe = t.kind;
    if (job_.macs.reachable(t.ip)) {
      const Classification silence = classify_silence(t.kind);
      record.state = silence.state;
      record.reason = silence.reason;
    } else {
      record.state = PortState::Filtered;
      record.reason = StateReason::ArpTimeout;
    }
    record.attempt = std::uint8_t(job_.settings.attempts - 1);
    counters_.filtered.fetch_add(1, std::memory_order_relaxed);
    results_.port(record);
  }
}

}  // namespace zeroscan
