// replay_capture: a recorded scan concluded again from its capture.
#include "zeroscan/engine/offline_replay.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <vector>

#include "zeroscan/engine/conclusion.h"
#include "zeroscan/engine/follow_up.h"
#include "zeroscan/engine/os_evidence.h"
#include "zeroscan/engine/receiver.h"
#include "zeroscan/engine/result_queue.h"
#include "zeroscan/engine/scan_counters.h"
#include "zeroscan/engine/state_table.h"

namespace zeroscan {

namespace {

// Whether `tcp`, sent to `target`, is the probe some attempt of (target,
// port, kind) carries: a bare SYN or bare ACK with the cookie's source
// port and sequence number (and ack, for ACK probes).
template <class Match, class CookieType, class Address>
std::optional<Match> probe_of(const TcpFields& tcp, const CookieType& cookie, Address target) {
  ProbeKind kind;
  if (tcp.flags == tcp_flag::Syn) {
    kind = ProbeKind::Syn;
  } else if (tcp.flags == tcp_flag::Ack) {
    kind = ProbeKind::Ack;
  } else {
    return std::nullopt;
  }
  for (std::uint8_t attempt = 0; attempt < cookie.max_attempts(); ++attempt) {
    const auto fields = cookie.probe_fields(target, tcp.dst_port, kind, attempt);
    if (fields.src_port != tcp.src_port || fields.seq != tcp.seq) continue;
    if (kind == ProbeKind::Ack && fields.ack != tcp.ack) continue;
    return Match{target, tcp.dst_port, kind, attempt};
  }
  return std::nullopt;
}

}  // namespace

std::optional<CookieMatch> own_probe(const Reply& frame, const Cookie& cookie) {
  if (frame.kind != ReplyKind::Tcp || frame.family != IpFamily::V4 || frame.ip.src != cookie.source())
    return std::nullopt;
  return probe_of<CookieMatch>(frame.tcp, cookie, frame.ip.dst);
}

std::optional<Ipv6CookieMatch> own_probe(const Reply& frame, const Ipv6Cookie& cookie) {
  if (frame.kind != ReplyKind::Tcp || frame.family != IpFamily::V6 || frame.ip6.src != cookie.source())
    return std::nullopt;
  return probe_of<Ipv6CookieMatch>(frame.tcp, cookie, frame.ip6.dst);
}

namespace {

// The live scan's sender slices: the job's shard for one thread, or
// sub-shards (index + count*t) of (count*threads) of the same cycle.
std::vector<Permutation> sender_slices(const OfflineReplayJob& job) {
  std::vector<Permutation> slices;
  const unsigned threads = std::max(1u, job.sender_threads);
  if (threads == 1) {
    slices.emplace_back(job.space.size(), job.seed, job.shard);
  } else {
    for (unsigned t = 0; t < threads; ++t)
      slices.emplace_back(job.space.size(), job.seed,
                          ShardSpec{job.shard.index + job.shard.count * t, job.shard.count * threads});
  }
  return slices;
}

class Replay {
 public:
  Replay(const OfflineReplayJob& job, ResultSink& results, OfflineReplayStats& stats)
      : job_(job), results_(results), stats_(stats) {
    if (job_.space.size() <= job_.state_table_limit) {
      table_ = std::make_unique<StateTable>(job_.space.size());
      probed_.assign(job_.space.size(), false);
      probed_target_.assign(job_.space.hosts(), false);  // both families
    }
    if (job_.os)
      collector_.emplace(job_.space, follow_ups_, job_.os->our_ts_val, job_.os->timing, job_.seed);
    ReceiverContext context{job_.space, job_.cookie, table_.get(), queue_, counters_,
                            collector_ ? &*collector_ : nullptr};
    context.cookie6 = job_.cookie6;
    receiver_.emplace(context);
  }

  void frame(const std::uint8_t* data, std::size_t size, LinkType link, std::int64_t ts) {
    first_ns_ = std::min(first_ns_, ts);
    last_ns_ = std::max(last_ns_, ts);
    const std::optional<Reply> parsed = receiver_->parse(data, size, link, ts);
    if (parsed && sent_by_us(*parsed, ts)) return;
    ++stats_.replies;
    receiver_->handle_parsed(parsed);
    // No second thread here: every result goes to the writers at once, so
    // records keep the capture's order.
    drain_results(queue_, results_, scratch_);
  }

  ScanSummary finish() {
    if (table_ && job_.report_silence) conclude_silence();
    if (collector_)
      for (const HostRecord& host : collector_->conclude(job_.os->matcher)) results_.host(host);
    // Let the follow-up queue go: nobody sends from a replay.
    std::vector<ProbeTarget> drained;
    while (!follow_ups_.empty()) follow_ups_.take(drained, 1 << 16);

    ScanSummary summary = job_.description;
    fill_summary_counts(summary, job_.space, counters_, job_.seed, job_.shard);
    summary.sent = stats_.probes;
    summary.covered = covered_;
    if (last_ns_ >= first_ns_) {
      summary.elapsed_seconds = double(last_ns_ - first_ns_) / 1e9;
      if (last_probe_ns_ >= first_ns_) summary.send_seconds = double(last_probe_ns_ - first_ns_) / 1e9;
      if (summary.start_unix == 0) summary.start_unix = first_ns_ / 1000000000;
    }
    return summary;
  }

