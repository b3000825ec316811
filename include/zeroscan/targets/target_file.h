// Target files (nmap -iL, zmap -w style): specs separated by whitespace or
// commas, '#' comments, "-" for standard input.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "zeroscan/targets/ipv4_range.h"
#include "zeroscan/targets/target_spec.h"

namespace zeroscan {

// Reads specs from a file: one or more per line separated by whitespace or
// commas; '#' starts a comment. "-" means standard input. Throws UsageError
// when the file cannot be read ("cannot read target file 'x': ...") or a
// line holds a NUL byte (named as file:line).
std::vector<std::string> read_target_file(const std::string& path);
// The same over an open stream; `name` labels error messages.
std::vector<std::string> read_target_stream(std::istream& in, const std::string& name);

// Reads and parses every spec, each distinct hostname resolved once.
// Collects every bad spec as "file:line: bad target ..." (the first 20, then
// a count of the rest) and throws them as one UsageError.
std::vector<Ipv4Range> parse_target_file(const std::string& path, HostResolver resolve);
std::vector<Ipv4Range> parse_target_stream(std::istream& in, const std::string& name,
                                           HostResolver resolve);

}  // namespace zeroscan
