// NDJSON lines back into PortRecord / ScanSummary.
#include "zeroscan/output/record_reader.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <type_traits>

#include "zeroscan/core/errors.h"
#include "zeroscan/output/port_reason.h"

namespace zeroscan {

namespace {

using json = nlohmann::json;

const json& need(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) throw DataError(std::string("missing \"") + key + "\"");
  return *it;
}

template <typename T>
T number(const json& j, const char* key, T fallback = T()) {
  auto it = j.find(key);
  if (it == j.end()) return fallback;
  if (!it->is_number()) throw DataError(std::string("\"") + key + "\" is not a number");
  if constexpr (std::is_floating_point_v<T>) {
    return it->get<T>();
  } else {
    if (!it->is_number_integer() || (std::is_unsigned_v<T> && it->is_number_integer() &&
                                     !it->is_number_unsigned() && it->get<std::int64_t>() < 0))
      throw DataError(std::string("\"") + key + "\" is not a whole number");
    // Range check through the widest type before narrowing.
    if (it->is_number_unsigned()) {
      const std::uint64_t v = it->get<std::uint64_t>();
      if (v > std::uint64_t(std::numeric_limits<T>::max()))
        throw DataError(std::string("\"") + key + "\" is out of range");
      return T(v);
    }
    const std::int64_t v = it->get<std::int64_t>();
    if (v < std::int64_t(std::numeric_limits<T>::min()) ||
        (v > 0 && std::uint64_t(v) > std::uint64_t(std::numeric_limits<T>::max())))
      throw DataError(std::string("\"") + key + "\" is out of range");
    return T(v);
  }
}

std::string text(const json& j, const char* key, const std::string& fallback = {}) {
  auto it = j.find(key);
  if (it == j.end()) return fallback;
  if (!it->is_string()) throw DataError(std::string("\"") + key + "\" is not a string");
  return it->get<std::string>();
}

std::string required_text(const json& j, const char* key) {
  need(j, key);
  return text(j, key);
}

bool flag(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return false;
  if (!it->is_boolean()) throw DataError(std::string("\"") + key + "\" is not true/false");
  return it->get<bool>();
}

// A dotted quad or IPv6 text (any RFC 4291 form; writers use RFC 5952's).
IpAddress address(const json& j, const char* key) {
  const std::string value = text(j, key);
  const auto ip = IpAddress::parse(value);
  if (!ip) throw DataError(std::string("bad \"") + key + "\" '" + value + "'");
  return *ip;
}

}  // namespace

PortRecord port_record_from_json(const json& j) {
  PortRecord r;
  need(j, "ip");
  r.ip = address(j, "ip");  // need() first: "missing" beats "bad ''"
  need(j, "port");
  r.port = number<std::uint16_t>(j, "port");
  const std::string probe = required_text(j, "probe");
  if (probe == "syn" || probe == "port0-syn")
    r.probe = ProbeKind::Syn;
  else if (probe == "ack" || probe == "port0-ack")
    r.probe = ProbeKind::Ack;
  else
    throw DataError("unknown probe '" + probe + "'");
  const std::string state = required_text(j, "state");
  const auto parsed_state = state_from_text(state);
  if (!parsed_state) throw DataError("unknown state '" + state + "'");
  r.state = *parsed_state;
  const std::string reason = required_text(j, "reason");
  const auto parsed_reason = reason_from_report(reason);
  if (!parsed_reason) throw DataError("unknown reason '" + reason + "'");
  r.reason = *parsed_reason;
  // "syn-ack" to an ACK probe is its own reason internally (it counts as
  // unfiltered); both print as "syn-ack".
  if (r.reason == StateReason::SynAck && r.probe == ProbeKind::Ack) r.reason = StateReason::SynAckToAck;

  r.answered = j.contains("ttl");
  if (!r.answered) return r;
  r.ttl = number<std::uint8_t>(j, "ttl");
  r.responder = r.ip;
  if (j.contains("icmp_type")) {
    r.icmp_type = number<std::uint8_t>(j, "icmp_type");
    r.icmp_code = number<std::uint8_t>(j, "icmp_code");
    if (j.contains("responder")) r.responder = address(j, "responder");
  } else {
    r.window = number<std::uint16_t>(j, "window");
    r.tcp_flags = number<std::uint8_t>(j, "flags");
    r.ack = number<std::uint32_t>(j, "ack");
    if (j.contains("mss")) r.mss = number<std::uint16_t>(j, "mss");
    r.tcp_options = text(j, "options");
  }
  r.ip_id = number<std::uint16_t>(j, "ip_id");
  r.df = flag(j, "df");
  r.attempt = number<std::uint8_t>(j, "attempt");
  return r;
}

HostUpRecord host_up_record_from_json(const json& j) {
  HostUpRecord r;
  need(j, "ip");
  r.ip = address(j, "ip");
  if (required_text(j, "status") != "up") throw DataError("a host-up record's \"status\" must be \"up\"");
  const std::string reason = required_text(j, "reason");
  const auto parsed_reason = reason_from_report(reason);
  if (!parsed_reason) throw DataError("unknown reason '" + reason + "'");
  r.reason = *parsed_reason;
  if (j.contains("icmp_code")) r.icmp_code = number<std::uint8_t>(j, "icmp_code");
  // "port-unreach" names the code itself.
  if (r.reason == StateReason::IcmpUnreachable && !r.icmp_code)
    if (const auto code = unreach_code_of(reason, r.ip)) r.icmp_code = *code;
  r.answered = j.contains("probe");
  if (!r.answered) return r;
  const std::string probe = text(j, "probe");
  if (probe == "echo")
    r.probe = ProbeKind::Echo;
  else if (probe == "syn")
    r.probe = ProbeKind::Syn;
  else if (probe == "ack")
    r.probe = ProbeKind::Ack;
  else
    throw DataError("unknown probe '" + probe + "'");
  r.port = number<std::uint16_t>(j, "port");
  r.ttl = number<std::uint8_t>(j, "ttl");
  return r;
}

