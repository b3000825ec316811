// Number checks for command-line and config values, with messages a person
// reads: "--rate must be a number of packets per second between 1 and
// 100000000 (got 'nan')". Each check takes the text as given, before any
// conversion, so NaN, infinities, signs on unsigned values and overflow
// never reach the option's variable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace zeroscan {

// CLI11 checks built from the functions below, for every numeric option
// (scan_options.cpp): ->check(number_check("a number of seconds", 0, 3600)).
CLI::Validator number_check(const std::string& what, double low, double high);
CLI::Validator whole_number_check(const std::string& what, std::uint64_t low, std::uint64_t high);

// A finite decimal number within [low, high]; nullopt for anything else
// (empty, trailing junk, "nan", "inf", hex floats, out of range).
std::optional<double> parse_number_between(const std::string& text, double low, double high);

// Plain decimal digits (no sign, no spaces) whose value lies in [low, high];
// nullopt on overflow of 64 bits or anything else.
std::optional<std::uint64_t> parse_whole_number_between(const std::string& text, std::uint64_t low,
                                                        std::uint64_t high);

// "must be <what> between <low> and <high> (got '<text>')", where `what`
// says what the number counts ("a number of packets per second"),
// the quote capped so a hostile value never makes a long message.
std::string number_message(const std::string& what, double low, double high, const std::string& text);
std::string whole_number_message(const std::string& what, std::uint64_t low, std::uint64_t high,
                                 const std::string& text);

// At most `limit` bytes of `text`, with "..." and the full length when cut,
// for quoting user input in one-line errors.
std::string quote_capped(const std::string& text, std::size_t limit = 80);

}  // namespace zeroscan
