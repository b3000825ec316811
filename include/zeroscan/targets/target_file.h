// Target files (nmap -iL, zmap -w style): specs separated by whitespace or
// commas, '#' comments, "-" for standard input.
#pragma once

#include <functional>
#include <iosfwd>
#include <string_view>
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

// The walk under parse_target_*, for parsers of other spec kinds
// (mixed_targets.h): `prepare` (may be empty) sees every spec first, so name
// lookups can be batched; then `parse` gets each spec, and every UsageError
// it throws is collected as "file:line: ..." into one, as above.
using SpecBatch = std::function<void(const std::vector<std::string_view>& specs, const std::string& source)>;
using SpecHandler = std::function<void(std::string_view spec)>;
void visit_target_file(const std::string& path, const SpecBatch& prepare, const SpecHandler& parse);
void visit_target_stream(std::istream& in, const std::string& name, const SpecBatch& prepare,
                         const SpecHandler& parse);

}  // namespace zeroscan
