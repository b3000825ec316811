// The --pcap sidecar: recorded values in, checked values out.
#include "zeroscan/cli/pcap_sidecar.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <sys/stat.h>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "zeroscan/cli/number_checks.h"
#include "zeroscan/cli/scan_description.h"
#include "zeroscan/cli/scan_inputs.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/output/output_file.h"
#include "zeroscan/output/port_list.h"

namespace zeroscan {

namespace {

// Version 3 added the IPv6 side ("targets6", "source6"); version 2
// sidecars, IPv4 only, still load.
constexpr int kVersion = 3;
constexpr int kOldestVersion = 2;
constexpr int kFirstIpv6Version = 3;
constexpr std::size_t kMaxSidecarBytes = 64 << 20;
constexpr std::size_t kMaxRanges = 1 << 20;  // both families together
constexpr std::size_t kMaxArgs = 4096;

// Whether `value` is a JSON integer that T holds.
template <class T>
bool whole_number_fits(const nlohmann::json& value) {
  if (value.is_number_unsigned()) return value.get<std::uint64_t>() <= std::uint64_t(std::numeric_limits<T>::max());
  if (!value.is_number_integer()) return false;  // floats, and everything that is not a number
  return std::is_signed_v<T> && value.get<std::int64_t>() >= std::int64_t(std::numeric_limits<T>::min());
}

// The sidecar's fields, each checked with a message that names it.
template <class T>
T field(const nlohmann::json& j, const char* key, const std::string& path) {
  if (!j.is_object() || !j.contains(key))
    throw DataError(path + ": not a complete zeroscan --pcap sidecar: no \"" + key + "\"");
  const nlohmann::json& value = j.at(key);
  auto wrong_type = [&] {
    return DataError(path + ": \"" + key + "\" has the wrong type (" + quote_capped(value.dump()) + ")");
  };
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    // A whole number that fits: nlohmann would convert 6.6e123 (undefined
    // behaviour) or wrap -1 around.
    if (!whole_number_fits<T>(value)) throw wrong_type();
  }
  try {
    return value.get<T>();
  } catch (const nlohmann::json::exception&) {
    throw wrong_type();
  }
}

template <class T>
T bounded(const nlohmann::json& j, const char* key, const std::string& path, T low, T high) {
  const auto value = field<std::uint64_t>(j, key, path);
  if (value < std::uint64_t(low) || value > std::uint64_t(high))
    throw DataError(path + ": \"" + key + "\" " + std::to_string(value) + " is out of range");
  return T(value);
}

// An address of either family, named in the error by `what`.
template <class Address>
Address address(const std::string& text, const char* what, const std::string& path) {
  constexpr const char* family = std::is_same_v<Address, Ipv4> ? "IPv4" : "IPv6";
  const auto parsed = Address::parse(text);
  if (!parsed)
    throw DataError(path + ": " + what + " is not an " + family + " address: '" + quote_capped(text) + "'");
  return *parsed;
}

// A list of [first, last] pairs under `key`, each range well formed.
template <class Range>
std::vector<Range> ranges_from(const nlohmann::json& j, const char* key, const std::string& path) {
  using Address = decltype(Range::first);
  const auto list = field<std::vector<std::vector<std::string>>>(j, key, path);
  if (list.size() > kMaxRanges)
    throw DataError(path + ": \"" + key + "\" lists more than " + std::to_string(kMaxRanges) + " ranges");
  std::vector<Range> ranges;
  ranges.reserve(list.size());
  for (const auto& pair : list) {
    if (pair.size() != 2)
      throw DataError(path + ": \"" + key + "\" holds a range that is not [first, last]");
    const auto first = address<Address>(pair[0], "a target", path);
    const auto last = address<Address>(pair[1], "a target", path);
    if (last < first) throw DataError(path + ": \"" + key + "\" holds a range that ends before it starts");
    ranges.push_back({first, last});
  }
  return ranges;
}

// The recorded IPv6 ranges are the live scan's normalised ones: sorted,
// disjoint, below 2^64 addresses in all (an index must name each).
void check_ipv6_ranges(const std::vector<Ipv6Range>& ranges, const std::string& path) {
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    if (i > 0 && !(ranges[i - 1].last < ranges[i].first))
      throw DataError(path + ": \"targets6\" is not sorted and disjoint, as a scan records it");
    const auto size = ranges[i].size();
    if (!size || *size > std::numeric_limits<std::uint64_t>::max() - total)
      throw DataError(path + ": \"targets6\" holds 2^64 or more addresses");
    total += *size;
  }
}

