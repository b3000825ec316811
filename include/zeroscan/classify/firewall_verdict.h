// Firewall verdicts: what the pair of answers to a SYN and an ACK probe of
// the same (address, port) says about the filter in between. Pure.
//
//            ACK: reset         ACK: silence        ACK: ICMP reject
// SYN open   open               open-stateful       open-stateful
// SYN reset  closed             closed-stateful     closed-stateful
// SYN silent stateless-filter   drop / stateful-filter*  rejected
// SYN ICMP   stateless-filter   rejected            rejected
// (*) "stateful-filter" when the same host shows a stateful filter on
//     another port (open-stateful/closed-stateful), else "drop".
// A SYN answered by a reset that the host itself did not send (TTL, DF or
// IP-ID pattern unlike its own SYN-ACKs) is "reset-by-filter": a middlebox
// rejecting with TCP resets.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "zeroscan/core/port_state.h"

namespace zeroscan {

enum class FirewallVerdict : std::uint8_t {
  Open,            // SYN-ACK: the port accepts connections
  OpenStateful,    // SYN-ACK, but a stray ACK is dropped: stateful filter passing new connections
  Closed,          // RST to both: reachable, nothing listening, no filter
  ClosedStateful,  // RST to SYN, ACK dropped: stateful filter in front of a closed port
  StatelessFilter, // SYN blocked, ACK answered: a packet filter that only stops connection attempts
  StatefulFilter,  // both dropped, on a host whose other ports show a stateful filter
  Drop,            // both dropped: a drop-all rule (or a stateful filter we cannot tell apart)
  Rejected,        // ICMP unreachable from a firewall or router (see the ICMP code)
  ResetByFilter,   // the SYN's RST was forged by a middlebox (reject-with-tcp-reset)
};

constexpr std::string_view to_string(FirewallVerdict v) {
  switch (v) {
    case FirewallVerdict::Open: return "open";
    case FirewallVerdict::OpenStateful: return "open-stateful";
    case FirewallVerdict::Closed: return "closed";
    case FirewallVerdict::ClosedStateful: return "closed-stateful";
    case FirewallVerdict::StatelessFilter: return "stateless-filter";
    case FirewallVerdict::StatefulFilter: return "stateful-filter";
    case FirewallVerdict::Drop: return "drop";
    case FirewallVerdict::Rejected: return "rejected";
    case FirewallVerdict::ResetByFilter: return "reset-by-filter";
  }
  return "unknown";
}

// A one-line explanation for humans, e.g. "SYN dropped, ACK passes".
std::string_view describe(FirewallVerdict v);

// One probe's concluded outcome, as far as verdicts care.
struct ProbeAnswer {
  PortState state = PortState::Filtered;  // Filtered + !icmp = silence
  bool icmp = false;                      // filtered by an ICMP unreachable
  bool reset = false;                     // answered with a TCP RST
  std::uint8_t ttl = 0;
  bool df = false;
  bool ip_id_zero = false;
};

// How the host itself answers (from its SYN-ACKs): what a genuine reply
// looks like. Empty when the host sent no SYN-ACK at all.
struct HostSignature {
  std::uint8_t ttl = 0;
  bool df = false;
  bool ip_id_zero = false;
};

// The most common (ttl, df, ip_id_zero) among the host's SYN-ACKs.
std::optional<HostSignature> host_signature(const std::vector<ProbeAnswer>& syn_acks);

// True when a RST differs from the host's own replies in TTL, DF or IP-ID
// zero-ness: another box on the path sent it.
bool reset_looks_forged(const ProbeAnswer& rst, const std::optional<HostSignature>& host);

// The table above, before the per-host refinement of Drop.
FirewallVerdict combine_verdict(const ProbeAnswer& syn, const ProbeAnswer& ack, bool syn_reset_forged);

// Per-host refinement: Drop becomes StatefulFilter when another port of the
// same host proved a stateful filter.
FirewallVerdict refine_for_host(FirewallVerdict verdict, bool host_has_stateful_filter);

}  // namespace zeroscan
