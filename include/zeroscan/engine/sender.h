// Sender: walks its slice of the permutation once per attempt, stamps a
// probe per index from the kind's template and the cookie, and hands
// batches to its PacketSink at its share of the rate. Pass 0 probes
// everything; each later pass re-probes only what the StateTable still lists
// as unanswered (all of it when the scan is too large for a table). One
// Sender per sender thread; the threads' slices are disjoint sub-shards of
// the same cycle, so together they cover the shard exactly once.
#pragma once

#include <atomic>
#include <array>
#include <functional>
#include <optional>

#include "zeroscan/cookie/cookie.h"
#include "zeroscan/cookie/ipv6_cookie.h"
#include "zeroscan/engine/engine_settings.h"
#include "zeroscan/engine/follow_up.h"
#include "zeroscan/engine/scan_counters.h"
#include "zeroscan/engine/scan_space.h"
#include "zeroscan/engine/state_table.h"
#include "zeroscan/engine/target_macs.h"
#include "zeroscan/net/ipv6_next_hop.h"
#include "zeroscan/net/packet_io.h"
#include "zeroscan/probe/ipv6_probe_template.h"
#include "zeroscan/probe/probe_template.h"
#include "zeroscan/targets/permutation.h"

namespace zeroscan {

using ProbeTemplates = std::array<std::optional<ProbeTemplate>, kProbeKindCount>;
using Ipv6ProbeTemplates = std::array<std::optional<Ipv6ProbeTemplate>, kProbeKindCount>;

// The IPv6 side of a scan with IPv6 targets: the cookie over the scan's
// IPv6 source (same key as the IPv4 one), one template per kind (SYN, ACK,
// ICMPv6 echo) and the next-hop plan's MACs (nullptr: keep the template's, as
// for ::1). Without it IPv6 targets are never stamped.
struct Ipv6Probing {
  const Ipv6Cookie& cookie;
  const Ipv6ProbeTemplates& templates;
  const Ipv6NextHopPlan* plan = nullptr;

  // nullptr: the template's MAC, or (see reachable) do not send.
  const MacAddress* mac_for(Ipv6 target) const { return plan ? plan->next_hop_mac(target) : nullptr; }
  // False for an on-link target that never answered NDP.
  bool reachable(Ipv6 target) const { return !plan || plan->next_hop_mac(target) != nullptr; }
};

struct SenderContext {
  const ScanSpace& space;
  const Permutation& permutation;  // this thread's slice
  const Cookie& cookie;
  const ProbeTemplates& templates;
  const TargetMacs& macs;
  const StateTable* table;  // nullptr for scans too large for one
  PacketSink& sink;         // this thread's own socket
  const EngineSettings& settings;
  double rate;              // this thread's share of --rate
  std::uint64_t resume_position;  // where pass 0 starts in this slice
  ScanCounters& counters;
  const std::atomic<bool>& stop;
  FollowUpQueue* follow_ups = nullptr;  // -O: this thread also sends follow-up probes
  const Ipv6Probing* v6 = nullptr;      // IPv6 targets in the space
};

// Stamps one probe into `slot`; returns the frame size, or 0 when the target
// must not be probed (an on-link host that never answered ARP) or there is
// no template for its kind (IPv6 targets: no `v6` or no IPv6 template).
std::size_t stamp_probe(const ProbeTemplates& templates, const TargetMacs& macs, const Cookie& cookie,
                        const ProbeTarget& target, std::uint8_t attempt, std::uint8_t* slot,
                        const Ipv6Probing* v6 = nullptr);
std::size_t max_frame_size(const ProbeTemplates& templates, const Ipv6Probing* v6 = nullptr);

class Sender {
 public:
  explicit Sender(SenderContext context) : ctx_(context) {}
  // Sends every pass; returns when done or when stop is set. The final
  // position of pass 0 in this slice is kept for resume files.
  void run();
  std::uint64_t pass0_position() const { return pass0_position_; }

 private:
  void send_pass(std::uint8_t attempt);
  void pause(double seconds);

  SenderContext ctx_;
  std::uint64_t pass0_position_ = 0;
};

}  // namespace zeroscan