// Version 3's IPv6 side: the IPv6 ranges and, when there are any, the
// source address the Ipv6Cookie hashed.
void read_ipv6_side(const nlohmann::json& j, std::int64_t version, const std::string& path, PcapSidecar& s) {
  if (version < kFirstIpv6Version) {
    if (j.contains("targets6") || j.contains("source6"))
      throw DataError(path + ": a version " + std::to_string(version) +
                      " sidecar has no IPv6 side (\"targets6\", \"source6\")");
    return;
  }
  if (j.contains("targets6")) s.targets6 = ranges_from<Ipv6Range>(j, "targets6", path);
  check_ipv6_ranges(s.targets6, path);
  if (s.targets6.empty()) return;
  s.source6 = address<Ipv6>(field<std::string>(j, "source6", path), "\"source6\"", path);
}

void read_targets(const nlohmann::json& j, std::int64_t version, const std::string& path, PcapSidecar& s) {
  s.targets = ranges_from<Ipv4Range>(j, "targets", path);
  read_ipv6_side(j, version, path, s);
  if (s.targets.empty() && s.targets6.empty()) throw DataError(path + ": the sidecar lists no target range");
  if (s.targets.size() + s.targets6.size() > kMaxRanges)
    throw DataError(path + ": \"targets\" and \"targets6\" list more than " + std::to_string(kMaxRanges) +
                    " ranges");
}

std::vector<ProbeKind> kinds_from(const nlohmann::json& j, const std::string& path) {
  std::vector<ProbeKind> kinds;
  for (const std::string& name : field<std::vector<std::string>>(j, "kinds", path)) {
    ProbeKind kind;
    if (name == to_string(ProbeKind::Syn)) kind = ProbeKind::Syn;
    else if (name == to_string(ProbeKind::Ack)) kind = ProbeKind::Ack;
    else throw DataError(path + ": \"kinds\" holds an unknown probe kind '" + quote_capped(name) + "'");
    for (ProbeKind k : kinds)
      if (k == kind) throw DataError(path + ": \"kinds\" names a kind twice");
    kinds.push_back(kind);
  }
  if (kinds.empty()) throw DataError(path + ": \"kinds\" is empty");
  return kinds;
}

ScanConfig config_from(const nlohmann::json& j, const std::string& path) {
  const nlohmann::json c = field<nlohmann::json>(j, "config", path);
  ScanConfig config;
  config.targets = quote_capped(field<std::string>(c, "targets", path), 4096);
  config.ports = quote_capped(field<std::string>(c, "ports", path), 4096);
  config.probes = quote_capped(field<std::string>(c, "probes", path), 64);
  config.rate = field<double>(c, "rate", path);
  config.retries = bounded<unsigned>(c, "retries", path, 0, 255);
  config.wait_seconds = field<double>(c, "wait_seconds", path);
  config.ttl = bounded<unsigned>(c, "ttl", path, 0, 255);
  config.responders_only = field<bool>(c, "responders_only", path);
  config.open_only = field<bool>(c, "open_only", path);
  return config;
}

}  // namespace

PcapSidecar record_sidecar(const ScanOptions& o, const ScanInputs& in, Ipv4 source, std::optional<Ipv6> source6,
                           unsigned sender_threads, std::uint32_t ts_val) {
  PcapSidecar s;
  s.args = o.args;
  s.seed = in.seed;
  s.source = source;
  if (!in.target_ranges6.empty()) s.source6 = source6;
  s.source_ports = in.source_ports;
  s.attempts = o.retries + 1;
  s.ts_val = ts_val;
  s.targets = in.target_ranges;
  s.targets6 = in.target_ranges6;
  s.ports = format_port_list(in.ports.ports());
  s.kinds = in.kinds;
  s.port0 = o.port0;
  s.shard = in.shard;
  s.sender_threads = sender_threads;
  s.os = o.os;
  s.os_rto = o.os_rto;
  s.all_states = o.all_states;
  s.responders_only = o.responders_only;
  s.config = describe_scan(o, in).config;
  return s;
}

