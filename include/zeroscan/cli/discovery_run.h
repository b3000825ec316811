// --discover: the pieces between its two phases. The discovery's answers
// are collected (HostCollector: the addresses of the hosts up, nothing
// else), and the port scan then runs over exactly those hosts
// (live_targets), in the port scan's own slots.
#pragma once

#include <vector>

#include "zeroscan/core/ip_address.h"
#include "zeroscan/engine/scan_space.h"
#include "zeroscan/output/result_sink.h"
#include "zeroscan/targets/ipv6_target_set.h"
#include "zeroscan/targets/target_set.h"

namespace zeroscan {

// Keeps the address of every host-up record, either family; port records
// and the summary of the discovery phase go nowhere (the outputs hold the
// port scan).
class HostCollector : public ResultSink {
 public:
  void port(const PortRecord&) override {}
  void host_up(const HostUpRecord& record) override { up_.push_back(record.ip); }
  void finish(const ScanSummary& summary) override { interrupted_ = summary.interrupted; }
  std::string error() const override { return {}; }

  const std::vector<IpAddress>& up() const { return up_; }
  bool interrupted() const { return interrupted_; }

 private:
  std::vector<IpAddress> up_;
  bool interrupted_ = false;
};

// The hosts found up as target sets, one per family (sorted, each once).
struct LiveTargets {
  TargetSet v4;
  Ipv6TargetSet v6;
};
LiveTargets live_targets(const std::vector<IpAddress>& up);

// The port scan's slots over other targets: the same ports, kinds and
// extra slots (-sZ) as `scan`.
ScanSpace same_probes_for(const LiveTargets& targets, const ScanSpace& scan);

}  // namespace zeroscan
