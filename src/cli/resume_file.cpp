// Reading and writing resume files (JSON).
#include "zeroscan/cli/resume_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "zeroscan/cli/number_checks.h"
#include "zeroscan/cli/output_checks.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/output/output_file.h"

namespace zeroscan {

namespace {
// A resume file holds a command line and up to 16 numbers.
constexpr off_t kMaxResumeBytes = 16 << 20;
}  // namespace

void write_resume_file(const std::string& path, const ResumeState& state) {
  nlohmann::ordered_json j;
  j["type"] = "zeroscan-resume";
  j["version"] = 1;
  j["args"] = state.args;
  j["seed"] = state.seed;
  j["positions"] = state.positions;
  // Aside and renamed: a crash mid-write leaves the previous resume file.
  ReplacedOutputs replaced;
  OutputFile file(replaced.aside(path));
  file.write(j.dump(2) + "\n");
  if (!file.close()) throw SystemError(file.error());
  replaced.commit();
}

ResumeState read_resume_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw UsageError("cannot read resume file '" + quote_capped(path) + "': " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) throw UsageError("resume file '" + quote_capped(path) + "' is not a regular file");
  if (st.st_size > kMaxResumeBytes) throw UsageError("resume file '" + quote_capped(path) + "' is too large");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read resume file '" + quote_capped(path) + "'");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_resume_text(text, path);
}

ResumeState parse_resume_text(std::string_view text, const std::string& path) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  auto bad = [&path](const std::string& why) {
    return UsageError("resume file '" + quote_capped(path) + "' is not usable: " + why);
  };
  if (j.is_discarded() || !j.is_object()) throw bad("not JSON");
  // Compared, not converted: a "type" of the wrong JSON type is no resume file either.
  if (!j.contains("type") || j["type"] != "zeroscan-resume") throw bad("not a zeroscan resume file");
  if (!j.contains("version") || j["version"] != 1) throw bad("unknown version");
  ResumeState state;
  try {
    state.args = j.at("args").get<std::vector<std::string>>();
    // Whole numbers >= 0 only: nlohmann would convert 1e30 or -1 (the
    // first is undefined behaviour, the second wraps around).
    const nlohmann::json& seed = j.at("seed");
    const nlohmann::json& positions = j.at("positions");
    if (!seed.is_number_unsigned() || !positions.is_array()) throw bad("seed and positions must be whole numbers >= 0");
    for (const nlohmann::json& p : positions)
      if (!p.is_number_unsigned()) throw bad("seed and positions must be whole numbers >= 0");
    state.seed = seed.get<std::uint64_t>();
    state.positions = positions.get<std::vector<std::uint64_t>>();
  } catch (const nlohmann::json::exception&) {
    throw bad("args, seed or positions missing or of the wrong type");
  }
  if (state.positions.empty() || state.positions.size() > 16) throw bad("positions must list 1-16 threads");
  for (const std::string& arg : state.args)
    if (arg == "--resume") throw bad("a resume file cannot itself resume");
  return state;
}

namespace {

bool any_output_given(const ScanOptions& o) {
  return !o.output_json.empty() || !o.output_normal.empty() || !o.output_xml.empty() ||
         !o.output_grepable.empty() || !o.output_csv.empty() || !o.output_all.empty();
}

}  // namespace

ScanOptions resumed_options(const ScanOptions& now, const ResumeState& state) {
  if (state.args.empty()) throw UsageError("resume file '" + now.resume + "' records no command line");
  std::vector<const char*> argv{"zeroscan"};
  for (const std::string& arg : state.args) argv.push_back(arg.c_str());
  std::ostringstream out, err;
  const ParsedScanCommand stored = parse_scan_options(int(argv.size()), argv.data(), out, err);
  if (stored.outcome == ParseOutcome::Exit) {
    std::string why = err.str();
    while (!why.empty() && why.back() == '\n') why.pop_back();
    throw UsageError("resume file '" + now.resume + "': its command line does not parse: " + why);
  }
  ScanOptions o = stored.options;
  // A dry run stays dry whatever the file says: nothing is sent.
  o.dry_run = o.dry_run || now.dry_run;
  o.seed = state.seed;
  o.sender_threads = unsigned(state.positions.size());
  o.resume_positions = state.positions;
  o.resume_file = now.resume_file;
  o.verbosity = std::max(o.verbosity, now.verbosity);
  if (any_output_given(now)) {
    o.output_json = now.output_json;
    o.output_normal = now.output_normal;
    o.output_xml = now.output_xml;
    o.output_grepable = now.output_grepable;
    o.output_csv = now.output_csv;
    o.output_all = now.output_all;
  } else {
    o.append_outputs = true;
  }
  return o;
}

}  // namespace zeroscan
