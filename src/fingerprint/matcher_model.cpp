// Compiling a Database into a Matcher::Model (see matcher_model.h).
#include "matcher_model.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "entry_fields.h"

namespace zeroscan::fingerprint {
namespace {

// Share of an unlisted stack's values that no database entry shows; the
// rest follows the database-wide frequencies.
constexpr double kNeverSeenShare = 0.2;

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
      // Full credit: a window that is a whole number of segments is the
      // stack's rule more often than a coincidence, and the rule is what
      // survives MSS clamping.
      multiple.multiple = *inferred;
    } else {
      continue;
    }
    compiled.window_multiples.push_back(multiple);
    compiled.window_in_segments += multiple.probability;
  }
}

// background(segments) = (1 - s) * mean share of the listed entries' windows
// that are whole numbers of segments + s / 2 (segments or not).
double segment_window_background(const Matcher::Model& model, std::size_t real) {
  double sum = 0;
  int with_window = 0;
  for (std::size_t e = 0; e < real; ++e) {
    const CompiledEntry& entry = model.entries[e];
    if (entry.fields[model.window_field].empty()) continue;
    sum += entry.window_in_segments;
    ++with_window;
  }
  const double listed = with_window ? sum / with_window : 0;
  return (1 - kNeverSeenShare) * listed + kNeverSeenShare / 2;
}

// Adds probability to the value's slot, creating it if need be.
void accumulate(CompiledDistribution& distribution, int id, double probability) {
  auto same = std::find_if(distribution.begin(), distribution.end(),
                           [&](const ValueProbability& vp) { return vp.id == id; });
  if (same == distribution.end()) {
    distribution.push_back({id, probability});
  } else {
    same->probability += probability;
  }
}

// Moves `amount` of probability from the value `from` to the value `to`.
template <class IdOf>
void move_probability(CompiledDistribution& distribution, IdOf id_of, const char* from,
                      const char* to, double amount) {
  if (amount == 0) return;
  const int from_id = id_of(from);
  for (ValueProbability& value : distribution) {
    if (value.id == from_id) value.probability -= amount;
  }
  accumulate(distribution, id_of(to), amount);
}

// TTLs only go down on the way. A path of 4..32 hops takes a TTL that
// started at 64 to 33..60, which reads as the TTL class 60 (ttl_class());
// more than 32 hops take a 64 or a 60 below 33, where it reads as 32.
// (128 and 255 would need more than 64 hops.)
template <class IdOf>
void add_path_lengths(CompiledDistribution& distribution, IdOf id_of, const MatcherOptions& options) {
  const double sixty = probability_of(distribution, id_of("60"));
  const double sixty_four = probability_of(distribution, id_of("64"));
  move_probability(distribution, id_of, "60", "32", options.ttl_long_path * sixty);
  move_probability(distribution, id_of, "64", "32", options.ttl_long_path * sixty_four);
  move_probability(distribution, id_of, "64", "60", options.ttl_four_hops * sixty_four);
}

// background(v) = (1 - s) * share of entries showing v + s / domain size,
// for layouts (and views of them).
std::vector<double> layout_backgrounds(const std::vector<double>& shares, int entries_with_options) {
  std::vector<double> backgrounds;
  for (double share : shares) {
    const double listed = entries_with_options ? share / entries_with_options : 0;
    backgrounds.push_back((1 - kNeverSeenShare) * listed +
                          kNeverSeenShare / kOptionsCodec.domain_size);
  }
  return backgrounds;
}

// One coarser view of every entry's layouts (see LayoutLevel).
template <class View, class Slot>
void compile_layout_level(const Database& database, std::size_t real, View view, LayoutLevel& level,
                          Slot slot, Matcher::Model& model) {
  std::vector<double> share;
  int entries_with_options = 0;
  for (std::size_t e = 0; e < database.entries.size(); ++e) {
    const auto& layouts = database.entries[e].syn_ack.options;
    if (layouts.empty()) continue;
    if (e < real) ++entries_with_options;
    const double total = total_weight(layouts);
    CompiledDistribution& compiled = slot(model.entries[e]);
    for (const auto& weighted : layouts) {
      auto [it, inserted] = level.ids.emplace(view(weighted.value), int(share.size()));
      if (inserted) share.push_back(0);
      const double probability = weighted.weight / total;
      if (e < real) share[it->second] += probability;
      accumulate(compiled, it->second, probability);
    }
  }
  level.background = layout_backgrounds(share, entries_with_options);
  level.unseen_background = kNeverSeenShare / kOptionsCodec.domain_size;
}

