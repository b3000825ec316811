// The scan's own description in its outputs, and port annotations.
#include "zeroscan/cli/scan_description.h"

#include <ctime>

#include "zeroscan/output/port_list.h"

namespace zeroscan {

ScanSummary describe_scan(const ScanOptions& o, const ScanInputs& in) {
  ScanSummary d;
  std::string targets;
  auto append = [&targets](const std::string& part) { targets += (targets.empty() ? "" : " ") + part; };
  for (const auto& t : o.targets) append(t);
  for (const auto& f : o.input_lists) append("-iL " + f);
  for (const auto& e : o.excludes) append("--exclude " + e);
  for (const auto& f : o.exclude_files) append("--excludefile " + f);
  d.config.targets = targets;
  d.config.ports = format_port_list(in.ports.ports());
  if (o.discovery.ping_scan) {
    d.config.probes = "discovery:" + discovery_label(discovery_slots(o.discovery));
    d.host_discovery = true;
  } else {
    d.config.probes = in.kinds.size() == 2 ? "syn,ack" : std::string(to_string(in.kinds.front()));
    if (o.port0) d.config.probes += ",port0";
  }
  d.config.rate = o.rate;
  d.config.retries = o.retries;
  d.config.wait_seconds = o.wait_seconds;
  d.config.ttl = o.ttl;
  d.config.responders_only = o.responders_only;
  d.config.open_only = o.open_only;
  d.version = std::string(ZEROSCAN_VERSION) + " (git " + ZEROSCAN_GIT_HASH + ")";
  for (const auto& a : o.args) d.args += (d.args.empty() ? "zeroscan " : " ") + a;
  d.start_unix = std::time(nullptr);
  return d;
}

PortAnnotator make_port_annotator(const ports::PortDatabase& db) {
  return [&db](std::uint16_t port) {
    const ports::PortAnnotation a = db.annotate(port, ports::Protocol::Tcp);
    return PortAnnotation{a.service, a.warning};
  };
}

}  // namespace zeroscan
