// Reading the scanner's NDJSON; see scan_records.h.
#include "support/scan_records.h"

#include <fstream>

#include "support/ipv4_text.h"

namespace zeroscan::lab {

namespace {

std::optional<int> optional_int(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_number_integer()) return std::nullopt;
  return j[key].get<int>();
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
    if (type != "port") continue;  // firewall/host records belong to other checks
    PortRecord r;
    const auto ip = parse_ipv4(j.value("ip", ""));
    if (!ip || !j.contains("port") || !j["port"].is_number_unsigned() || !j.contains("state") ||
        !j.contains("reason") || !j.contains("probe")) {
      problem("port record without ip/port/probe/state/reason");
      continue;
    }
    r.ip = *ip;
    r.port = j["port"].get<std::uint16_t>();
    r.probe = j.value("probe", "");
    r.state = j.value("state", "");
    r.reason = j.value("reason", "");
    r.icmp_type = optional_int(j, "icmp_type");
    r.icmp_code = optional_int(j, "icmp_code");
    r.ttl = optional_int(j, "ttl");
    out.ports.push_back(std::move(r));
  }
  if (!out.summary) out.problems.push_back(path + ": no summary record");
  return out;
}

}  // namespace zeroscan::lab