// One entry per family that pools its listed entries (each entry's values
// weighted 1/n): the family's traits (initial TTL, DF, option order, window
// rule) for a stack of the family that is not listed itself. A feature
// fewer than half of the family's entries expect stays without expectation;
// retransmission timing is not pooled.
std::vector<Entry> family_generic_entries(const Database& database) {
  std::map<Family, std::vector<const Entry*>> members;
  for (const Entry& entry : database.entries) {
    if (entry.family != Family::Unknown) members[entry.family].push_back(&entry);
  }
  std::vector<Entry> generics;
  for (const auto& member : members) {
    // Named, not a structured binding: clang (C++17) cannot capture one.
    const Family family = member.first;
    const std::vector<const Entry*>& entries = member.second;
    Entry generic;
    generic.id = "generic-" + std::string(to_string(family));
    generic.label = "";
    generic.family = family;
    for_each_field([&](std::string_view, auto path, const auto&, FieldNoise) {
      auto& pooled = path.in(generic);
      std::size_t with_field = 0;
      for (const Entry* entry : entries) with_field += !path.in(*entry).empty();
      if (2 * with_field < entries.size()) return;
      for (const Entry* entry : entries) {
        const auto& distribution = path.in(*entry);
        const double total = total_weight(distribution);
        for (const auto& weighted : distribution) {
          auto same = std::find_if(pooled.begin(), pooled.end(),
                                   [&](const auto& p) { return p.value == weighted.value; });
          const double weight = weighted.weight / total / double(with_field);
          if (same == pooled.end()) {
            pooled.push_back({weighted.value, weight});
          } else {
            same->weight += weight;
          }
        }
      }
    });
    generics.push_back(std::move(generic));
  }
  return generics;
}

// Prior mass: (1 - unlisted) spread evenly over the families present; in
// each family, family_generic_share to its generic entry and the rest
// evenly over its labels, each label's over its entries. Labels are ranked
// with (1 - unlisted) spread evenly over all labels instead: the family
// prior keeps big families from swamping small ones, but a stack is not a
// likelier label for belonging to a family with few labels.
void assign_priors(const Database& database, const MatcherOptions& options, Matcher::Model& model) {
  std::map<Family, std::map<std::string, int>> entries_per_label;
  for (std::size_t e = 0; e < database.entries.size(); ++e) {
    if (!model.entries[e].generic) ++entries_per_label[database.entries[e].family][database.entries[e].label];
  }
  const double families = double(entries_per_label.size());
  const double family_log_prior = std::log((1 - options.unlisted_prior) / families);
  double label_count = 0;
  for (const auto& family : entries_per_label) label_count += double(family.second.size());
  const double all_labels_log_prior = std::log((1 - options.unlisted_prior) / label_count);
  for (std::size_t e = 0; e < database.entries.size(); ++e) {
    const Entry& entry = database.entries[e];
    if (model.entries[e].generic) {
      model.entries[e].log_prior = family_log_prior + std::log(options.family_generic_share);
      continue;
    }
    const auto& labels = entries_per_label[entry.family];
    const double entry_log_share = -std::log(double(labels.at(entry.label)));
    model.entries[e].log_prior = family_log_prior - std::log(double(labels.size())) +
                                 entry_log_share + std::log(1 - options.family_generic_share);
    model.entries[e].label_log_prior = all_labels_log_prior + entry_log_share;
  }
}

}  // namespace

double probability_of(const CompiledDistribution& distribution, int id) {
  if (id < 0) return 0;
  for (const ValueProbability& value : distribution) {
    if (value.id == id) return value.probability;
  }
  return 0;
}

std::string option_kinds(const std::string& layout) {
  std::string kinds;
  for (char letter : layout) {
    if (letter != 'N' && letter != 'E') kinds += letter;
  }
  return kinds;
}

