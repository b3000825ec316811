// Reading the scanner's NDJSON; see scan_records.h.
#include "support/scan_records.h"

#include <fstream>

#include "support/ipv4_text.h"
#include "support/ipv6_text.h"

namespace zeroscan::lab {

namespace {

std::optional<int> optional_int(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_number_integer()) return std::nullopt;
  return j[key].get<int>();
}

// The "ip" of a port, firewall or host-up record: IPv4 into ip, IPv6 into ip6.
template <class Record>
bool read_ip(const nlohmann::json& j, Record& r) {
  const std::string text = j.value("ip", "");
  if (const auto v4 = parse_ipv4(text)) {
    r.ip = *v4;
    return true;
  }
  r.ip6 = parse_ipv6(text);
  return r.ip6.has_value();
}

}  // namespace

ScanOutput read_ndjson(const std::string& path) {
  ScanOutput out;
  std::ifstream in(path);
  if (!in) {
    out.problems.push_back(path + ": no output file");
    return out;
  }
  std::string line;
  int number = 0;
  auto problem = [&](const std::string& what) {
    if (out.problems.size() < 20) out.problems.push_back(path + ":" + std::to_string(number) + ": " + what);
  };
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      problem("not a JSON object");
      continue;
    }
    const std::string type = j.value("type", "");
    if (out.summary) problem("record after the summary");
    if (type == "summary") {
      out.summary = j;
      continue;
    }
    if (type == "firewall") {
      FirewallRecord f;
      if (!read_ip(j, f) || !j.contains("port") || !j["port"].is_number_unsigned() || !j.contains("verdict") ||
          !j["verdict"].is_string()) {
        problem("firewall record without ip/port/verdict");
        continue;
      }
      f.port = j["port"].get<std::uint16_t>();
      f.syn = j.value("syn", "");
      f.syn_reason = j.value("syn_reason", "");
      f.ack = j.value("ack", "");
      f.ack_reason = j.value("ack_reason", "");
      f.verdict = j["verdict"].get<std::string>();
      f.forged_reset = j.value("forged_reset", false);
      f.reset_ttl = optional_int(j, "reset_ttl");
      f.host_ttl = optional_int(j, "host_ttl");
      out.firewall.push_back(std::move(f));
      continue;
    }
    if (type == "host-up") {
      HostUpRecord h;
      if (!read_ip(j, h) || !j.contains("reason") || j.value("status", "") != "up") {
        problem("host-up record without ip/status/reason");
        continue;
      }
      h.reason = j.value("reason", "");
      h.probe = j.value("probe", "");
      out.hosts_up.push_back(std::move(h));
      continue;
    }
    if (type != "port") continue;  // host records and later kinds belong to other checks
    PortRecord r;
    if (!read_ip(j, r) || !j.contains("port") || !j["port"].is_number_unsigned() || !j.contains("state") ||
        !j.contains("reason") || !j.contains("probe")) {
      problem("port record without ip/port/probe/state/reason");
      continue;
    }
    r.port = j["port"].get<std::uint16_t>();
    r.probe = j.value("probe", "");
    r.state = j.value("state", "");
    r.reason = j.value("reason", "");
    r.icmp_type = optional_int(j, "icmp_type");
    r.icmp_code = optional_int(j, "icmp_code");
    r.ttl = optional_int(j, "ttl");
    r.window = optional_int(j, "window");
    r.tcp_flags = optional_int(j, "flags");
    if (j.contains("ack") && j["ack"].is_number_integer()) r.ack = j["ack"].get<long long>();
    r.mss = optional_int(j, "mss");
    if (j.contains("options") && j["options"].is_string()) r.options = j["options"].get<std::string>();
    r.ip_id = optional_int(j, "ip_id");
    if (j.contains("df") && j["df"].is_boolean()) r.df = j["df"].get<bool>();
    out.ports.push_back(std::move(r));
  }
  if (!out.summary) out.problems.push_back(path + ": no summary record");
  return out;
}

}  // namespace zeroscan::lab
