// ProbeKind: the kinds of probe zeroscan sends (TCP SYN and ACK, and -sn's
// ICMP echo request). Probe kind is one more
// dimension of the scan permutation, so SYN and ACK probes share one pass
// and one rate limiter. To add a kind: extend this enum, give it a template
// in src/probe, a cookie layout in src/cookie and a classification in
// src/classify.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace zeroscan {

enum class ProbeKind : std::uint8_t {
  Syn = 0,  // TCP SYN with a realistic client option set
  Ack = 1,  // bare TCP ACK (firewall mapping, RST fingerprinting)
  Echo = 2,  // ICMP echo request (host discovery, -sn -PE); its port is always 0
};

inline constexpr int kProbeKindCount = 3;
// SYN and ACK: the kinds a port scan (and its firewall verdicts) pairs.
inline constexpr int kTcpProbeKindCount = 2;

// "syn" / "ack" / "echo"; for TCP destination port 0 the output layer says
// "port0-syn" / "port0-ack" (see probe_label).
constexpr std::string_view to_string(ProbeKind kind) {
  switch (kind) {
    case ProbeKind::Syn: return "syn";
    case ProbeKind::Ack: return "ack";
    case ProbeKind::Echo: return "echo";
  }
  return "syn";
}

constexpr std::string_view probe_label(ProbeKind kind, std::uint16_t dst_port) {
  if (kind == ProbeKind::Echo) return "echo";
  if (dst_port == 0) return kind == ProbeKind::Syn ? "port0-syn" : "port0-ack";
  return to_string(kind);
}

}  // namespace zeroscan
