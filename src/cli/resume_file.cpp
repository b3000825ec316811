// Reading and writing resume files (JSON).
#include "zeroscan/cli/resume_file.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "zeroscan/core/errors.h"
#include "zeroscan/output/output_file.h"

namespace zeroscan {

void write_resume_file(const std::string& path, const ResumeState& state) {
  nlohmann::ordered_json j;
  j["type"] = "zeroscan-resume";
  j["version"] = 1;
  j["args"] = state.args;
  j["seed"] = state.seed;
  j["positions"] = state.positions;
  OutputFile file(path);
  file.write(j.dump(2) + "\n");
  if (!file.close()) throw SystemError(file.error());
}

ResumeState read_resume_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw UsageError("cannot read resume file '" + path + "'");
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  auto bad = [&path](const std::string& why) {
    return UsageError("resume file '" + path + "' is not usable: " + why);
  };
  if (j.is_discarded() || !j.is_object()) throw bad("not JSON");
  if (j.value("type", "") != "zeroscan-resume") throw bad("not a zeroscan resume file");
  if (j.value("version", 0) != 1) throw bad("unknown version");
  ResumeState state;
  try {
    state.args = j.at("args").get<std::vector<std::string>>();
    state.seed = j.at("seed").get<std::uint64_t>();
    state.positions = j.at("positions").get<std::vector<std::uint64_t>>();
  } catch (const nlohmann::json::exception&) {
    throw bad("args, seed or positions missing or of the wrong type");
  }
  if (state.positions.empty() || state.positions.size() > 16) throw bad("positions must list 1-16 threads");
  for (const std::string& arg : state.args)
    if (arg == "--resume") throw bad("a resume file cannot itself resume");
  return state;
}

}  // namespace zeroscan
