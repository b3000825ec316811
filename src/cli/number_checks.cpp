// Number checks with human messages (see number_checks.h).
#include "zeroscan/cli/number_checks.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>

namespace zeroscan {

namespace {

std::string plain(double value) {
  std::ostringstream out;
  out.precision(15);
  out << value;
  return out.str();
}

bool only_decimal_characters(const std::string& text) {
  // strtod also takes "nan", "inf", "0x1p3" and leading blanks: allow only
  // what a person writes as a decimal number.
  for (char c : text)
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) return false;
  return true;
}

}  // namespace

std::optional<double> parse_number_between(const std::string& text, double low, double high) {
  if (text.empty() || text.size() > 64 || !only_decimal_characters(text)) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(value)) return std::nullopt;
  if (value < low || value > high) return std::nullopt;
  return value;
}

std::optional<std::uint64_t> parse_whole_number_between(const std::string& text, std::uint64_t low,
                                                        std::uint64_t high) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const std::uint64_t digit = std::uint64_t(c - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  if (value < low || value > high) return std::nullopt;
  return value;
}

std::string quote_capped(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  return text.substr(0, limit) + "... (" + std::to_string(text.size()) + " bytes)";
}

std::string number_message(const std::string& what, double low, double high, const std::string& text) {
  return "must be " + what + " between " + plain(low) + " and " + plain(high) + " (got '" +
         quote_capped(text) + "')";
}

std::string whole_number_message(const std::string& what, std::uint64_t low, std::uint64_t high,
                                 const std::string& text) {
  return "must be " + what + " between " + std::to_string(low) + " and " +
         std::to_string(high) + " (got '" + quote_capped(text) + "')";
}

CLI::Validator number_check(const std::string& what, double low, double high) {
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        return parse_number_between(text, low, high) ? std::string() : number_message(what, low, high, text);
      },
      "NUMBER");
}

CLI::Validator whole_number_check(const std::string& what, std::uint64_t low, std::uint64_t high) {
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        return parse_whole_number_between(text, low, high) ? std::string()
                                                           : whole_number_message(what, low, high, text);
      },
      "N");
}

}  // namespace zeroscan
