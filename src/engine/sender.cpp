// The send loop: permutation -> probe fields -> stamped frames -> paced batches.
#include "zeroscan/engine/sender.h"

#include <thread>
#include <vector>

#include "zeroscan/engine/clock.h"
#include "zeroscan/engine/rate_limiter.h"

namespace zeroscan {

namespace {

std::size_t stamp_ipv6_probe(const Ipv6Probing* v6, const ProbeTarget& target, std::uint8_t attempt,
                             std::uint8_t* slot) {
  if (!v6) return 0;
  const auto& tmpl = v6->templates[int(target.kind)];
  if (!tmpl) return 0;
  const MacAddress* mac = v6->mac_for(target.ip6);
  if (!mac && v6->plan) return 0;  // on-link, no NDP answer
  const Ipv6ProbeFields fields = v6->cookie.probe_fields(target.ip6, target.port, target.kind, attempt);
  tmpl->stamp(slot, target.ip6, target.port, fields, mac);
  return tmpl->size();
}

}  // namespace

std::size_t max_frame_size(const ProbeTemplates& templates, const Ipv6Probing* v6) {
  std::size_t size = 0;
  for (const auto& t : templates)
    if (t && t->size() > size) size = t->size();
  if (v6)
    for (const auto& t : v6->templates)
      if (t && t->size() > size) size = t->size();
  return size;
}

std::size_t stamp_probe(const ProbeTemplates& templates, const TargetMacs& macs, const Cookie& cookie,
                        const ProbeTarget& target, std::uint8_t attempt, std::uint8_t* slot,
                        const Ipv6Probing* v6) {
  if (target.v6) return stamp_ipv6_probe(v6, target, attempt, slot);
  const auto& tmpl = templates[int(target.kind)];
  if (!tmpl) return 0;  // no template for this kind: nothing we could send
  const MacAddress* mac = macs.lookup(target.ip);
  if (!mac && !macs.reachable(target.ip)) return 0;
  const ProbeFields fields = cookie.probe_fields(target.ip, target.port, target.kind, attempt);
  tmpl->stamp(slot, target.ip, target.port, fields, mac);
  return tmpl->size();
}

void Sender::run() {
  for (std::uint8_t attempt = 0; attempt < ctx_.settings.attempts; ++attempt) {
    if (ctx_.stop.load(std::memory_order_relaxed)) break;
    if (attempt > 0) pause(ctx_.settings.retry_gap_seconds);  // let late answers land first
    ctx_.counters.pass.store(attempt, std::memory_order_relaxed);
    send_pass(attempt);
  }
}

void Sender::pause(double seconds) {
  const std::int64_t until = monotonic_ns() + std::int64_t(seconds * 1e9);
  while (!ctx_.stop.load(std::memory_order_relaxed) && monotonic_ns() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

void Sender::send_pass(std::uint8_t attempt) {
  const std::size_t frame_size = max_frame_size(ctx_.templates, ctx_.v6);
  const unsigned batch_size = RateLimiter::batch_size(ctx_.rate, ctx_.settings.max_batch);

  std::vector<std::uint8_t> bytes(frame_size * batch_size);
  std::vector<FrameRef> frames(batch_size);
  RateLimiter limiter(ctx_.rate, monotonic_ns());
  std::uint64_t sent_this_pass = 0;
  std::size_t pending = 0;

  auto flush = [&]() {
    if (pending == 0) return;
    limiter.forgive_lag(sent_this_pass, monotonic_ns());
    wait_until_ns(limiter.due_ns(sent_this_pass));
    std::size_t done = 0;
    // Short counts mean a full queue (ENOBUFS): back off briefly and retry
    // the rest, a bounded number of times, so a wedged NIC cannot hang us.
    for (int tries = 0; done < pending && tries < 1000; ++tries) {
      const std::size_t n = ctx_.sink.send(frames.data() + done, pending - done);
      done += n;
      if (done < pending) std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
    sent_this_pass += pending;
    ctx_.counters.sent.fetch_add(done, std::memory_order_relaxed);
    pending = 0;
  };

  // -O: follow-up probes the receiver queued ride in the next batches,
  // paced by the same limiter.
  std::vector<ProbeTarget> follow_ups;
  auto add_follow_ups = [&]() {
    if (!ctx_.follow_ups) return;
    ctx_.follow_ups->take(follow_ups, batch_size);
    for (const ProbeTarget& target : follow_ups) {
      std::uint8_t* slot = bytes.data() + pending * frame_size;
      const std::size_t size = stamp_probe(ctx_.templates, ctx_.macs, ctx_.cookie, target, 0, slot, ctx_.v6);
      if (size == 0) continue;
      frames[pending] = FrameRef{slot, std::uint32_t(size)};
      ctx_.counters.follow_ups_sent.fetch_add(1, std::memory_order_relaxed);
      if (++pending == batch_size) flush();
    }
  };

  // Every pass covers the same stretch of this slice: from where this run
  // started (a resumed run starts mid-way) to where pass 0 ended (an
  // interrupted run ends early). Retries never reach beyond pass 0.
  auto cursor = ctx_.permutation.cursor(ctx_.resume_position);
  const std::uint64_t end = attempt == 0 ? ctx_.permutation.positions() : pass0_position_;
  const bool skip_answered = attempt > 0 && ctx_.table;
  std::uint64_t handled = 0;
  std::uint64_t reported = 0;  // progress already added to the shared counter
  auto report_progress = [&] {
    if (attempt == 0) ctx_.counters.pass0_done.fetch_add(handled - reported, std::memory_order_relaxed);
    reported = handled;
  };
  while (true) {
    // Check for a stop before taking the next index, so the cursor position
    // never includes a probe that was not sent (resume relies on it).
    if ((handled & 1023) == 0) {
      report_progress();
      if (ctx_.stop.load(std::memory_order_relaxed)) break;
    }
    if (cursor.position() >= end) break;
    const auto index = cursor.next();
    if (!index) break;
    ++handled;
    if (skip_answered && ctx_.table->answered(*index)) continue;
    std::uint8_t* slot = bytes.data() + pending * frame_size;
    const std::size_t size =
        stamp_probe(ctx_.templates, ctx_.macs, ctx_.cookie, ctx_.space.at(*index), attempt, slot, ctx_.v6);
    if (size == 0) {
      if (attempt == 0) ctx_.counters.skipped_unreachable.fetch_add(1, std::memory_order_relaxed);
      continue;
    }
    frames[pending] = FrameRef{slot, std::uint32_t(size)};
    if (++pending == batch_size) {
      flush();
      add_follow_ups();
    }
  }
  flush();
  add_follow_ups();
  flush();
  report_progress();
  if (attempt == 0) pass0_position_ = cursor.position();
}

}  // namespace zeroscan
