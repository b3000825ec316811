// zeroscan_eval_os: prints the OS matcher's accuracy on the Hershel+ data
// beside the ceiling set by identical signatures (docs/fingerprinting.md).
// Usage: zeroscan_eval_os --data DIR [--folds N] [--noise RATE] [--seed S]
//                         [--gap-resolution SECONDS] [--show-misses N]
//                         [--set MATCHER_OPTION=VALUE]...
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "evaluation.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/fingerprint/database.h"

namespace {

using namespace zeroscan;
using namespace zeroscan::eval_os;

struct Arguments {
  std::string data_dir;
  EvaluationSetup setup;
};

// --set NAME=VALUE: try another noise model without recompiling.
void set_matcher_option(fingerprint::MatcherOptions& options, const std::string& assignment) {
  const auto equals = assignment.find('=');
  const std::string name = assignment.substr(0, equals);
  const double value = equals == std::string::npos ? 0 : std::atof(assignment.c_str() + equals + 1);
  const std::map<std::string, double*> fields = {
      {"window_changed", &options.window_changed},
      {"option_stripped", &options.option_stripped},
      {"options_other", &options.options_other},
      {"mss_changed", &options.mss_changed},
      {"ttl_changed", &options.ttl_changed},
      {"other_changed", &options.other_changed},
      {"retransmission_lost", &options.retransmission_lost},
      {"retransmissions_truncated", &options.retransmissions_truncated},
      {"retransmission_spurious", &options.retransmission_spurious},
      {"timer_jitter_s", &options.timer_jitter_s},
      {"timer_jitter_fraction", &options.timer_jitter_fraction},
      {"unlisted_prior", &options.unlisted_prior},
      {"min_label_score", &options.min_label_score},
      {"min_family_score", &options.min_family_score},
  };
  auto it = fields.find(name);
  if (equals == std::string::npos || it == fields.end()) {
    throw UsageError("--set wants a MatcherOptions field=value, got '" + assignment + "'");
  }
  *it->second = value;
}

Arguments parse_arguments(int argc, char** argv) {
  Arguments arguments;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) throw UsageError("missing value after " + flag);
    const std::string value = argv[++i];
    if (flag == "--data") {
      arguments.data_dir = value;
    } else if (flag == "--folds") {
      arguments.setup.folds = std::atoi(value.c_str());
    } else if (flag == "--noise") {
      arguments.setup.noise_rate = std::atof(value.c_str());
    } else if (flag == "--seed") {
      arguments.setup.seed = std::strtoull(value.c_str(), nullptr, 10);
    } else if (flag == "--set") {
      set_matcher_option(arguments.setup.matcher, value);
    } else if (flag == "--show-misses") {
      arguments.setup.show_misses = std::atoi(value.c_str());
    } else if (flag == "--gap-resolution") {
      arguments.setup.gap_resolution_s = std::atof(value.c_str());
    } else {
      throw UsageError("unknown option " + flag);
    }
  }
  if (arguments.data_dir.empty()) throw UsageError("--data DIR (the Hershel+ folder) is required");
  if (arguments.setup.folds < 2) throw UsageError("--folds must be at least 2");
  return arguments;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Labels, families and device classes come from the converted database
// compiled into the library, so the evaluation judges what users get.
std::map<int, fingerprint::EntryIdentity> hershel_identities(
    const std::vector<fingerprint::HershelObservation>& observations) {
  std::map<std::string, fingerprint::EntryIdentity> by_id;
  for (const auto& entry : fingerprint::load_builtin_database().entries) {
    by_id[entry.id] = {entry.id, entry.label, entry.family, entry.device};
  }
  std::map<int, fingerprint::EntryIdentity> identities;
  for (const auto& observation : observations) {
    const std::string id = fingerprint::hershel_entry_id(observation.class_id);
    auto it = by_id.find(id);
    if (it == by_id.end()) throw DataError("no database entry " + id + " (run scripts/convert-hershel)");
    identities[observation.class_id] = it->second;
  }
  return identities;
}

double percent(double part, double whole) { return whole > 0 ? 100.0 * part / whole : 0.0; }

void print_row(const char* name, const Score& score) {
  const double label = percent(score.label_top1, double(score.samples));
  const double label_ceiling = percent(score.label_ceiling, double(score.samples));
  const double family = percent(score.family_top1, double(score.family_samples));
  const double family_ceiling = percent(score.family_ceiling, double(score.family_samples));
  std::printf("| %-22s | %5.1f%% | %5.1f%% | %5.1f%% | %5.1f%% | %5.1f%% | %5.1f%% | %5.1f%% |\n",
              name, label, label_ceiling, percent(label, label_ceiling),
              percent(score.label_answered, double(score.samples)), family, family_ceiling,
              percent(family, family_ceiling));
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Arguments arguments = parse_arguments(argc, argv);
    const std::string db_path = arguments.data_dir + "/420OS_db.txt";
    const auto observations =
        fingerprint::parse_hershel_observations(read_file(db_path), db_path);
    const auto identities = hershel_identities(observations);

    std::printf("Hershel+: %zu observations of %zu stacks; %d-fold cross-validation, seed %llu;\n"
                "ceiling: exact-signature oracle, retransmission gaps to %.2f s.\n\n",
                observations.size(), identities.size(), arguments.setup.folds,
                static_cast<unsigned long long>(arguments.setup.seed),
                arguments.setup.gap_resolution_s);
    std::printf("| %-22s | label  | ceiling| of ceil| answered| family| ceiling| of ceil|\n",
                "features, noise");
    std::printf("|%s|--------|--------|--------|--------|--------|--------|--------|\n",
                std::string(24, '-').c_str());
    double seconds = 0;
    long matches = 0;
    for (double rate : {0.0, arguments.setup.noise_rate}) {
      EvaluationSetup setup = arguments.setup;
      setup.noise_rate = rate;
      const EvaluationResult result = evaluate(observations, identities, setup);
      const std::string suffix = " @" + std::to_string(int(rate * 100 + 0.5)) + "%";
      print_row(("SYN-ACK" + suffix).c_str(), result.syn_ack_only);
      print_row(("SYN-ACK + RTO" + suffix).c_str(), result.with_retransmissions);
      seconds += result.matching_seconds;
      matches += result.matches;
      if (rate > 0) {
        std::printf("\nnoise injected at %.0f%%: window changed %ld, option dropped %ld, TTL shrunk "
                    "%ld, retransmissions truncated %ld, one retransmission lost %ld (of %zu)\n",
                    rate * 100, result.noise.window_changed, result.noise.option_dropped,
                    result.noise.ttl_shrunk, result.noise.retransmissions_cut,
                    result.noise.retransmission_lost, observations.size());
      }
      if (rate == arguments.setup.noise_rate) break;
    }
    std::printf("matching speed: %.0f hosts/s against %zu entries (a /16 in %.1f s)\n",
                double(matches) / seconds, identities.size(), 65536.0 * seconds / double(matches));
    return 0;
  } catch (const Error& error) {
    std::fprintf(stderr, "zeroscan_eval_os: %s\n", error.what());
    return 2;
  }
}
