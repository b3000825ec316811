#include "support/os_host_records.h"

#include <sstream>

#include "support/subprocess.h"

namespace zeroscan::lab {

std::map<std::string, OsHostRecord> read_os_host_records(const std::string& path,
                                                         std::vector<std::string>& problems) {
  std::map<std::string, OsHostRecord> out;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      problems.push_back("unparseable line: " + line);
      continue;
    }
    if (j.value("type", "") != "host") continue;
    if (!j.contains("os") || !j.contains("ip")) {
      problems.push_back("host record without ip/os: " + line);
      continue;
    }
    const auto& os = j.at("os");
    out[j.value("ip", "")] = OsHostRecord{os.value("family", ""), os.value("label", ""), os.value("score", 0.0),
                                          os.value("family_score", 0.0),
                                          j.value("features", nlohmann::json::object())};
  }
  return out;
}

}  // namespace zeroscan::lab
