// The TCP header of a probe, shared by the IPv4 and IPv6 builders so both
// families send the same segment. Private to src/probe.
#pragma once

#include <tins/tcp.h>

#include <cstdint>

#include "zeroscan/core/probe_kind.h"

namespace zeroscan::probe_detail {

// `options` is TemplateOptions or Ipv6TemplateOptions: anything with
// window, mss, window_scale and ts_val.
template <typename Options>
Tins::TCP build_probe_tcp(ProbeKind kind, const Options& options, std::uint16_t dst_port,
                          std::uint16_t src_port, std::uint32_t seq, std::uint32_t ack) {
  Tins::TCP tcp(dst_port, src_port);
  tcp.seq(seq);
  tcp.ack_seq(ack);
  tcp.window(options.window);
  if (kind == ProbeKind::Syn) {
    tcp.flags(Tins::TCP::SYN);
    // Linux client order (tcp_syn_options): MSS, SACK-permitted, timestamp,
    // NOP, window scale — 20 bytes, so no padding follows.
    tcp.mss(options.mss);
    tcp.sack_permitted();
    tcp.timestamp(options.ts_val, 0);
    tcp.add_option(Tins::TCP::option(Tins::TCP::NOP));
    tcp.winscale(options.window_scale);
  } else {
    // A bare ACK: what a middlebox sees mid-connection; no options at all.
    tcp.flags(Tins::TCP::ACK);
  }
  return tcp;
}

}  // namespace zeroscan::probe_detail
