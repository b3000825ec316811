// HostDiscoverySink: the results end of a discovery scan (-sn). The engine
// hands over one record per host up (its first answer, as a PortRecord of
// the discovery probe that drew it); this turns each into a HostUpRecord
// for the writers, passes ARP answers (host_up) straight on, and puts the
// count of hosts up into the summary.
#pragma once

#include "zeroscan/output/result_sink.h"

namespace zeroscan {

// The host-up record a discovery probe's answer stands for.
HostUpRecord host_up_from(const PortRecord& answer);

class HostDiscoverySink : public ResultSink {
 public:
  explicit HostDiscoverySink(ResultSink& writers) : writers_(writers) {}
  void port(const PortRecord& record) override;  // answered records only; silence is no host
  void host_up(const HostUpRecord& record) override;
  void finish(const ScanSummary& summary) override;
  std::string error() const override { return writers_.error(); }
  std::uint64_t hosts_up() const { return hosts_up_; }

 private:
  ResultSink& writers_;
  std::uint64_t hosts_up_ = 0;
};

}  // namespace zeroscan
