// Sender: walks the permutation once per attempt, stamps a probe per index
// from the kind's template and the cookie, and hands batches to the
// PacketSink at the configured rate. Pass 0 probes everything; each later
// pass re-probes only what the StateTable still lists as unanswered (all of
// it when the scan is too large for a table). Runs on its own thread.
#pragma once

#include <atomic>
#include <array>
#include <functional>
#include <optional>

#include "zeroscan/cookie/cookie.h"
#include "zeroscan/engine/engine_settings.h"
#include "zeroscan/engine/scan_counters.h"
#include "zeroscan/engine/scan_space.h"
#include "zeroscan/engine/state_table.h"
#include "zeroscan/engine/target_macs.h"
#include "zeroscan/net/packet_io.h"
#include "zeroscan/probe/probe_template.h"
#include "zeroscan/targets/permutation.h"

namespace zeroscan {

using ProbeTemplates = std::array<std::optional<ProbeTemplate>, kProbeKindCount>;

struct SenderContext {
  const ScanSpace& space;
  const Permutation& permutation;
  const Cookie& cookie;
  const ProbeTemplates& templates;
  const TargetMacs& macs;
  const StateTable* table;  // nullptr for scans too large for one
  PacketSink& sink;
  const EngineSettings& settings;
  ScanCounters& counters;
  const std::atomic<bool>& stop;
};

class Sender {
 public:
  explicit Sender(SenderContext context) : ctx_(context) {}
  // Sends every pass; returns when done or when stop is set. The final
  // permutation position of pass 0 is kept for resume files.
  void run();
  std::uint64_t pass0_position() const { return pass0_position_; }

 private:
  void send_pass(std::uint8_t attempt);
  void pause(double seconds);

  SenderContext ctx_;
  std::uint64_t pass0_position_ = 0;
};

}  // namespace zeroscan
