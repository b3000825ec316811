// through_live_path: see wire.h.
#include "wire.h"

#include <algorithm>
#include <string>

#include "zeroscan/fingerprint/host_evidence.h"
#include "zeroscan/fingerprint/option_bytes.h"
#include "zeroscan/parse/reply_parser.h"

namespace zeroscan::eval_os {

using fingerprint::Features;

namespace {

constexpr std::uint32_t kOurTsVal = 0x5a5a0001;
constexpr std::uint32_t kSynAckSeq = 1000;
constexpr std::int64_t kSecond = 1000000000;

// The option bytes each letter stands for, for overwriting one with NOPs.
std::size_t option_length(char letter) {
  switch (letter) {
    case 'M': return 4;
    case 'W': return 3;
    case 'S': return 2;
    case 'T': return 10;
    case '?': return 2;
    default: return 1;
  }
}

std::string nop_one_option(const std::string& layout, Random& random) {
  std::vector<std::size_t> real;
  for (std::size_t at = 0; at < layout.size(); ++at) {
    if (layout[at] != 'N' && layout[at] != 'E') real.push_back(at);
  }
  if (real.empty()) return layout;
  const std::size_t at = real[random.below(real.size())];
  return layout.substr(0, at) + std::string(option_length(layout[at]), 'N') + layout.substr(at + 1);
}

std::uint8_t received_ttl(std::uint8_t initial, int hops) {
  return std::uint8_t(std::max(1, int(initial) - hops));
}

Reply rst_reply(const fingerprint::RstFeatures& rst, int hops) {
  Reply reply;
  reply.ip.ttl = received_ttl(rst.initial_ttl, hops);
  reply.ip.df = rst.df.value_or(false);
  reply.tcp.flags = std::uint8_t(tcp_flag::Rst | (rst.ack_flag ? tcp_flag::Ack : 0));
  reply.tcp.window = rst.window;
  reply.tcp.ack = rst.ack_nonzero ? 77 : 0;
  return reply;
}

Reply port0_reply(fingerprint::Port0Answer answer, int hops) {
  Reply reply;
  reply.ip.ttl = received_ttl(64, hops);
  switch (answer) {
    case fingerprint::Port0Answer::Rst: reply.tcp.flags = tcp_flag::Rst; break;
    case fingerprint::Port0Answer::RstAck: reply.tcp.flags = tcp_flag::Rst | tcp_flag::Ack; break;
    case fingerprint::Port0Answer::SynAck: reply.tcp.flags = tcp_flag::Syn | tcp_flag::Ack; break;
    case fingerprint::Port0Answer::Icmp: reply.kind = ReplyKind::IcmpError; break;
    default: reply.tcp.flags = tcp_flag::Ack; break;
  }
  return reply;
}

}  // namespace

Features through_live_path(const Features& observation, bool timed, const PathNoise& noise,
                           Random& random, NoiseTally& tally) {
  // The kinds' coins are drawn first whatever the observation holds.
  const bool clamp = random.chance(noise.rate) && noise.clamp_mss;
  const bool nop = random.chance(noise.rate) && noise.nop_option;
  const bool far = random.chance(noise.rate) && noise.far_path;
  const bool lose = random.chance(noise.rate) && noise.lose_replies;
  const int hops = far ? random.between(33, 45) : random.between(1, 20);
  const std::uint16_t clamped_mss = std::uint16_t(random.between(1360, 1452));
  tally.far_path += far;

  fingerprint::HostEvidence evidence(kOurTsVal, timed ? fingerprint::RetransmitTiming::On
                                                      : fingerprint::RetransmitTiming::Off);
  // IP IDs as a counter (zero where the observation says so): what most
  // stacks do, and neutral for entries with no IP ID class.
  std::uint16_t counter = 1234;
  auto ip_id = [&](bool zero) { return zero ? std::uint16_t(0) : counter++; };
  auto lost = [&] {
    const bool gone = lose && random.chance(0.5);
    tally.replies_lost += gone;
    return gone;
  };
  if (const auto& s = observation.syn_ack) {
    fingerprint::OptionValues values;
    values.mss = s->mss ? *s->mss : 1460;
    values.wscale = s->wscale ? *s->wscale : 7;
    values.ts_val = s->timestamp_value_zero.value_or(false) ? 0 : 123456;
    values.ts_ecr = s->timestamp_echoes_ours.value_or(true) ? kOurTsVal : 0;
    std::uint16_t window = s->window;
    if (clamp && s->mss && clamped_mss < *s->mss) {
      ++tally.mss_clamped;
      values.mss = clamped_mss;
      if (s->window_mss_multiple) {
        const int payload = s->timestamp && s->window % *s->mss != 0 ? clamped_mss - 12 : clamped_mss;
        window = std::uint16_t(std::min(65535, int(*s->window_mss_multiple) * payload));
      }
    }
    std::string layout = s->options;
    if (nop && !layout.empty()) {
      layout = nop_one_option(layout, random);
      ++tally.option_nopped;
    }
    const auto bytes = fingerprint::option_bytes(layout, values);
    Reply reply;
    reply.ip.ttl = received_ttl(s->initial_ttl, hops);
    reply.ip.df = s->df.value_or(false);
    reply.ip.id = ip_id(s->ip_id_zero.value_or(false));
    reply.tcp.flags = tcp_flag::Syn | tcp_flag::Ack;
    reply.tcp.seq = kSynAckSeq;
    reply.tcp.window = window;
    reply.tcp.options = parse_tcp_options(bytes.data(), bytes.size());
    reply.timestamp_ns = kSecond;
    evidence.add(reply, ProbeKind::Syn, 80);
    if (timed && observation.retransmissions) {
      const auto& timing = *observation.retransmissions;
      for (double at : timing.arrivals_s) {
        if (lost()) continue;
        Reply copy = reply;
        copy.timestamp_ns = kSecond + std::int64_t(at * 1e9);
        evidence.add(copy, ProbeKind::Syn, 80);
      }
      if (timing.give_up != fingerprint::GiveUp::None && !lost()) {
        Reply rst = reply;
        rst.tcp.flags = std::uint8_t(
            tcp_flag::Rst | (timing.give_up == fingerprint::GiveUp::RstAck ? tcp_flag::Ack : 0));
        rst.tcp.window = timing.give_up_window.value_or(0);
        rst.tcp.seq = timing.give_up_seq_advanced.value_or(false) ? kSynAckSeq + 1 : kSynAckSeq;
        rst.tcp.options = {};
        rst.timestamp_ns = kSecond + std::int64_t(
            (timing.arrivals_s.empty() ? 0 : timing.arrivals_s.back()) * 1e9) + kSecond;
        evidence.add(rst, ProbeKind::Syn, 80);
      }
    }
  }
  auto rst = [&](const fingerprint::RstFeatures& features) {
    Reply reply = rst_reply(features, hops);
    reply.ip.id = ip_id(features.ip_id_zero.value_or(false));
    return reply;
  };
  if (observation.syn_rst && !lost()) evidence.add(rst(*observation.syn_rst), ProbeKind::Syn, 81);
  if (observation.ack_rst && !lost()) evidence.add(rst(*observation.ack_rst), ProbeKind::Ack, 80);
  if (observation.port0_syn) {
    if (*observation.port0_syn == fingerprint::Port0Answer::None || lost()) {
      evidence.add_silence(ProbeKind::Syn, 0);
    } else {
      evidence.add(port0_reply(*observation.port0_syn, hops), ProbeKind::Syn, 0);
    }
  }
  if (observation.port0_ack) {
    if (*observation.port0_ack == fingerprint::Port0Answer::None || lost()) {
      evidence.add_silence(ProbeKind::Ack, 0);
    } else {
      evidence.add(port0_reply(*observation.port0_ack, hops), ProbeKind::Ack, 0);
    }
  }
  return evidence.features();
}

}  // namespace zeroscan::eval_os
