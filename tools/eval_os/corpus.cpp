// load_corpus and the stack shapes (see corpus.h).
#include "corpus.h"

#include <map>

#include "zeroscan/fingerprint/database.h"
#include "zeroscan/fingerprint/learn.h"

namespace zeroscan::eval_os {

using fingerprint::Entry;
using fingerprint::Features;

namespace {

template <class T>
const T* pick(const fingerprint::Distribution<T>& values, std::size_t index) {
  return values.empty() ? nullptr : &values[index % values.size()].value;
}

std::string kinds_of(const std::string& layout) {
  std::string kinds;
  for (char letter : layout) {
    if (letter != 'N' && letter != 'E') kinds += letter;
  }
  return kinds;
}

}  // namespace

std::vector<Features> observations_of(const Entry& entry) {
  std::vector<Features> observations;
  const auto& expect = entry.syn_ack;
  for (std::size_t i = 0; i < expect.options.size(); ++i) {
    fingerprint::SynAckFeatures syn_ack;
    syn_ack.options = expect.options[i].value;
    auto carries = [&](char letter) { return syn_ack.options.find(letter) != std::string::npos; };
    syn_ack.initial_ttl = pick(expect.initial_ttl, i) ? *pick(expect.initial_ttl, i) : 64;
    syn_ack.ttl = syn_ack.initial_ttl;
    syn_ack.df = pick(expect.df, i) ? *pick(expect.df, i) : true;
    if (auto zero = pick(expect.ip_id_zero, i)) syn_ack.ip_id_zero = *zero;
    syn_ack.timestamp = carries('T');
    syn_ack.sack_permitted = carries('S');
    if (carries('M')) syn_ack.mss = pick(expect.mss, i) ? *pick(expect.mss, i) : 1460;
    if (carries('W')) {
      syn_ack.wscale = pick(expect.wscale, i) ? *pick(expect.wscale, i) : 7;
    }
    const fingerprint::WindowValue window =
        pick(expect.window, i) ? *pick(expect.window, i) : fingerprint::WindowValue{65535, 0};
    const int mss = syn_ack.mss ? *syn_ack.mss : 1460;
    const int payload = syn_ack.timestamp ? mss - 12 : mss;
    syn_ack.window = window.mss_multiple ? std::uint16_t(std::min(65535, window.mss_multiple * payload))
                                         : window.bytes;
    if (syn_ack.mss) {
      syn_ack.window_mss_multiple =
          fingerprint::window_mss_multiple(syn_ack.window, *syn_ack.mss, syn_ack.timestamp);
    }
    if (auto echo = pick(expect.timestamp_echo, i); echo && syn_ack.timestamp) {
      syn_ack.timestamp_echoes_ours = *echo;
    }
    if (auto zero = pick(expect.tsval_zero, i); zero && syn_ack.timestamp) {
      syn_ack.timestamp_value_zero = *zero;
    }
    Features features;
    features.syn_ack = syn_ack;
    auto rst = [&](const fingerprint::RstExpectation& r) -> std::optional<fingerprint::RstFeatures> {
      if (r.ack_flag.empty()) return std::nullopt;
      fingerprint::RstFeatures out;
      out.ack_flag = *pick(r.ack_flag, i);
      if (auto v = pick(r.window, i)) out.window = *v;
      if (auto v = pick(r.ack_nonzero, i)) out.ack_nonzero = *v;
      if (auto v = pick(r.df, i)) out.df = *v;
      out.initial_ttl = pick(r.initial_ttl, i) ? *pick(r.initial_ttl, i) : syn_ack.initial_ttl;
      out.ttl = out.initial_ttl;
      if (auto v = pick(r.ip_id_zero, i)) out.ip_id_zero = *v;
      return out;
    };
    features.syn_rst = rst(entry.syn_rst);
    features.ack_rst = rst(entry.ack_rst);
    if (auto v = pick(entry.port0.syn, i)) features.port0_syn = *v;
    if (auto v = pick(entry.port0.ack, i)) features.port0_ack = *v;
    const auto& timing = entry.retransmissions;
    if (timing.gaps) {
      fingerprint::RetransmissionFeatures retransmissions;
      double at = 0;
      for (const auto& gap : *timing.gaps) retransmissions.arrivals_s.push_back(at += gap.mean_s);
      if (auto v = pick(timing.give_up, i)) retransmissions.give_up = *v;
      if (auto v = pick(timing.give_up_window, i)) retransmissions.give_up_window = *v;
      if (auto v = pick(timing.give_up_seq_advanced, i)) retransmissions.give_up_seq_advanced = *v;
      features.retransmissions = retransmissions;
    }
    observations.push_back(std::move(features));
  }
  return observations;
}

std::string shape_of(const Features& features) {
  if (!features.syn_ack) return "no SYN-ACK";
  const auto& s = *features.syn_ack;
  const std::string window = s.window_mss_multiple ? "mss*" + std::to_string(*s.window_mss_multiple)
                                                   : std::to_string(s.window);
  return std::to_string(s.initial_ttl) + (s.df.value_or(false) ? " df " : " - ") + window + " " +
         kinds_of(s.options);
}

std::vector<Stack> load_corpus(const std::vector<fingerprint::HershelObservation>& hershel) {
  std::map<std::string, Entry> builtin;
  for (Entry& entry : fingerprint::load_builtin_database().entries) {
    builtin.emplace(entry.id, std::move(entry));
  }
  std::map<std::string, std::vector<Features>> rows;
  for (const auto& row : hershel) {
    rows[fingerprint::hershel_entry_id(row.class_id)].push_back(row.features);
  }
  std::vector<Stack> corpus;
  for (auto& [id, entry] : builtin) {
    Stack stack;
    if (id.rfind("hershel-", 0) == 0) {
      auto it = rows.find(id);
      if (it == rows.end()) continue;  // a Hershel+ entry without data given: skip
      stack.source = "hershel";
      stack.observations = it->second;
    } else {
      const bool p0f = id.rfind("p0f-", 0) == 0, documented = id.rfind("documented-", 0) == 0;
      stack.source = p0f ? "p0f" : documented ? "documented" : "lab";
      stack.observations = observations_of(entry);
    }
    if (stack.observations.empty()) continue;
    stack.entry = entry;
    // The shape of the most common observation (for listed entries, of the
    // heaviest layout, which comes first).
    stack.shape = shape_of(stack.observations.front());
    std::map<std::string, int> shapes;
    for (const auto& observation : stack.observations) ++shapes[shape_of(observation)];
    int best = stack.source == "hershel" ? -1 : 1 << 30;
    for (const auto& [shape, count] : shapes) {
      if (count > best) best = count, stack.shape = shape;
    }
    corpus.push_back(std::move(stack));
  }
  return corpus;
}

}  // namespace zeroscan::eval_os
