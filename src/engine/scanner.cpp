// Scanner::run, the table of contents of a scan.
#include "zeroscan/engine/scanner.h"

#include <thread>

#include "zeroscan/engine/conclusion.h"
#include "zeroscan/engine/clock.h"
#include "zeroscan/engine/monitor.h"
#include "zeroscan/engine/output_thread.h"
#include "zeroscan/engine/thread_failure.h"
#include "zeroscan/engine/thread_priority.h"

namespace zeroscan {

Scanner::Scanner(ScanJob job, std::vector<PacketSink*> sinks, PacketSource& source, ResultSink& results)
    : job_(std::move(job)),
      sinks_(std::move(sinks)),
      source_(source),
      results_(results),
      queue_(result_queue_capacity(job_.settings.rate)) {
  // Exact per-pair states need memory per pair; past the limit we report
  // responders only (as zmap does), with a bounded dedup window instead.
  if (job_.space.size() <= job_.settings.state_table_limit)
    table_ = std::make_unique<StateTable>(job_.space.size());
  const unsigned threads = std::max(1u, job_.settings.sender_threads);
  if (threads > 1) {
    for (unsigned t = 0; t < threads; ++t)
      slices_.push_back(std::make_unique<Permutation>(
          job_.space.size(), job_.seed,
          ShardSpec{job_.shard.index + job_.shard.count * t, job_.shard.count * threads}));
  }
  positions_.assign(threads, 0);
}

Scanner::Scanner(ScanJob job, PacketSink& sink, PacketSource& source, ResultSink& results)
    : Scanner(std::move(job), std::vector<PacketSink*>{&sink}, source, results) {}

std::uint64_t Scanner::resume_position(std::size_t thread) const {
  const auto& resume = job_.settings.resume_positions;
  return thread < resume.size() ? resume[thread] : 0;
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
  ScanSummary summary = job_.description;

  // 1. Write on the output thread, receive on the capture thread — both
  //    before the first probe leaves, so no early answer is missed.
  OutputThread output(queue_, results_, [this] { stop_for_failed_output(); });
  output.start();
  Receiver receiver({job_.space, job_.cookie, table_.get(), queue_, counters_,
                     job_.os ? &job_.os->collector : nullptr, job_.settings.host_discovery,
                     job_.v6 ? &job_.v6->cookie : nullptr});
  // A worker that throws (out of memory in -O's evidence, say) stops the
  // scan; its exception is rethrown here once every thread has joined.
  ThreadFailure worker_failed;
  std::thread receive_thread([&] {
    worker_failed.guard(
        [&] {
          name_this_thread("zs-capture");
          favour_capture_thread();
          receiver.run(source_, stop_receiving_);
        },
        [this] { stop_for_failed_output(); });
  });

  // 2. Status line, if asked for.
  Monitor monitor(counters_, job_.permutation.size() / job_.shard.count, job_.settings.attempts,
                  job_.settings.rate, job_.settings.progress_interval_seconds, job_.settings.progress_new_lines);
  if (job_.settings.progress) monitor.start();

  // 3. Send every pass on the sender threads (pass 0: everything; later
  //    passes: only what is still unanswered), each on its own slice.
  const std::size_t threads = positions_.size();
  std::vector<std::unique_ptr<Sender>> senders;
  for (std::size_t t = 0; t < threads; ++t) {
    const Permutation& slice = slices_.empty() ? job_.permutation : *slices_[t];
    senders.push_back(std::make_unique<Sender>(SenderContext{
        job_.space, slice, job_.cookie, job_.templates, job_.macs, table_.get(),
        *sinks_[t % sinks_.size()], job_.settings, job_.settings.rate / double(threads),
        resume_position(t), counters_, stop_sending_,
        t == 0 && job_.os ? &job_.os->follow_ups : nullptr, job_.v6}));
  }
  std::vector<std::thread> send_threads;
  for (auto& sender : senders)
    send_threads.emplace_back([&] {
      name_this_thread("zs-send");
      worker_failed.guard([&] { sender->run(); }, [this] { stop_for_failed_output(); });
    });
  for (auto& thread : send_threads) thread.join();
  counters_.sending_finished.store(true, std::memory_order_release);
  summary.send_seconds = double(monotonic_ns() - start) / 1e9;
  for (std::size_t t = 0; t < threads; ++t) positions_[t] = senders[t]->pass0_position();

  // 4. Cooldown: late answers still count, for --wait seconds.
  cool_down();

  // 5. Stop capturing; from here on only this thread touches the results.
  stop_receiving_.store(true, std::memory_order_release);
  receive_thread.join();
  output.finish();
  monitor.stop();
  output.rethrow_if_failed();
  worker_failed.rethrow_if_any();

  // 6. Whatever never answered is filtered (no-response), as nmap says.
  //    Not after a writer failed: the outputs are cut off there.
  if (table_ && job_.settings.report_silence && !job_.settings.host_discovery && !output_failed_.load())
    conclude_silence();

  // 7. -O: name every responsive host from its evidence.
  if (job_.os)
    for (const HostRecord& host : job_.os->collector.conclude(job_.os->matcher)) results_.host(host);

  // 8. The summary closes every output.
  fill_summary_counts(summary, job_.space, counters_, job_.seed, job_.shard);
  summary.sent = counters_.sent.load();
  summary.interrupted = stop_requests_.load() > 0 || output_failed_.load();
  summary.covered = counters_.pass0_done.load();
  summary.elapsed_seconds = double(monotonic_ns() - start) / 1e9;
  results_.finish(summary);
  return summary;
}

void Scanner::stop_for_failed_output() {
  output_failed_.store(true);
  stop_sending_.store(true);
  skip_cooldown_.store(true);
}

void Scanner::cool_down() {
  const std::int64_t until = monotonic_ns() + std::int64_t(job_.settings.wait_seconds * 1e9);
  while (!skip_cooldown_.load() && monotonic_ns() < until) {
    send_late_follow_ups();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void Scanner::send_late_follow_ups() {
  // Replies that arrive after the senders finished still earn their
  // follow-ups; the senders are gone, so their first socket is free.
  if (!job_.os || job_.os->follow_ups.empty() || stop_sending_.load()) return;
  std::vector<ProbeTarget> probes;
  job_.os->follow_ups.take(probes, 64);
  const std::size_t frame_size = max_frame_size(job_.templates, job_.v6);
  std::vector<std::uint8_t> bytes(frame_size * probes.size());
  std::vector<FrameRef> frames;
  for (std::size_t i = 0; i < probes.size(); ++i) {
    std::uint8_t* slot = bytes.data() + i * frame_size;
    const std::size_t size = stamp_probe(job_.templates, job_.macs, job_.cookie, probes[i], 0, slot, job_.v6);
    if (size) frames.push_back({slot, std::uint32_t(size)});
  }
  std::size_t done = 0;
  for (int tries = 0; done < frames.size() && tries < 100; ++tries)
    done += sinks_[0]->send(frames.data() + done, frames.size() - done);
  counters_.sent.fetch_add(done, std::memory_order_relaxed);
  counters_.follow_ups_sent.fetch_add(done, std::memory_order_relaxed);
}

void Scanner::conclude_silence() {
  // Walk exactly the positions pass 0 covered in every slice (an
  // interrupted scan covered fewer), so silence is only claimed for probes
  // that were really sent.
  for (std::size_t t = 0; t < positions_.size(); ++t) {
    const Permutation& slice = slices_.empty() ? job_.permutation : *slices_[t];
    conclude_silence_in(slice, resume_position(t), positions_[t]);
  }
}

void Scanner::conclude_silence_in(const Permutation& slice, std::uint64_t from, std::uint64_t until) {
  auto cursor = slice.cursor(from);
  while (cursor.position() < until) {
    const auto index = cursor.next();
    if (!index) break;
    if (table_->answered(*index)) continue;
    const ProbeTarget t = job_.space.at(*index);
    const bool reachable = t.v6 ? !job_.v6 || job_.v6->reachable(t.ip6) : job_.macs.reachable(t.ip);
    const PortRecord record = silence_record(t, reachable, job_.settings.attempts);
    if (job_.os && t.port == 0) job_.os->collector.add_silence(t.address(), t.kind, 0);
    counters_.filtered.fetch_add(1, std::memory_order_relaxed);
    results_.port(record);
  }
}

}  // namespace zeroscan
