// Discovery answers -> host-up records.
#include "zeroscan/output/host_discovery_sink.h"

namespace zeroscan {

HostUpRecord host_up_from(const PortRecord& answer) {
  HostUpRecord up;
  up.ip = answer.ip;
  up.reason = answer.reason;
  up.probe = answer.probe;
  up.port = answer.port;
  up.answered = answer.answered;
  up.ttl = answer.ttl;
  up.icmp_code = answer.icmp_code;
  up.timestamp_ns = answer.timestamp_ns;
  return up;
}

void HostDiscoverySink::port(const PortRecord& record) {
  if (record.answered) host_up(host_up_from(record));
}

void HostDiscoverySink::host_up(const HostUpRecord& record) {
  ++hosts_up_;
  writers_.host_up(record);
}

void HostDiscoverySink::finish(const ScanSummary& summary) {
  ScanSummary s = summary;
  s.host_discovery = true;
  s.hosts_up = hosts_up_;
  writers_.finish(s);
}

}  // namespace zeroscan
