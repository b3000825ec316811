// Value vocabularies of the database text format (see fingerprints/README.md).
#include "entry_fields.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace zeroscan::fingerprint {
namespace {

std::optional<unsigned> parse_unsigned(std::string_view text, unsigned max) {
  unsigned value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value > max) return std::nullopt;
  return value;
}

std::optional<bool> parse_word_pair(std::string_view text, std::string_view if_true,
                                    std::string_view if_false) {
  if (text == if_true) return true;
  if (text == if_false) return false;
  return std::nullopt;
}

std::optional<std::uint8_t> parse_ttl(std::string_view text) {
  auto value = parse_unsigned(text, 255);
  if (!value || (*value != 32 && *value != 60 && *value != 64 && *value != 128 && *value != 255)) {
    return std::nullopt;
  }
  return static_cast<std::uint8_t>(*value);
}

std::optional<std::uint8_t> parse_byte(std::string_view text) {
  auto value = parse_unsigned(text, 255);
  if (!value) return std::nullopt;
  return static_cast<std::uint8_t>(*value);
}

std::optional<std::uint16_t> parse_number(std::string_view text) {
  auto value = parse_unsigned(text, 65535);
  if (!value) return std::nullopt;
  return static_cast<std::uint16_t>(*value);
}

std::string format_byte(const std::uint8_t& value) { return std::to_string(value); }
std::string format_number(const std::uint16_t& value) { return std::to_string(value); }

std::optional<WindowValue> parse_window(std::string_view text) {
  constexpr std::string_view kMssPrefix = "mss*";
  WindowValue window;
  if (text.substr(0, kMssPrefix.size()) == kMssPrefix) {
    auto multiple = parse_unsigned(text.substr(kMssPrefix.size()), 65535);
    if (!multiple || *multiple == 0) return std::nullopt;
    window.mss_multiple = static_cast<std::uint16_t>(*multiple);
    return window;
  }
  auto bytes = parse_number(text);
  if (!bytes) return std::nullopt;
  window.bytes = *bytes;
  return window;
}

std::string format_window(const WindowValue& window) {
  if (window.mss_multiple != 0) return "mss*" + std::to_string(window.mss_multiple);
  return std::to_string(window.bytes);
}

// The layout alphabet of Reply::TcpOptions; "-" for a SYN-ACK without options.
// The live parser stops at the end-of-list option, so a layout with anything
// after its 'E' could never match a capture and is refused.
std::optional<std::string> parse_options(std::string_view text) {
  if (text == "-") return std::string();
  if (text.empty() || text.size() > 40) return std::nullopt;
  for (char letter : text) {
    if (std::string_view("MNWSTE?").find(letter) == std::string_view::npos) return std::nullopt;
  }
  if (canonical_layout(text) != text) return std::nullopt;
  return std::string(text);
}

std::string format_options(const std::string& layout) { return layout.empty() ? "-" : layout; }

}  // namespace

const Codec<std::uint8_t> kTtlCodec{parse_ttl, format_byte, 5};
const Codec<std::uint8_t> kByteCodec{parse_byte, format_byte, 256};
const Codec<std::uint16_t> kNumberCodec{parse_number, format_number, 65536};
const Codec<bool> kYesNoCodec{
    [](std::string_view text) { return parse_word_pair(text, "yes", "no"); },
    [](const bool& value) { return std::string(value ? "yes" : "no"); }, 2};
const Codec<bool> kZeroCodec{
    [](std::string_view text) { return parse_word_pair(text, "zero", "nonzero"); },
    [](const bool& value) { return std::string(value ? "zero" : "nonzero"); }, 2};
const Codec<bool> kNonzeroCodec{
    [](std::string_view text) { return parse_word_pair(text, "nonzero", "zero"); },
    [](const bool& value) { return std::string(value ? "nonzero" : "zero"); }, 2};
const Codec<bool> kRstFlagsCodec{
    [](std::string_view text) { return parse_word_pair(text, "rst-ack", "rst"); },
    [](const bool& value) { return std::string(value ? "rst-ack" : "rst"); }, 2};
const Codec<bool> kAdvancedCodec{
    [](std::string_view text) { return parse_word_pair(text, "advanced", "same"); },
    [](const bool& value) { return std::string(value ? "advanced" : "same"); }, 2};
const Codec<WindowValue> kWindowCodec{parse_window, format_window, 65536};
const Codec<std::string> kOptionsCodec{parse_options, format_options, 4096};
const Codec<Port0Answer> kPort0Codec{
    parse_port0_answer, [](const Port0Answer& value) { return std::string(to_string(value)); }, 6};
const Codec<IpIdClass> kIpIdClassCodec{
    parse_ip_id_class, [](const IpIdClass& value) { return std::string(to_string(value)); }, 5};
const Codec<GiveUp> kGiveUpCodec{
    parse_give_up, [](const GiveUp& value) { return std::string(to_string(value)); }, 3};

// "-" (timed, no retransmission) or "mean~spread,mean~spread,..." in seconds.
std::optional<std::vector<GapExpectation>> parse_gaps(std::string_view text) {
  std::vector<GapExpectation> gaps;
  if (text == "-") return gaps;
  while (true) {
    const auto comma = text.find(',');
    const std::string item(text.substr(0, comma));
    const auto tilde = item.find('~');
    if (tilde == std::string::npos) return std::nullopt;
    char* end = nullptr;
    const std::string mean_text = item.substr(0, tilde);
    const std::string spread_text = item.substr(tilde + 1);
    GapExpectation gap;
    gap.mean_s = std::strtod(mean_text.c_str(), &end);
    if (mean_text.empty() || *end != '\0') return std::nullopt;
    gap.spread_s = std::strtod(spread_text.c_str(), &end);
    if (spread_text.empty() || *end != '\0') return std::nullopt;
    if (!std::isfinite(gap.mean_s) || !std::isfinite(gap.spread_s) || gap.mean_s <= 0 ||
        gap.spread_s < 0) {
      return std::nullopt;
    }
    gaps.push_back(gap);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return gaps;
}

std::string format_gaps(const std::vector<GapExpectation>& gaps) {
  if (gaps.empty()) return "-";
  std::string text;
  char buffer[64];
  for (const GapExpectation& gap : gaps) {
    std::snprintf(buffer, sizeof buffer, "%.3f~%.3f", gap.mean_s, gap.spread_s);
    if (!text.empty()) text += ',';
    text += buffer;
  }
  return text;
}

}  // namespace zeroscan::fingerprint
