// Compiling a Database into a Matcher::Model (see matcher_model.h).
#include "matcher_model.h"

#include <algorithm>
#include <map>

#include "entry_fields.h"

namespace zeroscan::fingerprint {
namespace {

// Share of an unlisted stack's values that no database entry shows; the
// rest follows the database-wide frequencies.
constexpr double kNeverSeenShare = 0.2;

// A window inferred to be an MSS multiple from its byte count may be a
// coincidence; an explicit "mss*K" is not.
constexpr double kInferredMultipleCredit = 0.5;

template <class T>
double total_weight(const Distribution<T>& distribution) {
  double total = 0;
  for (const auto& weighted : distribution) total += weighted.weight;
  return total;
}

template <class T>
const T* heaviest(const Distribution<T>& distribution) {
  const Weighted<T>* best = nullptr;
  for (const auto& weighted : distribution) {
    if (!best || weighted.weight > best->weight) best = &weighted;
  }
  return best ? &best->value : nullptr;
}

void compile_window_multiples(const Entry& entry, CompiledEntry& compiled) {
  const auto& windows = entry.syn_ack.window;
  const double total = total_weight(windows);
  const std::uint16_t* mss = heaviest(entry.syn_ack.mss);
  const std::string* layout = heaviest(entry.syn_ack.options);
  const bool timestamp = layout && layout->find('T') != std::string::npos;
  for (const auto& weighted : windows) {
    CompiledEntry::WindowMultiple multiple;
    multiple.probability = weighted.weight / total;
    if (weighted.value.mss_multiple != 0) {
      multiple.multiple = weighted.value.mss_multiple;
    } else if (mss) {
      auto inferred = window_mss_multiple(weighted.value.bytes, *mss, timestamp);
      if (!inferred) continue;
      multiple.multiple = *inferred;
      multiple.credit = kInferredMultipleCredit;
    } else {
      continue;
    }
    compiled.window_multiples.push_back(multiple);
  }
}

}  // namespace

std::string option_kinds(const std::string& layout) {
  std::string kinds;
  for (char letter : layout) {
    if (letter != 'N' && letter != 'E') kinds += letter;
  }
  return kinds;
}

std::vector<std::string> with_one_option_stripped(const std::string& kinds) {
  std::vector<std::string> stripped;
  for (std::size_t at = 0; at < kinds.size(); ++at) {
    std::string shorter = kinds;
    shorter.erase(at, 1);
    if (std::find(stripped.begin(), stripped.end(), shorter) == stripped.end()) {
      stripped.push_back(std::move(shorter));
    }
  }
  return stripped;
}

Matcher::Model Matcher::Model::compile(const Database& database, const MatcherOptions& options) {
  Model model(options);
  model.entries.resize(database.entries.size());

  std::map<std::string, int> label_ids;
  for (std::size_t e = 0; e < database.entries.size(); ++e) {
    const Entry& entry = database.entries[e];
    CompiledEntry& compiled = model.entries[e];
    auto [it, inserted] = label_ids.emplace(entry.label, int(model.labels.size()));
    if (inserted) {
      model.labels.push_back(entry.label);
      model.label_families.push_back(entry.family);
      model.label_devices.push_back(entry.device);
    }
    compiled.label = it->second;
    compiled.family = entry.family;
    compiled.device = entry.device;
    if (entry.retransmissions.gaps) {
      compiled.gaps = compile_gaps(*entry.retransmissions.gaps, options);
    }
    compile_window_multiples(entry, compiled);
  }

  for_each_field([&](std::string_view key, auto path, const auto& codec, FieldNoise noise) {
    const int field_index = int(model.fields.size());
    switch (noise) {
      case FieldNoise::Ttl: model.changed.push_back(options.ttl_changed); break;
      case FieldNoise::Window: model.changed.push_back(options.window_changed); break;
      case FieldNoise::Options: model.changed.push_back(options.options_other); break;
      case FieldNoise::Mss: model.changed.push_back(options.mss_changed); break;
      case FieldNoise::Other: model.changed.push_back(options.other_changed); break;
    }
    if (key == "window") model.window_field = field_index;
    if (key == "options") model.options_field = field_index;
    CompiledField field;
    field.key = std::string(key);
    std::vector<double> seen_share;  // per id: sum of entries' probabilities
    int entries_with_field = 0;
    for (std::size_t e = 0; e < database.entries.size(); ++e) {
      const auto& distribution = path.in(database.entries[e]);
      CompiledDistribution compiled;
      const double total = total_weight(distribution);
      for (const auto& weighted : distribution) {
        const std::string token = codec.format(weighted.value);
        auto [it, inserted] = field.ids.emplace(token, int(seen_share.size()));
        if (inserted) seen_share.push_back(0);
        const double probability = weighted.weight / total;
        seen_share[it->second] += probability;
        compiled.push_back({it->second, probability});
      }
      if (!compiled.empty()) ++entries_with_field;
      model.entries[e].fields.push_back(std::move(compiled));
    }
    // background(v) = (1 - s) * share of entries showing v + s / domain size
    const double never_seen = kNeverSeenShare / codec.domain_size;
    for (double share : seen_share) {
      const double listed = entries_with_field ? share / entries_with_field : 0;
      field.background.push_back((1 - kNeverSeenShare) * listed + never_seen);
    }
    field.unseen_background = never_seen;
    model.fields.push_back(std::move(field));
  });

  // Stripped-layout lookups, weighted so that each of the stripped variants
  // of a layout is equally likely.
  std::vector<double> stripped_share;
  int entries_with_options = 0;
  for (std::size_t e = 0; e < database.entries.size(); ++e) {
    const auto& layouts = database.entries[e].syn_ack.options;
    if (!layouts.empty()) ++entries_with_options;
    const double total = total_weight(layouts);
    CompiledDistribution& stripped = model.entries[e].stripped_options;
    for (const auto& weighted : layouts) {
      const auto variants = with_one_option_stripped(option_kinds(weighted.value));
      for (const std::string& variant : variants) {
        auto [it, inserted] =
            model.stripped_kinds_ids.emplace(variant, int(model.stripped_kinds_ids.size()));
        if (inserted) stripped_share.push_back(0);
        const double probability = weighted.weight / total / double(variants.size());
        stripped_share[it->second] += probability;
        const int id = it->second;  // clang (C++17) cannot capture a structured binding
        auto same = std::find_if(stripped.begin(), stripped.end(),
                                 [id](const ValueProbability& vp) { return vp.id == id; });
        if (same == stripped.end()) {
          stripped.push_back({it->second, probability});
        } else {
          same->probability += probability;
        }
      }
    }
  }
  const double never_seen = kNeverSeenShare / kOptionsCodec.domain_size;
  for (double share : stripped_share) {
    const double listed = entries_with_options ? share / entries_with_options : 0;
    model.stripped_background.push_back((1 - kNeverSeenShare) * listed + never_seen);
  }
  model.stripped_unseen_background = never_seen;
  return model;
}

}  // namespace zeroscan::fingerprint