ScanSummary summary_from_json(const json& j) {
  ScanSummary s;
  s.targets = number<std::uint64_t>(j, "targets");
  s.ports = number<std::uint64_t>(j, "ports");
  s.probes_planned = number<std::uint64_t>(j, "probes_planned");
  s.sent = number<std::uint64_t>(j, "sent");
  s.received = number<std::uint64_t>(j, "received");
  s.matched = number<std::uint64_t>(j, "matched");
  s.invalid = number<std::uint64_t>(j, "invalid");
  s.duplicates = number<std::uint64_t>(j, "duplicates");
  s.inconclusive = number<std::uint64_t>(j, "inconclusive");
  s.kernel_dropped = number<std::uint64_t>(j, "kernel_dropped");
  s.results_lost = number<std::uint64_t>(j, "results_lost");
  s.open = number<std::uint64_t>(j, "open");
  s.closed = number<std::uint64_t>(j, "closed");
  s.filtered = number<std::uint64_t>(j, "filtered");
  s.unfiltered = number<std::uint64_t>(j, "unfiltered");
  s.seed = number<std::uint64_t>(j, "seed");
  const std::string shard = text(j, "shard", "0/1");
  unsigned long index = 0, count = 0;
  char tail = 0;
  if (std::sscanf(shard.c_str(), "%lu/%lu%c", &index, &count, &tail) != 2 || count == 0 ||
      index >= count || count > 0xffffffffUL)
    throw DataError("bad \"shard\" '" + shard + "'");
  s.shard_index = std::uint32_t(index);
  s.shard_count = std::uint32_t(count);
  s.elapsed_seconds = number<double>(j, "elapsed_seconds");
  s.send_seconds = number<double>(j, "send_seconds");
  s.interrupted = flag(j, "interrupted");
  s.space_size = number<std::uint64_t>(j, "space_size");
  s.covered = number<std::uint64_t>(j, "covered");
  s.merged_from = number<std::uint32_t>(j, "merged_from");
  if (auto it = j.find("config"); it != j.end()) {
    if (!it->is_object()) throw DataError("\"config\" is not an object");
    const json& c = *it;
    s.config.targets = text(c, "targets");
    s.config.ports = text(c, "ports");
    s.config.probes = text(c, "probes");
    s.config.rate = number<double>(c, "rate");
    s.config.retries = number<unsigned>(c, "retries");
    s.config.wait_seconds = number<double>(c, "wait");
    s.config.ttl = number<unsigned>(c, "ttl");
    s.config.responders_only = flag(c, "responders_only");
    s.config.open_only = flag(c, "open_only");
  }
  s.version = text(j, "version");
  s.args = text(j, "args");
  s.start_unix = number<std::int64_t>(j, "start");
  s.hosts_up = number<std::uint64_t>(j, "hosts_up");  // absent before -sn existed: 0
  s.host_discovery = s.config.probes.rfind("discovery:", 0) == 0;
  return s;
}

NdjsonFile read_ndjson(std::istream& in, const std::string& name, const PortRecordCallback& on_port,
                       const HostUpCallback& on_host_up) {
  NdjsonFile file;
  file.path = name;
  std::string line;
  std::uint64_t number_of_line = 0;
  while (std::getline(in, line)) {
    ++number_of_line;
    // getline leaves eof set when the last line had no '\n': the writer
    // stopped mid-line (every line we write ends in one).
    const bool unterminated = in.eof();
    if (line.empty()) continue;
    const std::string where = name + ":" + std::to_string(number_of_line) + ": ";
    const json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      if (unterminated && !file.summary) {
        file.cut_last_line = true;
        break;
      }
      throw DataError(where + "not a JSON object");
    }
    if (unterminated && !file.summary && text(j, "type") != "summary") {
      // A whole record that lost its newline still counts as cut: the
      // writer never finished this line.
      file.cut_last_line = true;
      break;
    }
    try {
      const std::string type = text(j, "type");
      if (type == "port") {
        if (file.summary) throw DataError("port record after the summary");
        const PortRecord record = port_record_from_json(j);
        ++file.port_records;
        if (on_port) on_port(record);
      } else if (type == "host-up") {
        if (file.summary) throw DataError("host-up record after the summary");
        const HostUpRecord record = host_up_record_from_json(j);
        ++file.host_up_records;
        if (on_host_up) on_host_up(record);
      } else if (type == "summary") {
        if (file.summary) throw DataError("second summary");
        file.summary = summary_from_json(j);
      }
    } catch (const DataError& e) {
      throw DataError(where + e.what());
    }
  }
  if (in.bad()) throw DataError(name + ": read error");
  return file;
}

NdjsonFile read_ndjson_file(const std::string& path, const PortRecordCallback& on_port,
                            const HostUpCallback& on_host_up) {
  std::ifstream in(path);
  if (!in) throw DataError("cannot read '" + path + "': " + std::strerror(errno));
  return read_ndjson(in, path, on_port, on_host_up);
}

}  // namespace zeroscan