void write_pcap_sidecar(const std::string& path, const PcapSidecar& s) {
  nlohmann::ordered_json j;
  j["type"] = "zeroscan-pcap";
  j["version"] = kVersion;
  j["args"] = s.args;
  j["seed"] = s.seed;
  j["source"] = s.source.to_string();
  if (s.source6) j["source6"] = s.source6->to_string();
  j["source_ports"] = {{"first", s.source_ports.first}, {"count", s.source_ports.count}};
  j["attempts"] = s.attempts;
  j["ts_val"] = s.ts_val;
  nlohmann::ordered_json targets = nlohmann::ordered_json::array();
  for (const Ipv4Range& r : s.targets) targets.push_back({r.first.to_string(), r.last.to_string()});
  j["targets"] = targets;
  nlohmann::ordered_json targets6 = nlohmann::ordered_json::array();
  for (const Ipv6Range& r : s.targets6) targets6.push_back({r.first.to_string(), r.last.to_string()});
  j["targets6"] = targets6;
  j["ports"] = s.ports;
  std::vector<std::string> kinds;
  for (ProbeKind k : s.kinds) kinds.emplace_back(to_string(k));
  j["kinds"] = kinds;
  j["port0"] = s.port0;
  j["shard"] = {{"index", s.shard.index}, {"count", s.shard.count}};
  j["sender_threads"] = s.sender_threads;
  j["os"] = s.os;
  j["os_rto"] = s.os_rto;
  j["all_states"] = s.all_states;
  j["responders_only"] = s.responders_only;
  const ScanConfig& c = s.config;
  j["config"] = {{"targets", c.targets},   {"ports", c.ports},
                 {"probes", c.probes},     {"rate", c.rate},
                 {"retries", c.retries},   {"wait_seconds", c.wait_seconds},
                 {"ttl", c.ttl},           {"responders_only", c.responders_only},
                 {"open_only", c.open_only}};
  OutputFile file(path);
  file.write(j.dump(2) + "\n");
  if (!file.close()) throw SystemError(file.error());
}

PcapSidecar parse_pcap_sidecar(std::string_view text, const std::string& path) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) throw DataError(path + ": not a zeroscan --pcap sidecar (not JSON)");
  if (!j.is_object() || !j.contains("type") || j["type"] != "zeroscan-pcap")
    throw DataError(path + ": not a zeroscan --pcap sidecar (no \"type\":\"zeroscan-pcap\")");
  const auto version = field<std::int64_t>(j, "version", path);
  if (version < kOldestVersion || version > kVersion)
    throw DataError(path + ": sidecar version " + std::to_string(version) + " is not supported (" +
                    std::to_string(kOldestVersion) + " to " + std::to_string(kVersion) +
                    " are; record the scan again with this zeroscan)");
  PcapSidecar s;
  s.args = field<std::vector<std::string>>(j, "args", path);
  if (s.args.size() > kMaxArgs) throw DataError(path + ": \"args\" is too long");
  s.seed = field<std::uint64_t>(j, "seed", path);
  s.source = address<Ipv4>(field<std::string>(j, "source", path), "\"source\"", path);
  const nlohmann::json ports = field<nlohmann::json>(j, "source_ports", path);
  const auto first = bounded<std::uint32_t>(ports, "first", path, 1, 65535);
  const auto count = bounded<std::uint32_t>(ports, "count", path, 1, 65535);
  if (first + count - 1 > 65535)
    throw DataError(path + ": \"source_ports\" " + quote_capped(ports.dump()) + " is not a port range");
  s.source_ports = SourcePortRange{std::uint16_t(first), std::uint16_t(count)};
  s.attempts = bounded<unsigned>(j, "attempts", path, 1, 255);
  if (s.attempts > count) throw DataError(path + ": \"attempts\" is more than the source ports allow");
  s.ts_val = bounded<std::uint32_t>(j, "ts_val", path, 0, 0xffffffffu);
  read_targets(j, version, path, s);
  s.ports = field<std::string>(j, "ports", path);
  try {
    PortSet::parse(s.ports);
  } catch (const UsageError& e) {
    throw DataError(path + ": \"ports\": " + e.what());
  }
  s.kinds = kinds_from(j, path);
  s.port0 = field<bool>(j, "port0", path);
  const nlohmann::json shard = field<nlohmann::json>(j, "shard", path);
  s.shard.count = bounded<std::uint32_t>(shard, "count", path, 1, 65536);
  s.shard.index = bounded<std::uint32_t>(shard, "index", path, 0, s.shard.count - 1);
  s.sender_threads = bounded<unsigned>(j, "sender_threads", path, 1, 16);
  s.os = field<bool>(j, "os", path);
  s.os_rto = field<bool>(j, "os_rto", path);
  s.all_states = field<bool>(j, "all_states", path);
  s.responders_only = field<bool>(j, "responders_only", path);
  s.config = config_from(j, path);
  return s;
}

