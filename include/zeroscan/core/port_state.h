// PortState and StateReason: what one probe of one (address, port) concluded
// and why. Values are stable: they are stored two bits per pair in the
// engine's state table (Unknown must stay 0).
#pragma once

#include <cstdint>
#include <string_view>

namespace zeroscan {

enum class PortState : std::uint8_t {
  Unknown = 0,     // no conclusive answer yet (internal; becomes Filtered)
  Open = 1,        // SYN → SYN-ACK
  Closed = 2,      // SYN → RST
  Filtered = 3,    // ICMP unreachable, or silence after retries + wait
  Unfiltered = 4,  // ACK → RST (the packet reached the host)
};

enum class StateReason : std::uint8_t {
  None = 0,
  SynAck,          // "syn-ack"
  Rst,             // "reset"
  IcmpUnreachable, // "icmp-unreach" (any type 3 code; code is kept separately)
  NoResponse,      // "no-response"
  SynAckToAck,     // an ACK probe drew a SYN-ACK (odd stacks); counts as unfiltered
  ArpTimeout,      // "arp-timeout": an on-link target never answered ARP, so no probe went
  EchoReply,       // "echo-reply": host discovery, the host answered an ICMP echo request
  ArpResponse,     // "arp-response": host discovery, an on-link host answered ARP
  NdTimeout,       // "nd-timeout": ArpTimeout's IPv6 twin, no NDP neighbour advertisement
  NdResponse,      // "nd-response": ArpResponse's IPv6 twin (nmap's name), a neighbour advertisement
};

// How many StateReason values there are (tables indexed by reason).
inline constexpr int kStateReasonCount = 11;

constexpr std::string_view to_string(PortState s) {
  switch (s) {
    case PortState::Open: return "open";
    case PortState::Closed: return "closed";
    case PortState::Filtered: return "filtered";
    case PortState::Unfiltered: return "unfiltered";
    case PortState::Unknown: break;
  }
  return "unknown";
}

constexpr std::string_view to_string(StateReason r) {
  switch (r) {
    case StateReason::SynAck: return "syn-ack";
    case StateReason::Rst: return "reset";
    case StateReason::IcmpUnreachable: return "icmp-unreach";
    case StateReason::NoResponse: return "no-response";
    case StateReason::SynAckToAck: return "syn-ack";
    case StateReason::ArpTimeout: return "arp-timeout";
    case StateReason::EchoReply: return "echo-reply";
    case StateReason::ArpResponse: return "arp-response";
    case StateReason::NdTimeout: return "nd-timeout";
    case StateReason::NdResponse: return "nd-response";
    case StateReason::None: break;
  }
  return "none";
}

}  // namespace zeroscan
