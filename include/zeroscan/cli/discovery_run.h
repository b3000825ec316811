// --discover: the pieces between its two phases. The discovery's answers
// are collected (HostCollector: the addresses of the hosts up, nothing
// else), and the port scan then runs over exactly those hosts
// (live_targets), in the port scan's own slots.
#pragma once

#include <vector>

#include "zeroscan/engine/scan_space.h"
#include "zeroscan/output/result_sink.h"
#include "zeroscan/targets/target_set.h"

namespace zeroscan {

// Keeps the address of every host-up record; port records and the summary
// of the discovery phase go nowhere (the outputs hold the port scan).
class HostCollector : public ResultSink {
 public:
  void port(const PortRecord&) override {}
  // Host discovery probes IPv4 only so far: its records are IPv4.
  void host_up(const HostUpRecord& record) override { up_.push_back(record.ip.v4()); }
  void finish(const ScanSummary& summary) override { interrupted_ = summary.interrupted; }
  std::string error() const override { return {}; }

  const std::vector<Ipv4>& up() const { return up_; }
  bool interrupted() const { return interrupted_; }

 private:
  std::vector<Ipv4> up_;
  bool interrupted_ = false;
};

// The hosts found up as a target set (sorted, each once).
TargetSet live_targets(const std::vector<Ipv4>& up);

// The port scan's slots over other targets: the same ports, kinds and
// extra slots (-sZ) as `scan`.
ScanSpace same_probes_for(const TargetSet& targets, const ScanSpace& scan);

}  // namespace zeroscan
