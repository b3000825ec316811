// Hershel+ observation rows -> Features (layout in hershel_import.h). The
// collector recorded the initial TTL already rounded, one SYN-ACK per row,
// and its silence let the host retransmit, so every row is "timed".
#include "zeroscan/fingerprint/hershel_import.h"

#include <charconv>
#include <cstdlib>

#include "zeroscan/core/errors.h"

namespace zeroscan::fingerprint {
namespace {

std::vector<std::string_view> split_commas(std::string_view line) {
  std::vector<std::string_view> columns;
  while (true) {
    const auto comma = line.find(',');
    columns.push_back(line.substr(0, comma));
    if (comma == std::string_view::npos) return columns;
    line.remove_prefix(comma + 1);
  }
}

std::optional<long> integer(std::string_view text, long min, long max) {
  long value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  if (value < min || value > max) return std::nullopt;
  return value;
}

std::optional<double> seconds(std::string_view text) {
  const std::string copy(text);
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (copy.empty() || *end != '\0' || !(value >= 0)) return std::nullopt;
  return value;
}

// Column positions in 420OS_db.txt.
enum Column {
  kClass, kWindow, kTtl, kDf, kLayout, kLayoutCode, kMss,
  kRst, kRstAck, kRstWindow, kRstSeq, kRstNonzero, kFirstTime
};

std::optional<HershelObservation> parse_row(std::string_view line, std::string& problem) {
  const auto columns = split_commas(line);
  if (columns.size() < kFirstTime) {
    problem = "want at least 12 comma-separated columns, got " + std::to_string(columns.size());
    return std::nullopt;
  }
  const auto class_id = integer(columns[kClass], 0, 1000000);
  const auto window = integer(columns[kWindow], 0, 65535);
  const auto ttl = integer(columns[kTtl], 1, 255);
  const auto df = integer(columns[kDf], 0, 1);
  const auto mss = integer(columns[kMss], 0, 65535);
  const auto rst = integer(columns[kRst], 0, 1);
  const auto rst_ack = integer(columns[kRstAck], 0, 1);
  const auto rst_window = integer(columns[kRstWindow], 0, 65535);
  const auto rst_seq = integer(columns[kRstSeq], 0, 1);
  if (!class_id || !window || !ttl || !df || !mss || !rst || !rst_ack || !rst_window || !rst_seq) {
    problem = "a numeric column is out of range";
    return std::nullopt;
  }
  // "X" is the collector's "no options at all".
  std::string layout(columns[kLayout]);
  if (layout == "X") layout.clear();
  if (layout.find_first_not_of("MNWSTE") != std::string::npos) {
    problem = "bad options layout '" + layout + "'";
    return std::nullopt;
  }

  HershelObservation observation;
  observation.class_id = int(*class_id);
  SynAckFeatures syn_ack;
  syn_ack.ttl = std::uint8_t(*ttl);
  syn_ack.initial_ttl = initial_ttl(syn_ack.ttl);
  syn_ack.df = *df == 1;
  syn_ack.window = std::uint16_t(*window);
  syn_ack.options = canonical_layout(layout);  // the collector wrote every padding byte as E
  syn_ack.sack_permitted = layout.find('S') != std::string::npos;
  syn_ack.timestamp = layout.find('T') != std::string::npos;
  if (layout.find('M') != std::string::npos) {
    syn_ack.mss = std::uint16_t(*mss);
    syn_ack.window_mss_multiple = window_mss_multiple(syn_ack.window, *syn_ack.mss, syn_ack.timestamp);
  }
  observation.features.syn_ack = std::move(syn_ack);

  RetransmissionFeatures timing;
  for (std::size_t i = kFirstTime; i < columns.size(); ++i) {
    auto at = seconds(columns[i]);
    if (!at) {
      problem = "bad retransmission time '" + std::string(columns[i]) + "'";
      return std::nullopt;
    }
    timing.arrivals_s.push_back(*at);
  }
  if (*rst == 1) {
    timing.give_up = *rst_ack == 1 ? GiveUp::RstAck : GiveUp::Rst;
    timing.give_up_window = std::uint16_t(*rst_window);
    timing.give_up_seq_advanced = *rst_seq == 1;
  }
  observation.features.retransmissions = std::move(timing);
  return observation;
}

}  // namespace

std::vector<HershelObservation> parse_hershel_observations(std::string_view text,
                                                           std::string_view source_name) {
  std::vector<HershelObservation> observations;
  std::vector<std::string> errors;
  int line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) continue;
    std::string problem;
    if (auto observation = parse_row(line, problem)) {
      observations.push_back(std::move(*observation));
    } else {
      errors.push_back(std::string(source_name) + ":" + std::to_string(line_number) + ": " + problem);
    }
  }
  if (!errors.empty()) {
    std::string message = "malformed Hershel+ observations:";
    for (const auto& error : errors) message += "\n  " + error;
    throw DataError(message);
  }
  return observations;
}

std::string hershel_entry_id(int class_id) { return "hershel-" + std::to_string(class_id); }

}  // namespace zeroscan::fingerprint