PcapSidecar read_pcap_sidecar(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw UsageError(path + ": cannot read the --pcap sidecar (" + std::strerror(errno) +
                     "); it is written beside the capture as FILE.scan.json");
  if (!S_ISREG(st.st_mode)) throw UsageError(path + ": the --pcap sidecar is not a regular file");
  if (std::size_t(st.st_size) > kMaxSidecarBytes) throw DataError(path + ": too large for a --pcap sidecar");
  std::ifstream file(path, std::ios::binary);
  if (!file) throw UsageError(path + ": cannot read the --pcap sidecar (" + std::strerror(errno) + ")");
  const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  return parse_pcap_sidecar(text, path);
}

namespace {

PortSet recorded_ports(const PcapSidecar& s) {
  try {
    return PortSet::parse(s.ports);
  } catch (const UsageError& e) {
    throw DataError("the sidecar's \"ports\": " + std::string(e.what()));
  }
}

std::vector<ProbeSlot> recorded_extra_slots(const PcapSidecar& s) {
  if (!s.port0) return {};
  return {{0, ProbeKind::Syn}, {0, ProbeKind::Ack}};
}

// The space as the live scan's ScanPlan builds it: IPv4 hosts, then IPv6.
ScanSpace recorded_space(const TargetSet& targets, const Ipv6TargetSet& targets6, const PortSet& ports,
                         const PcapSidecar& s) {
  try {
    return ScanSpace(targets, targets6, ports, s.kinds, recorded_extra_slots(s));
  } catch (const UsageError& e) {
    throw DataError("the sidecar describes a scan that cannot be rebuilt: " + std::string(e.what()));
  }
}

Ipv6TargetSet recorded_ipv6_targets(const PcapSidecar& s) {
  try {
    return Ipv6TargetSet(s.targets6, {});
  } catch (const UsageError& e) {
    throw DataError("the sidecar's \"targets6\": " + std::string(e.what()));
  }
}

}  // namespace

SidecarScan::SidecarScan(const PcapSidecar& s)
    : targets(s.targets, {}),
      targets6(recorded_ipv6_targets(s)),
      ports(recorded_ports(s)),
      space(recorded_space(targets, targets6, ports, s)),
      cookie(cookie_key_from_seed(s.seed, s.shard), s.source, s.source_ports, std::uint8_t(s.attempts)) {
  if (space.size() > Permutation::kMaxSize)
    throw DataError("the sidecar describes a scan of " + std::to_string(space.size()) +
                    " probes, more than any scan can hold");
  if (!targets6.empty()) {
    if (!s.source6) throw DataError("the sidecar lists IPv6 targets but no \"source6\"");
    cookie6.emplace(cookie_key_from_seed(s.seed, s.shard), *s.source6, s.source_ports, std::uint8_t(s.attempts));
  }
}

}  // namespace zeroscan
