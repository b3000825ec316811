// learn_entry and signature_line: database entries from observations.
#include "zeroscan/fingerprint/learn.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "entry_fields.h"
#include "observation.h"
#include "zeroscan/fingerprint/database.h"

namespace zeroscan::fingerprint {
namespace {

// Adds one observation's single value to the running distribution.
template <class T>
void accumulate(Distribution<T>& total, const Distribution<T>& one) {
  for (const auto& observed : one) {
    auto it = std::find_if(total.begin(), total.end(),
                           [&](const Weighted<T>& seen) { return seen.value == observed.value; });
    if (it == total.end()) {
      total.push_back(observed);
    } else {
      it->weight += observed.weight;
    }
  }
}

// Heaviest first, then by value, so the printed file is stable.
template <class T>
void sort_by_weight(Distribution<T>& distribution) {
  std::stable_sort(distribution.begin(), distribution.end(),
                   [](const Weighted<T>& a, const Weighted<T>& b) {
                     if (a.weight != b.weight) return a.weight > b.weight;
                     return a.value < b.value;
                   });
}

std::optional<std::vector<GapExpectation>> learn_gaps(const std::vector<Entry>& observed) {
  std::map<std::size_t, int> count_frequency;
  std::vector<const std::vector<GapExpectation>*> timed;
  for (const Entry& entry : observed) {
    if (!entry.retransmissions.gaps) continue;
    timed.push_back(&*entry.retransmissions.gaps);
    ++count_frequency[entry.retransmissions.gaps->size()];
  }
  if (timed.empty()) return std::nullopt;
  // The most common count (the larger on ties: a short list is more likely
  // a lost tail than an extra copy).
  std::size_t count = 0;
  int best = 0;
  for (const auto& [size, frequency] : count_frequency) {
    if (frequency >= best) {
      best = frequency;
      count = size;
    }
  }
  std::vector<GapExpectation> gaps;
  for (std::size_t position = 0; position < count; ++position) {
    std::vector<double> values;
    for (const auto* list : timed) {
      if (list->size() > position) values.push_back((*list)[position].mean_s);
    }
    double sum = 0;
    for (double value : values) sum += value;
    const double mean = sum / double(values.size());
    double squares = 0;
    for (double value : values) squares += (value - mean) * (value - mean);
    gaps.push_back({mean, std::sqrt(squares / double(values.size()))});
  }
  return gaps;
}

}  // namespace

Entry learn_entry(const EntryIdentity& identity, const std::vector<Features>& observations) {
  Entry entry;
  entry.id = identity.id;
  entry.label = identity.label;
  entry.family = identity.family;
  entry.device = identity.device;
  entry.samples = int(observations.size());
  std::vector<Entry> observed;
  observed.reserve(observations.size());
  for (const Features& features : observations) {
    observed.push_back(observation_entry(features, TtlReading::Initial));
  }
  for_each_field([&](std::string_view, auto path, const auto&, FieldNoise) {
    auto& total = path.in(entry);
    for (const Entry& one : observed) accumulate(total, path.in(one));
    sort_by_weight(total);
  });
  entry.retransmissions.gaps = learn_gaps(observed);
  return entry;
}

std::string signature_line(const Features& features) {
  Entry entry = observation_entry(features, TtlReading::Initial);
  entry.id = "new-stack";
  entry.label = "new stack";
  entry.samples = 0;  // one observation; leave the count to whoever names it
  return format_entry(entry);
}

}  // namespace zeroscan::fingerprint
