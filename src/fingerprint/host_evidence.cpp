// HostEvidence: sorts each verified reply into the role it plays for OS
// fingerprinting (the SYN-ACK, its retransmissions, the give-up RST, a
// closed port's RST, the ACK probe's RST, the port-0 answers) and derives
// Features from them. First reply in each role wins: later ones are repeats.
#include "zeroscan/fingerprint/host_evidence.h"

#include <algorithm>
#include <cstring>

namespace zeroscan::fingerprint {
namespace {

bool has(std::uint8_t flags, std::uint8_t flag) { return (flags & flag) != 0; }

bool is_syn_ack(const Reply& reply) {
  const auto flags = reply.tcp.flags;
  return has(flags, tcp_flag::Syn) && has(flags, tcp_flag::Ack) && !has(flags, tcp_flag::Rst);
}

bool is_rst(const Reply& reply) { return has(reply.tcp.flags, tcp_flag::Rst); }

// An IPv6 header has no DF bit and no IP ID (only a fragment header would
// carry an ID): those features stay unobserved for IPv6 replies.
bool has_ipv4_header(const Reply& reply) { return reply.family == IpFamily::V4; }

Port0Answer port0_answer_of(const Reply& reply) {
  if (reply.kind == ReplyKind::IcmpError) return Port0Answer::Icmp;
  if (is_syn_ack(reply)) return Port0Answer::SynAck;
  if (is_rst(reply)) {
    return has(reply.tcp.flags, tcp_flag::Ack) ? Port0Answer::RstAck : Port0Answer::Rst;
  }
  return Port0Answer::Other;
}

std::string options_layout(const TcpOptions& options) {
  // layout is NUL-terminated, but never trust a fixed buffer to be.
  const std::size_t length = strnlen(options.layout.data(), options.layout.size());
  return std::string(options.layout.data(), length);
}

SynAckFeatures syn_ack_features(const Reply& reply, std::optional<std::uint32_t> our_ts_val) {
  const TcpOptions& options = reply.tcp.options;
  SynAckFeatures features;
  features.ttl = reply.ip.ttl;
  features.initial_ttl = initial_ttl(reply.ip.ttl);
  if (has_ipv4_header(reply)) {
    features.df = reply.ip.df;
    features.ip_id_zero = reply.ip.id == 0;
  }
  features.window = reply.tcp.window;
  features.options = options_layout(options);
  if (options.has_mss) {
    features.mss = options.mss;
    features.window_mss_multiple =
        window_mss_multiple(reply.tcp.window, options.mss, options.has_timestamp);
  }
  if (options.has_wscale) features.wscale = options.wscale;
  features.sack_permitted = options.sack_permitted;
  features.timestamp = options.has_timestamp;
  if (options.has_timestamp && our_ts_val) {
    features.timestamp_echoes_ours = options.ts_ecr == *our_ts_val;
  }
  if (options.has_timestamp) features.timestamp_value_zero = options.ts_val == 0;
  return features;
}

RstFeatures rst_features(const Reply& reply) {
  RstFeatures features;
  features.ttl = reply.ip.ttl;
  features.initial_ttl = initial_ttl(reply.ip.ttl);
  if (has_ipv4_header(reply)) {
    features.df = reply.ip.df;
    features.ip_id_zero = reply.ip.id == 0;
  }
  features.window = reply.tcp.window;
  features.ack_flag = has(reply.tcp.flags, tcp_flag::Ack);
  features.ack_nonzero = reply.tcp.ack != 0;
  return features;
}

}  // namespace

HostEvidence::HostEvidence(std::optional<std::uint32_t> our_ts_val, RetransmitTiming timing)
    : our_ts_val_(our_ts_val), timing_(timing) {}

void HostEvidence::add(const Reply& reply, ProbeKind kind, std::uint16_t probed_port) {
  const bool has_ip_id = reply.kind == ReplyKind::Tcp && has_ipv4_header(reply);
  if (has_ip_id && ip_id_count_ < ip_ids_.size()) ip_ids_[ip_id_count_++] = reply.ip.id;
  if (reply.kind == ReplyKind::Tcp && !has_ipv4_header(reply)) add_flow_label(reply);
  if (probed_port == 0) {
    auto& answer = kind == ProbeKind::Syn ? port0_syn_ : port0_ack_;
    // An answer beats an earlier "silence" verdict: the reply was just late.
    if (!answer || *answer == Port0Answer::None) answer = port0_answer_of(reply);
    return;
  }
  // ICMP errors on ordinary ports mostly come from filters on the path,
  // not from the host's own stack.
  if (reply.kind != ReplyKind::Tcp) return;

  if (kind == ProbeKind::Ack) {
    if (is_rst(reply) && !ack_rst_) ack_rst_ = reply;
    return;
  }
  if (is_syn_ack(reply)) {
    if (!syn_ack_) {
      syn_ack_ = reply;
      syn_ack_port_ = probed_port;
    } else if (probed_port == syn_ack_port_ && reply.tcp.seq == syn_ack_->tcp.seq) {
      add_synack_retransmit(reply.timestamp_ns);
    }
    return;
  }
  if (!is_rst(reply)) return;
  if (syn_ack_ && probed_port == syn_ack_port_) {
    if (!give_up_rst_) give_up_rst_ = reply;
  } else if (!syn_rst_) {
    syn_rst_ = reply;
  }
}

void HostEvidence::add_flow_label(const Reply& reply) {
  const std::uint32_t connection = std::uint32_t(reply.tcp.dst_port) << 16 | reply.tcp.src_port;
  for (std::size_t i = 0; i < flow_label_count_; ++i)
    if (flow_labels_[i].connection == connection) return;  // a later reply of a connection seen
  if (flow_label_count_ < flow_labels_.size())
    flow_labels_[flow_label_count_++] = FlowLabelSample{connection, reply.ip6.flow_label};
}

void HostEvidence::add_silence(ProbeKind kind, std::uint16_t probed_port) {
  if (probed_port != 0) return;
  auto& answer = kind == ProbeKind::Syn ? port0_syn_ : port0_ack_;
  if (!answer) answer = Port0Answer::None;
}

void HostEvidence::add_synack_retransmit(std::int64_t timestamp_ns) {
  if (!syn_ack_ || timestamp_ns < syn_ack_->timestamp_ns) return;
  retransmit_times_ns_.push_back(timestamp_ns);
}

Features HostEvidence::features() const {
  Features features;
  if (syn_ack_) features.syn_ack = syn_ack_features(*syn_ack_, our_ts_val_);
  if (syn_rst_) features.syn_rst = rst_features(*syn_rst_);
  if (ack_rst_) features.ack_rst = rst_features(*ack_rst_);
  features.ip_id_class = classify_ip_ids(ip_ids_.data(), ip_id_count_);
  features.flow_label = classify_flow_labels(flow_labels_.data(), flow_label_count_);
  features.port0_syn = port0_syn_;
  features.port0_ack = port0_ack_;

  if (timing_ == RetransmitTiming::On && syn_ack_) {
    RetransmissionFeatures timing;
    for (std::int64_t at_ns : retransmit_times_ns_) {
      timing.arrivals_s.push_back(double(at_ns - syn_ack_->timestamp_ns) / 1e9);
    }
    std::sort(timing.arrivals_s.begin(), timing.arrivals_s.end());
    if (give_up_rst_) {
      timing.give_up = has(give_up_rst_->tcp.flags, tcp_flag::Ack) ? GiveUp::RstAck : GiveUp::Rst;
      timing.give_up_window = give_up_rst_->tcp.window;
      timing.give_up_seq_advanced = give_up_rst_->tcp.seq != syn_ack_->tcp.seq;
    }
    features.retransmissions = std::move(timing);
  }
  return features;
}

}  // namespace zeroscan::fingerprint
