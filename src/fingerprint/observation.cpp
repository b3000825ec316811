// Features -> single-observation Entry: the bridge between what the network
// showed and the database's vocabulary.
#include "observation.h"

namespace zeroscan::fingerprint {
namespace {

template <class T>
void set(Distribution<T>& distribution, const T& value) {
  distribution = {Weighted<T>{value, 1}};
}

template <class T>
void set(Distribution<T>& distribution, const std::optional<T>& value) {
  if (value) set(distribution, *value);
}

// A received TTL of 0 never comes off the wire: it is a record that holds
// only the initial TTL (hand-made features), read as that.
std::uint8_t read_ttl(std::uint8_t received, std::uint8_t initial, TtlReading reading) {
  return reading == TtlReading::Class && received != 0 ? ttl_class(received) : initial;
}

void set_rst(RstExpectation& rst, const std::optional<RstFeatures>& features, TtlReading ttl) {
  if (!features) return;
  set(rst.ack_flag, features->ack_flag);
  set(rst.window, features->window);
  set(rst.ack_nonzero, features->ack_nonzero);
  set(rst.df, features->df);
  set(rst.initial_ttl, read_ttl(features->ttl, features->initial_ttl, ttl));
  set(rst.ip_id_zero, features->ip_id_zero);
}

}  // namespace

std::vector<double> retransmission_gaps(const std::vector<double>& arrivals_s) {
  std::vector<double> gaps;
  double previous = 0;
  for (double arrival : arrivals_s) {
    gaps.push_back(arrival - previous);
    previous = arrival;
  }
  return gaps;
}

Entry observation_entry(const Features& features, TtlReading ttl) {
  Entry entry;
  entry.samples = 1;
  if (const auto& syn_ack = features.syn_ack) {
    SynAckExpectation& expect = entry.syn_ack;
    set(expect.initial_ttl, read_ttl(syn_ack->ttl, syn_ack->initial_ttl, ttl));
    set(expect.df, syn_ack->df);
    set(expect.ip_id_zero, syn_ack->ip_id_zero);
    set(expect.window, WindowValue{syn_ack->window, 0});
    set(expect.options, syn_ack->options);
    set(expect.mss, syn_ack->mss);
    set(expect.wscale, syn_ack->wscale);
    set(expect.timestamp_echo, syn_ack->timestamp_echoes_ours);
    set(expect.tsval_zero, syn_ack->timestamp_value_zero);
  }
  set_rst(entry.syn_rst, features.syn_rst, ttl);
  set_rst(entry.ack_rst, features.ack_rst, ttl);
  set(entry.ip_id_class, features.ip_id_class);
  set(entry.port0.syn, features.port0_syn);
  set(entry.port0.ack, features.port0_ack);
  if (const auto& timing = features.retransmissions) {
    RetransmissionExpectation& expect = entry.retransmissions;
    std::vector<GapExpectation> gaps;
    for (double gap : retransmission_gaps(timing->arrivals_s)) gaps.push_back({gap, 0});
    expect.gaps = std::move(gaps);
    set(expect.give_up, timing->give_up);
    set(expect.give_up_window, timing->give_up_window);
    set(expect.give_up_seq_advanced, timing->give_up_seq_advanced);
  }
  return entry;
}

}  // namespace zeroscan::fingerprint
