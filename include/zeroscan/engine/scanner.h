// Scanner: runs one scan end to end over a PacketSink/PacketSource pair —
// the real NIC in production, a scripted in-memory network in tests.
// Threads: senders (paced sending), receiver (capture -> result queue),
// output (queue -> writers), monitor (status line); the caller's thread
// waits and then concludes silence. A writer that fails (full disk, closed
// pipe) ends the scan as an interrupt would: sending stops, the cooldown is
// skipped, and the summary says interrupted, so a resume file is written.
#pragma once

#include <atomic>
#include <memory>

#include "zeroscan/engine/engine_settings.h"
#include "zeroscan/engine/os_evidence.h"
#include "zeroscan/engine/receiver.h"
#include "zeroscan/engine/result_queue.h"
#include "zeroscan/engine/scan_counters.h"
#include "zeroscan/engine/scan_space.h"
#include "zeroscan/engine/sender.h"
#include "zeroscan/engine/state_table.h"
#include "zeroscan/engine/target_macs.h"
#include "zeroscan/targets/permutation.h"

namespace zeroscan {

// -O: the evidence collector, the queue it fills with follow-up probes, and
// the matcher that names each host at the end.
struct OsFingerprinting {
  OsEvidenceCollector& collector;
  FollowUpQueue& follow_ups;
  const fingerprint::Matcher& matcher;
};

struct ScanJob {
  const ScanSpace& space;
  const Permutation& permutation;
  const Cookie& cookie;
  const ProbeTemplates& templates;
  const TargetMacs& macs;
  EngineSettings settings;
  std::uint64_t seed = 0;
  ShardSpec shard;
  OsFingerprinting* os = nullptr;  // -O, optional
  // What the outputs record about the scan besides its counts: config,
  // version, command line, start time (copied into the final summary).
  ScanSummary description;
  const Ipv6Probing* v6 = nullptr;  // the space holds IPv6 targets
};

class Scanner {
 public:
  // One sink per sender thread (settings.sender_threads of them; a sink
  // that is thread-safe, like the scripted network, may be listed N times).
  Scanner(ScanJob job, std::vector<PacketSink*> sinks, PacketSource& source, ResultSink& results);
  Scanner(ScanJob job, PacketSink& sink, PacketSource& source, ResultSink& results);
  ~Scanner();

  ScanSummary run();

  // Safe from any thread (a signal-waiting thread calls it). First call:
  // stop sending, keep receiving for the cooldown. Second: end now.
  void request_stop();

  // True when a writer failed mid-scan and ended it early.
  bool output_failed() const { return output_failed_.load(); }

  // Per sender thread: how far pass 0 got (the resume point).
  const std::vector<std::uint64_t>& pass0_positions() const { return positions_; }

 private:
  void stop_for_failed_output();
  void cool_down();
  void send_late_follow_ups();
  void conclude_silence();
  void conclude_silence_in(const Permutation& slice, std::uint64_t from, std::uint64_t until);
  std::uint64_t resume_position(std::size_t thread) const;

  ScanJob job_;
  std::vector<PacketSink*> sinks_;
  // The sender threads' slices: sub-shards (index + count*t) of
  // (count*threads) of the same cycle; just the job's permutation for one thread.
  std::vector<std::unique_ptr<Permutation>> slices_;
  PacketSource& source_;
  ResultSink& results_;
  std::unique_ptr<StateTable> table_;
  ResultQueue queue_;
  ScanCounters counters_;
  std::atomic<bool> stop_sending_{false};
  std::atomic<bool> stop_receiving_{false};
  std::atomic<bool> skip_cooldown_{false};
  std::atomic<int> stop_requests_{0};
  std::atomic<bool> output_failed_{false};
  std::vector<std::uint64_t> positions_;
};

}  // namespace zeroscan
