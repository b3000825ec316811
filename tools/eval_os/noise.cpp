// inject_noise: see noise.h.
#include "noise.h"

#include <string>

namespace zeroscan::eval_os {

using fingerprint::Features;
using fingerprint::SynAckFeatures;

namespace {

void change_window(SynAckFeatures& syn_ack, const NoiseModel& model, Random& random) {
  if (model.windows.size() < 2) return;
  std::uint16_t window = syn_ack.window;
  while (window == syn_ack.window) window = model.windows[random.below(model.windows.size())];
  syn_ack.window = window;
  syn_ack.window_mss_multiple.reset();
  if (syn_ack.mss) {
    syn_ack.window_mss_multiple =
        fingerprint::window_mss_multiple(window, *syn_ack.mss, syn_ack.timestamp);
  }
}

bool drop_option(SynAckFeatures& syn_ack, Random& random) {
  std::vector<std::size_t> real_options;
  for (std::size_t at = 0; at < syn_ack.options.size(); ++at) {
    const char kind = syn_ack.options[at];
    if (kind != 'N' && kind != 'E') real_options.push_back(at);
  }
  if (real_options.empty()) return false;
  const std::size_t at = real_options[random.below(real_options.size())];
  const char kind = syn_ack.options[at];
  syn_ack.options.erase(at, 1);
  switch (kind) {
    case 'M':
      syn_ack.mss.reset();
      syn_ack.window_mss_multiple.reset();
      break;
    case 'W': syn_ack.wscale.reset(); break;
    case 'S': syn_ack.sack_permitted = false; break;
    case 'T':
      syn_ack.timestamp = false;
      syn_ack.timestamp_echoes_ours.reset();
      break;
  }
  return true;
}

void shrink_ttl(SynAckFeatures& syn_ack, Random& random) {
  const int hops = random.between(1, 15);
  syn_ack.ttl = std::uint8_t(syn_ack.initial_ttl - hops);
  syn_ack.initial_ttl = fingerprint::initial_ttl(syn_ack.ttl);
}

}  // namespace

Features inject_noise(Features features, const NoiseModel& model, Random& random,
                      NoiseTally& tally) {
  // Draw every coin whatever the sample looks like, so one sample's shape
  // does not shift the random stream of the next.
  const bool window = random.chance(model.rate);
  const bool option = random.chance(model.rate);
  const bool ttl = random.chance(model.rate);
  const bool timing = random.chance(model.rate);
  const bool truncate = random.chance(0.5);
  if (features.syn_ack) {
    if (window) {
      change_window(*features.syn_ack, model, random);
      ++tally.window_changed;
    }
    if (option && drop_option(*features.syn_ack, random)) ++tally.option_dropped;
    if (ttl) {
      shrink_ttl(*features.syn_ack, random);
      ++tally.ttl_shrunk;
    }
  }
  if (timing && features.retransmissions && !features.retransmissions->arrivals_s.empty()) {
    auto& arrivals = features.retransmissions->arrivals_s;
    if (truncate) {
      arrivals.resize(random.below(arrivals.size()));
      ++tally.retransmissions_cut;
    } else {
      arrivals.erase(arrivals.begin() + long(random.below(arrivals.size())));
      ++tally.retransmission_lost;
    }
  }
  return features;
}

}  // namespace zeroscan::eval_os
