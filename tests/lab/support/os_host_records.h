// The {"type":"host"} records an -O scan writes to NDJSON, as the lab's OS
// fingerprint tests read them: by the address as written (IPv4 or IPv6).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace zeroscan::lab {

struct OsHostRecord {
  std::string family;
  std::string label;
  double score = 0;
  double family_score = 0;
  nlohmann::json features;  // the record's "features" object ({} when absent)
};

// Unparseable lines and host records without ip/os go to `problems`.
std::map<std::string, OsHostRecord> read_os_host_records(const std::string& path,
                                                         std::vector<std::string>& problems);

}  // namespace zeroscan::lab