 private:
  // A frame from our address to someone else is one we sent (the live
  // capture only passes frames addressed to us): a probe, counted as sent,
  // or something else of ours. Either way no reply.
  bool sent_by_us(const Reply& frame, std::int64_t ts) {
    if (frame.family == IpFamily::V4) return sent_by_us(frame, job_.cookie, frame.ip, ts);
    return sent_by_us(frame, *job_.cookie6, frame.ip6, ts);  // parsed as IPv6 only with a cookie6
  }

  template <class CookieType, class Header>
  bool sent_by_us(const Reply& frame, const CookieType& cookie, const Header& ip, std::int64_t ts) {
    if (ip.src != cookie.source()) return false;
    if (const auto probe = own_probe(frame, cookie)) {
      sent(*probe, ts);
      return true;
    }
    if (ip.dst == cookie.source()) return false;
    ++stats_.other_sent;
    return true;
  }

  template <class Match>
  void sent(const Match& probe, std::int64_t ts) {
    ++stats_.probes;
    last_probe_ns_ = std::max(last_probe_ns_, ts);
    const auto index = job_.space.index_of(probe.target, probe.port, probe.kind);
    if (!index) {
      ++stats_.follow_ups;
      return;
    }
    if (!probed_.empty()) {
      probed_[*index] = true;
      probed_target_[*index / job_.space.slots().size()] = true;
    }
  }

  // As Scanner::conclude_silence: per slice, the positions pass 0 covered
  // (retries never go past pass 0). Inside them, an unanswered index is
  // silence, unless its target got no probe at all: the sender skips only
  // targets without a link-layer address (no ARP or NDP answer), which the
  // live scan reports as ARP timeouts.
  void conclude_silence() {
    for (const Permutation& slice : sender_slices(job_)) {
      const std::uint64_t end = covered_end(slice);
      auto cursor = slice.cursor();
      while (cursor.position() < end) {
        const auto index = cursor.next();
        if (!index) break;
        ++covered_;
        if (table_->answered(*index)) continue;
        const ProbeTarget t = job_.space.at(*index);
        const bool probed = probed_target_[*index / job_.space.slots().size()];
        if (!probed) ++stats_.unreachable;
        const PortRecord record = silence_record(t, probed, job_.cookie.max_attempts());
        if (collector_ && t.port == 0) collector_->add_silence(t.address(), t.kind, 0);  // as Scanner
        counters_.filtered.fetch_add(1, std::memory_order_relaxed);
        results_.port(record);
      }
    }
  }

  // Where pass 0 ended in `slice`: after the last position we find a probe
  // for, and after the positions of never-probed targets that follow it
  // (the sender walked past those too: a finished scan covers every
  // position, and the last ones may belong to targets it skipped). A slice
  // without any probe claims nothing.
  std::uint64_t covered_end(const Permutation& slice) const {
    std::uint64_t end = 0;
    bool any_probe = false;
    auto cursor = slice.cursor();
    for (;;) {
      const std::uint64_t before = cursor.position();  // the cycle may step over values past the space
      const auto index = cursor.next();
      if (!index) break;
      if (probed_[*index]) {
        any_probe = true;
        end = cursor.position();
      } else if (any_probe && end == before && !probed_target_[*index / job_.space.slots().size()]) {
        end = cursor.position();
      }
    }
    return end;
  }

  const OfflineReplayJob& job_;
  ResultSink& results_;
  OfflineReplayStats& stats_;
  ScanCounters counters_;
  ResultQueue queue_{16};
  PortRecord scratch_;
  std::unique_ptr<StateTable> table_;
  std::vector<bool> probed_;         // index -> some attempt of it is in the capture
  std::vector<bool> probed_target_;  // target index -> some probe to it is in the capture
  FollowUpQueue follow_ups_;
  std::optional<OsEvidenceCollector> collector_;
  std::optional<Receiver> receiver_;
  std::uint64_t covered_ = 0;
  std::int64_t first_ns_ = std::numeric_limits<std::int64_t>::max();
  std::int64_t last_ns_ = std::numeric_limits<std::int64_t>::min();
  std::int64_t last_probe_ns_ = std::numeric_limits<std::int64_t>::min();
};

}  // namespace

ScanSummary replay_capture(const OfflineReplayJob& job, PacketSource& capture, ResultSink& results,
                           OfflineReplayStats* stats) {
  OfflineReplayStats local;
  OfflineReplayStats& s = stats ? *stats : local;
  s = OfflineReplayStats{};
  Replay replay(job, results, s);
  const LinkType link = capture.link_type();
  auto on_frame = [&](const std::uint8_t* data, std::size_t size, std::int64_t ts) {
    replay.frame(data, size, link, ts);
  };
  const FrameHandler handler(on_frame);
  // A file source says -1 at its end; a source that keeps returning
  // nothing is taken as ended too (bounded: a replay never waits).
  for (int idle = 0; idle < 1000;) {
    const int n = capture.dispatch(0, handler);
    if (n < 0) break;
    idle = n == 0 ? idle + 1 : 0;
  }
  ScanSummary summary = replay.finish();
  results.finish(summary);
  return summary;
}

}  // namespace zeroscan
