// Small derivations on Features: initial TTL and TTL class, window as MSS multiple, hop
// distance, and the names of the enumerations.
#include "zeroscan/fingerprint/features.h"

#include <array>
#include <utility>

namespace zeroscan::fingerprint {

std::uint8_t initial_ttl(std::uint8_t received_ttl) {
  for (std::uint8_t start : {32, 64, 128}) {
    if (received_ttl <= start) return start;
  }
  return 255;
}

std::uint8_t ttl_class(std::uint8_t received_ttl) {
  constexpr std::uint8_t kAixInitialTtl = 60;
  const std::uint8_t initial = initial_ttl(received_ttl);
  return initial == 64 && received_ttl <= kAixInitialTtl ? kAixInitialTtl : initial;
}

std::optional<std::uint16_t> window_mss_multiple(std::uint16_t window, std::uint16_t mss,
                                                 bool timestamp) {
  if (window == 0 || mss == 0) return std::nullopt;
  if (window % mss == 0) return static_cast<std::uint16_t>(window / mss);
  const int payload = int(mss) - 12;
  if (timestamp && payload > 0 && window % payload == 0) {
    return static_cast<std::uint16_t>(window / payload);
  }
  return std::nullopt;
}

std::string canonical_layout(std::string_view layout) {
  const auto end_of_list = layout.find('E');
  return std::string(end_of_list == std::string_view::npos ? layout : layout.substr(0, end_of_list + 1));
}

std::optional<IpIdClass> classify_ip_ids(const std::uint16_t* ids, std::size_t count) {
  constexpr int kMaxCounterStep = 2048;  // other traffic between our replies
  if (count < 2) return std::nullopt;
  std::size_t zeros = 0;
  for (std::size_t i = 0; i < count; ++i) zeros += ids[i] == 0;
  if (zeros == count) return IpIdClass::Zero;
  if (zeros > 0) return IpIdClass::Mixed;
  bool counter = true, swapped = true, moved = false;
  for (std::size_t i = 1; i < count; ++i) {
    const int step = std::uint16_t(ids[i] - ids[i - 1]);  // modulo 2^16
    counter = counter && step <= kMaxCounterStep;
    swapped = swapped && step % 256 == 0 && step <= kMaxCounterStep * 256;
    moved = moved || step != 0;
  }
  if (swapped && moved) return IpIdClass::Times256;
  if (counter) return IpIdClass::Incremental;
  return IpIdClass::Random;
}

std::optional<FlowLabelClass> classify_flow_labels(const FlowLabelSample* samples, std::size_t count) {
  if (count < 2) return std::nullopt;
  std::size_t zeros = 0;
  bool same = true;
  for (std::size_t i = 0; i < count; ++i) {
    zeros += samples[i].label == 0;
    same = same && samples[i].label == samples[0].label;
  }
  if (zeros == count) return FlowLabelClass::Zero;
  if (zeros > 0) return FlowLabelClass::Mixed;
  return same ? FlowLabelClass::Constant : FlowLabelClass::PerConnection;
}

// nmap's convention: a host on our link is 1 hop away (its TTL arrives
// untouched), each router adds one.
std::optional<int> hop_distance(const Features& features) {
  if (features.syn_ack) return features.syn_ack->initial_ttl - features.syn_ack->ttl + 1;
  if (features.syn_rst) return features.syn_rst->initial_ttl - features.syn_rst->ttl + 1;
  if (features.ack_rst) return features.ack_rst->initial_ttl - features.ack_rst->ttl + 1;
  return std::nullopt;
}

namespace {

constexpr std::array<std::pair<Port0Answer, std::string_view>, 6> kPort0Names{{
    {Port0Answer::None, "none"},
    {Port0Answer::Rst, "rst"},
    {Port0Answer::RstAck, "rst-ack"},
    {Port0Answer::SynAck, "syn-ack"},
    {Port0Answer::Icmp, "icmp"},
    {Port0Answer::Other, "other"},
}};

constexpr std::array<std::pair<FlowLabelClass, std::string_view>, 4> kFlowLabelNames{{
    {FlowLabelClass::Zero, "zero"},
    {FlowLabelClass::Constant, "constant"},
    {FlowLabelClass::PerConnection, "per-connection"},
    {FlowLabelClass::Mixed, "mixed"},
}};

constexpr std::array<std::pair<IpIdClass, std::string_view>, 5> kIpIdClassNames{{
    {IpIdClass::Zero, "zero"},
    {IpIdClass::Incremental, "incremental"},
    {IpIdClass::Times256, "x256"},
    {IpIdClass::Random, "random"},
    {IpIdClass::Mixed, "mixed"},
}};

constexpr std::array<std::pair<GiveUp, std::string_view>, 3> kGiveUpNames{{
    {GiveUp::None, "none"},
    {GiveUp::Rst, "rst"},
    {GiveUp::RstAck, "rst-ack"},
}};

template <class Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "?";
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& names,
                             std::string_view text) {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Port0Answer answer) { return name_of(kPort0Names, answer); }
std::optional<Port0Answer> parse_port0_answer(std::string_view text) {
  return value_of(kPort0Names, text);
}
std::string_view to_string(IpIdClass id_class) { return name_of(kIpIdClassNames, id_class); }
std::optional<IpIdClass> parse_ip_id_class(std::string_view text) {
  return value_of(kIpIdClassNames, text);
}
std::string_view to_string(FlowLabelClass flow_label) { return name_of(kFlowLabelNames, flow_label); }
std::optional<FlowLabelClass> parse_flow_label_class(std::string_view text) {
  return value_of(kFlowLabelNames, text);
}
std::string_view to_string(GiveUp give_up) { return name_of(kGiveUpNames, give_up); }
std::optional<GiveUp> parse_give_up(std::string_view text) { return value_of(kGiveUpNames, text); }

}  // namespace zeroscan::fingerprint
