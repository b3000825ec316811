// The scanner's NDJSON output as the lab suite reads it: the port records
// and the closing summary, plus every way the file broke the contract.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace zeroscan::lab {

struct PortRecord {
  std::uint32_t ip = 0;
  std::uint16_t port = 0;
  std::string probe;   // syn | ack
  std::string state;
  std::string reason;
  std::optional<int> icmp_type;
  std::optional<int> icmp_code;
  std::optional<int> ttl;
};

struct ScanOutput {
  std::vector<PortRecord> ports;
  std::optional<nlohmann::json> summary;
  std::vector<std::string> problems;  // unparseable lines, missing fields, summary not last
};

ScanOutput read_ndjson(const std::string& path);

}  // namespace zeroscan::lab
