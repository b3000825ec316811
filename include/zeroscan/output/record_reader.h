// Reading zeroscan NDJSON (-oJ) back into result values, so `zeroscan
// merge` can combine shard outputs through the same writers a scan uses.
// The inverse of ndjson_writer.cpp: every key that writer emits is read.
// Tolerant where a shard can legitimately end badly: a file without its
// final summary line (the shard did not finish) is reported, not refused,
// and so is a last line cut off mid-record. Anything else malformed is a
// DataError naming file:line.
#pragma once

#include <functional>
#include <istream>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "zeroscan/core/scan_results.h"

namespace zeroscan {

// Throw DataError with the reason (no file:line; read_ndjson adds it).
PortRecord port_record_from_json(const nlohmann::json& j);
HostUpRecord host_up_record_from_json(const nlohmann::json& j);  // a -sn "host-up" line
ScanSummary summary_from_json(const nlohmann::json& j);

struct NdjsonFile {
  std::string path;
  std::optional<ScanSummary> summary;  // nullopt: the run did not finish writing
  std::uint64_t port_records = 0;
  std::uint64_t host_up_records = 0;
  bool cut_last_line = false;          // last line ends mid-record (writer died mid-write)
};

using PortRecordCallback = std::function<void(const PortRecord&)>;
using HostUpCallback = std::function<void(const HostUpRecord&)>;

// Reads one NDJSON output; on_port (may be empty) gets every port record
// in file order, on_host_up every -sn "host-up" record. "firewall" lines and unknown types are skipped (merge
// recomputes verdicts; newer writers may add types). Throws DataError for
// an unreadable file, a malformed line other than a cut-off last one, a
// record after the summary or a second summary.
NdjsonFile read_ndjson(std::istream& in, const std::string& name, const PortRecordCallback& on_port,
                       const HostUpCallback& on_host_up = nullptr);
NdjsonFile read_ndjson_file(const std::string& path, const PortRecordCallback& on_port,
                            const HostUpCallback& on_host_up = nullptr);

}  // namespace zeroscan