std::string option_set(const std::string& layout) {
  std::string kinds = option_kinds(layout);
  std::sort(kinds.begin(), kinds.end());
  kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
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

Matcher::Model Matcher::Model::compile(const Database& listed, const MatcherOptions& options) {
  Model model(options);
  // The listed entries, then one generic entry per family; only the listed
  // ones count towards the database-wide (unlisted-stack) frequencies.
  Database database = listed;
  const std::size_t real = listed.entries.size();
  for (Entry& generic : family_generic_entries(listed)) database.entries.push_back(std::move(generic));
  model.entries.resize(database.entries.size());

  std::map<std::string, int> label_ids;
  for (std::size_t e = 0; e < database.entries.size(); ++e) {
    const Entry& entry = database.entries[e];
    CompiledEntry& compiled = model.entries[e];
    compiled.generic = e >= real;
    if (compiled.generic) {
      compiled.label = -1;
    } else {
      auto [it, inserted] = label_ids.emplace(entry.label, int(model.labels.size()));
      if (inserted) {
        model.labels.push_back(entry.label);
        model.label_families.push_back(entry.family);
        model.label_devices.push_back(entry.device);
      }
      compiled.label = it->second;
    }
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
      auto id_of = [&](const std::string& token) {
        auto [it, inserted] = field.ids.emplace(token, int(seen_share.size()));
        if (inserted) seen_share.push_back(0);
        return it->second;
      };
      for (const auto& weighted : distribution) {
        compiled.push_back({id_of(codec.format(weighted.value)), weighted.weight / total});
      }
      if (noise == FieldNoise::Ttl) add_path_lengths(compiled, id_of, options);
      if (e < real) {
        for (const ValueProbability& value : compiled) seen_share[value.id] += value.probability;
      }
      if (!compiled.empty() && e < real) ++entries_with_field;
      model.entries[e].fields.push_back(std::move(compiled));
    }
    // background(v) = (1 - s) * share of entries showing v + s / domain size
    const double never_seen = kNeverSeenShare / codec.domain_size;
    for (double share : seen_share) {
      const double listed = entries_with_field ? share / entries_with_field : 0;
      field.background.push_back((1 - kNeverSeenShare) * listed + never_seen);
    }
    field.unseen_background = never_seen;
    if (key == "giveup" || key == "port0.syn" || key == "port0.ack") {
      auto silent = field.ids.find("none");
      if (silent != field.ids.end()) field.silent_id = silent->second;
    }
    model.fields.push_back(std::move(field));
  });
  model.window_in_segments_background = segment_window_background(model, real);

  // Stripped-layout lookups, weighted so that each of the stripped variants
  // of a layout is equally likely.
  std::vector<double> stripped_share;
  int entries_with_options = 0;
  for (std::size_t e = 0; e < database.entries.size(); ++e) {
    const auto& layouts = database.entries[e].syn_ack.options;
    if (!layouts.empty() && e < real) ++entries_with_options;
    const double total = total_weight(layouts);
    CompiledDistribution& stripped = model.entries[e].stripped_options;
    for (const auto& weighted : layouts) {
      const auto variants = with_one_option_stripped(option_kinds(weighted.value));
      for (const std::string& variant : variants) {
        auto [it, inserted] =
            model.stripped_kinds_ids.emplace(variant, int(model.stripped_kinds_ids.size()));
        if (inserted) stripped_share.push_back(0);
        const double probability = weighted.weight / total / double(variants.size());
        if (e < real) stripped_share[it->second] += probability;
        accumulate(stripped, it->second, probability);
      }
    }
  }
  model.stripped_background = layout_backgrounds(stripped_share, entries_with_options);
  model.stripped_unseen_background = kNeverSeenShare / kOptionsCodec.domain_size;
  compile_layout_level(database, real, option_kinds, model.kinds_level,
                       [](CompiledEntry& e) -> CompiledDistribution& { return e.layout_kinds; }, model);
  compile_layout_level(database, real, option_set, model.set_level,
                       [](CompiledEntry& e) -> CompiledDistribution& { return e.layout_set; }, model);
  for (std::size_t f = 0; f < model.fields.size(); ++f) {
    if (model.fields[f].key == "port0.syn") model.port0_syn_field = int(f);
    if (model.fields[f].key == "port0.ack") model.port0_ack_field = int(f);
  }
  assign_priors(database, options, model);
  return model;
}

}  // namespace zeroscan::fingerprint
