// EngineSettings: the timing and sizing knobs of one scan, already
// validated by the CLI. A plain value, never mutated once the scan starts.
#pragma once

#include <cstdint>
#include <vector>

namespace zeroscan {

struct EngineSettings {
  double rate = 10000;              // packets per second, all probe kinds together
  std::uint8_t attempts = 2;        // 1 + --retries
  double wait_seconds = 2.0;        // cooldown after the last probe (--wait)
  double retry_gap_seconds = 1.0;   // pause before a retry pass, for late answers
  std::uint64_t state_table_limit = std::uint64_t(1) << 28;  // larger scans: responders only
  bool report_silence = true;       // emit filtered/no-response records (needs the table)
  bool host_discovery = false;      // -sn: one result per host up (ReceiverContext::per_host)
  unsigned max_batch = 64;          // frames per sendmmsg
  bool progress = false;            // live status line on stderr
  double progress_interval_seconds = 1.0;  // how often (nmap's --stats-every)
  // Each report on a line of its own, also on a terminal, as nmap's
  // --stats-every prints them (else a terminal gets one line rewritten).
  bool progress_new_lines = false;
  unsigned sender_threads = 1;      // each with its own socket and slice of the order
  // Where pass 0 starts in each sender thread's slice (empty: the start);
  // read back from Scanner::pass0_positions() of an interrupted run.
  std::vector<std::uint64_t> resume_positions;
};

}  // namespace zeroscan
