// Parse and validate: the scan decided before anything is opened.
#include "zeroscan/cli/scan_plan.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <net/if.h>

#include "zeroscan/cli/number_checks.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/output/port_list.h"

namespace zeroscan {

namespace {

// --top-ports N becomes the port list; with -p as well it is ambiguous.
ScanOptions with_top_ports(ScanOptions o, const ports::PortDatabase& db) {
  if (o.top_ports == 0) return o;
  if (o.ports_given) throw UsageError("give either -p or --top-ports, not both");
  const std::vector<std::uint16_t> ranked = db.top_ports(o.top_ports, ports::Protocol::Tcp);
  if (ranked.size() < o.top_ports)
    throw UsageError("--top-ports " + std::to_string(o.top_ports) + ": zeroscan's ranking holds " +
                     std::to_string(ranked.size()) + " TCP ports (give 1-" + std::to_string(ranked.size()) +
                     ", or -p- for all 65535)");
  o.ports = format_port_list(ranked);
  return o;
}

// -sn: the discovery probes are the whole scan; -sZ: two more per host.
std::vector<ProbeSlot> extra_slots(const ScanOptions& o) {
  if (o.discovery.ping_scan) return discovery_slots(o.discovery);
  if (!o.port0) return {};
  return {{0, ProbeKind::Syn}, {0, ProbeKind::Ack}};
}

// -S holding a ':' is the IPv6 scan's source (source_ip6_from), not this one.
NextHopOverrides overrides_from(const ScanOptions& o) {
  NextHopOverrides overrides;
  overrides.interface = o.interface;
  if (!o.source_ip.empty() && !is_ipv6_target_spec(o.source_ip)) {
    overrides.source_ip = Ipv4::parse(o.source_ip);
    if (!overrides.source_ip) throw UsageError("bad --source-ip '" + quote_capped(o.source_ip) + "'");
  }
  if (!o.router_mac.empty()) {
    overrides.router_mac = MacAddress::parse(o.router_mac);
    if (!overrides.router_mac) throw UsageError("bad --router-mac '" + quote_capped(o.router_mac) + "'");
  }
  return overrides;
}

std::optional<Ipv6> source_ip6_from(const ScanOptions& o) {
  if (o.source_ip.empty() || !is_ipv6_target_spec(o.source_ip)) return std::nullopt;
  const auto source = Ipv6::parse(o.source_ip);
  if (!source) throw UsageError("bad --source-ip '" + quote_capped(o.source_ip) + "'");
  return source;
}

std::string duration(double seconds) {
  char text[64];
  if (seconds < 120) std::snprintf(text, sizeof text, "%.0f seconds", seconds);
  else if (seconds < 2 * 3600) std::snprintf(text, sizeof text, "%.0f minutes", seconds / 60);
  else if (seconds < 2 * 86400) std::snprintf(text, sizeof text, "%.1f hours", seconds / 3600);
  else if (seconds < 2 * 365 * 86400.0) std::snprintf(text, sizeof text, "%.0f days", seconds / 86400);
  else std::snprintf(text, sizeof text, "%.0f years", seconds / (365.25 * 86400));
  return text;
}

}  // namespace

ScanPlan::ScanPlan(const ScanOptions& given, const ports::PortDatabase& port_db, std::uint64_t entropy_seed)
    : options(with_top_ports(given, port_db)),
      inputs(resolve_scan_inputs(
          options, resolve_with_getaddrinfo, entropy_seed, [](const char* name) { return std::getenv(name); },
          resolve_ipv6_with_getaddrinfo)),
      space(inputs.targets, inputs.targets6, inputs.ports, inputs.kinds, extra_slots(options)),
      permutation(space.size(), inputs.seed, inputs.shard),
      overrides(overrides_from(options)),
      source_ip6(source_ip6_from(options)) {}

ScanCost ScanPlan::cost(std::size_t frame_bytes) const {
  ScanCost c;
  c.probes = (space.size() + inputs.shard.count - 1) / inputs.shard.count;
  c.bytes = c.probes * frame_bytes;
  c.seconds = double(c.probes) / options.rate;
  c.attempts = options.retries + 1;
  c.wait_seconds = options.wait_seconds;
  return c;
}

std::vector<NamedPath> ScanPlan::outputs() const {
  OutputPaths paths;
  paths.json = options.output_json;
  paths.normal = options.output_normal;
  paths.xml = options.output_xml;
  paths.grepable = options.output_grepable;
  paths.csv = options.output_csv;
  paths.all_base = options.output_all;
  paths.resume = options.append_outputs;  // --pcap is always replaced
  std::vector<NamedPath> out = output_files(written_paths(paths));
  if (!options.pcap.empty()) {
    out.push_back({"--pcap", options.pcap});
    out.push_back({"--pcap", options.pcap + ".scan.json"});
  }
  return out;
}

std::vector<NamedPath> ScanPlan::inputs_read() const {
  std::vector<NamedPath> in;
  for (const std::string& f : options.input_lists) in.push_back({"-iL", f});
  for (const std::string& f : options.exclude_files) in.push_back({"--excludefile", f});
  if (!options.config.empty()) in.push_back({"--config", options.config});
  if (!options.resume.empty()) in.push_back({"--resume", options.resume});
  return in;
}

std::string describe_cost(const ScanCost& cost, double rate) {
  const double log2 = cost.probes ? std::log2(double(cost.probes)) : 0;
  char text[200];
  std::snprintf(text, sizeof text, "%llu probes (2^%.1f", static_cast<unsigned long long>(cost.probes), log2);
  std::string out = text;
  if (cost.bytes) out += ", " + std::to_string(cost.bytes) + " bytes";
  std::snprintf(text, sizeof text, "), about %s at --rate %.0f", duration(cost.seconds).c_str(), rate);
  return out + text;
}

void validate(const ScanPlan& plan) {
  const ScanOptions& o = plan.options;
  if (o.os_rto && !o.os) throw UsageError("--os-rto times retransmissions for -O: add -O");
  if (!o.os_db.empty() && !o.os) throw UsageError("--os-db names the database -O matches against: add -O");
  if (!o.os_db.empty() && !std::filesystem::exists(o.os_db))
    throw UsageError("--os-db " + o.os_db + ": no such file or directory");
  if (o.discovery.any() && !o.pcap.empty())
    throw UsageError("--pcap records port scans for zeroscan analyze, which does not replay a discovery "
                     "(-sn, --discover) yet");
  if (o.discovery.discover) {
    // The port scan's targets are found during the run: a shard would
    // split them differently from its siblings, and a resume could not
    // find its place again.
    if (plan.inputs.shard.count > 1)
      throw UsageError("--discover cannot be sharded: run -sn per shard, then scan the hosts up with -iL");
  }
  refuse_clobbering(plan.outputs(), plan.inputs_read());
  if (!o.interface.empty() && ::if_nametoindex(o.interface.c_str()) == 0)
    throw UsageError("-e '" + quote_capped(o.interface) + "': no such interface");
  const ScanCost cost = plan.cost(0);
  if (cost.probes > kLargeScanProbes && !o.yes && !o.dry_run)
    throw UsageError("this scan sends " + describe_cost(cost, o.rate) +
                     "; add --yes to start it (or --dry-run to check it)");
}

}  // namespace zeroscan
