// Target files: tokenising lines into specs (comments, separators, stdin)
// and parsing them with every bad spec reported as file:line at once.
#include "zeroscan/targets/target_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <utility>
#include <string_view>

#include "spec_parser.h"
#include "zeroscan/core/errors.h"

namespace zeroscan {

namespace {

struct SpecToken {
  std::string text;
  std::size_t line = 0;
};

// Beyond this many errors the rest are only counted: a wrong file (say, a
// binary passed by mistake) should not print a million lines.
constexpr std::size_t kMaxReportedErrors = 20;
// No target spec is longer (a hostname is at most 253 bytes, plus "/32").
constexpr std::size_t kMaxTokenBytes = 1024;

bool is_separator(char c) { return c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\v' || c == '\f'; }

std::vector<SpecToken> tokenize(std::istream& in, const std::string& name) {
  std::vector<SpecToken> tokens;
  std::string line;
  for (std::size_t line_number = 1; std::getline(in, line); ++line_number) {
    if (line.find('\0') != std::string::npos) {
      throw UsageError(name + ":" + std::to_string(line_number) +
                       ": NUL byte: this does not look like a target file");
    }
    std::string_view rest(line);
    rest = rest.substr(0, rest.find('#'));
    while (!rest.empty()) {
      std::size_t begin = 0;
      while (begin < rest.size() && is_separator(rest[begin])) ++begin;
      std::size_t end = begin;
      while (end < rest.size() && !is_separator(rest[end])) ++end;
      // A token longer than any target is kept only in part: enough for
      // the error to quote it, never the whole of a runaway line.
      if (end > begin)
        tokens.push_back({std::string(rest.substr(begin, std::min(end - begin, kMaxTokenBytes))), line_number});
      rest.remove_prefix(end);
    }
  }
  if (in.bad()) throw UsageError("cannot read target file '" + name + "': read error");
  return tokens;
}

template <typename Reader>
auto with_target_file(const std::string& path, Reader read) {
  if (path == "-") return read(std::cin, std::string("<stdin>"));
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    throw UsageError("cannot read target file '" + path + "': is a directory");
  }
  std::ifstream file(path);
  if (!file) throw UsageError("cannot read target file '" + path + "': " + std::strerror(errno));
  return read(file, path);
}

}  // namespace

std::vector<std::string> read_target_stream(std::istream& in, const std::string& name) {
  std::vector<std::string> specs;
  for (auto& token : tokenize(in, name)) specs.push_back(std::move(token.text));
  return specs;
}

std::vector<std::string> read_target_file(const std::string& path) {
  return with_target_file(path, [](std::istream& in, const std::string& name) {
    return read_target_stream(in, name);
  });
}

void visit_target_stream(std::istream& in, const std::string& name, const SpecBatch& prepare,
                         const SpecHandler& parse) {
  const std::vector<SpecToken> tokens = tokenize(in, name);
  std::vector<std::string_view> specs;
  for (const auto& token : tokens) specs.emplace_back(token.text);
  if (prepare) prepare(specs, name);
  std::string report;
  std::size_t errors = 0;
  for (const auto& token : tokens) {
    try {
      parse(token.text);
    } catch (const UsageError& error) {
      if (++errors > kMaxReportedErrors) continue;
      if (!report.empty()) report += '\n';
      report += name + ":" + std::to_string(token.line) + ": " + error.what();
    }
  }
  if (errors > kMaxReportedErrors) {
    report += "\n" + name + ": " + std::to_string(errors - kMaxReportedErrors) + " more bad targets";
  }
  if (errors) throw UsageError(report);
}

void visit_target_file(const std::string& path, const SpecBatch& prepare, const SpecHandler& parse) {
  with_target_file(path, [&](std::istream& in, const std::string& name) {
    visit_target_stream(in, name, prepare, parse);
    return 0;
  });
}

std::vector<Ipv4Range> parse_target_stream(std::istream& in, const std::string& name,
                                           HostResolver resolve) {
  SpecParser parser(std::move(resolve));
  std::vector<Ipv4Range> ranges;
  visit_target_stream(
      in, name, [&](const std::vector<std::string_view>& specs, const std::string& source) { parser.resolve_all(specs, source); },
      [&](std::string_view spec) {
        const auto parsed = parser.parse(spec);
        ranges.insert(ranges.end(), parsed.begin(), parsed.end());
      });
  return ranges;
}

std::vector<Ipv4Range> parse_target_file(const std::string& path, HostResolver resolve) {
  return with_target_file(path, [&resolve](std::istream& in, const std::string& name) {
    return parse_target_stream(in, name, std::move(resolve));
  });
}

}  // namespace zeroscan
