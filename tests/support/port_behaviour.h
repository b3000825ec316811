// PortBehaviour: how one scripted (address, port) answers a probe in
// ScriptedNetwork, plus the modifiers (duplicates, delay, ICMP source,
// reply style) that exercise the engine's dedup, timeout and fingerprint
// paths.
#pragma once

#include <cstdint>
#include <string>

#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/ipv6.h"

namespace zeroscan {

// The answering stack's personality. Defaults look like Linux 5.x/6.x.
struct ReplyStyle {
  std::uint8_t ttl = 64;
  bool dont_fragment = true;
  std::uint16_t ip_id = 0;               // Linux sends 0 with DF set
  std::uint16_t syn_ack_window = 65160;  // Linux SYN-ACK window for MSS 1460
  // SYN-ACK options in order, in the parse alphabet: M=MSS, S=SACK
  // permitted, T=timestamp (echoing the probe's ts_val), N=NOP, W=window
  // scale, E=end of list. Linux: "MSTNW"; Windows: "MNWNNS". libtins pads a
  // layout that does not end on a 4-byte boundary.
  std::string options_layout = "MSTNW";
  std::uint16_t mss = 1460;
  std::uint32_t ts_val = 0x01020304;
  std::uint8_t window_scale = 7;
};

struct PortBehaviour {
  enum class Kind : std::uint8_t {
    Open,             // SYN -> SYN-ACK (ack = seq+1, options); ACK -> RST (seq = probe's ack)
    Closed,           // SYN -> RST+ACK (seq 0, ack = seq+1); ACK -> RST (seq = probe's ack)
    Drop,             // silence
    IcmpUnreachable,  // ICMP type 3 with `icmp_code`, quoting the probe's IP header + 8 bytes
  };

  Kind kind = Kind::Drop;
  std::uint8_t icmp_code = 3;  // port unreachable
  Ipv4 icmp_source;            // 0.0.0.0: the target itself; else a router on the way
  Ipv6 icmp_source6;           // the same for IPv6 probes (:: = the target)
  int copies = 1;              // every reply is delivered this many times
  int delay_dispatches = 0;    // see ScriptedNetwork: held back for this many dispatch calls
  ReplyStyle style;

  static PortBehaviour open() { return with_kind(Kind::Open); }
  static PortBehaviour closed() { return with_kind(Kind::Closed); }
  static PortBehaviour drop() { return with_kind(Kind::Drop); }
  static PortBehaviour icmp_unreachable(std::uint8_t code) {
    PortBehaviour behaviour = with_kind(Kind::IcmpUnreachable);
    behaviour.icmp_code = code;
    return behaviour;
  }

  PortBehaviour& duplicate(int total_copies) {
    copies = total_copies;
    return *this;
  }
  PortBehaviour& delay(int dispatches) {
    delay_dispatches = dispatches;
    return *this;
  }
  PortBehaviour& from(Ipv4 router) {
    icmp_source = router;
    return *this;
  }
  PortBehaviour& from(Ipv6 router) {
    icmp_source6 = router;
    return *this;
  }
  PortBehaviour& styled(const ReplyStyle& reply_style) {
    style = reply_style;
    return *this;
  }

 private:
  static PortBehaviour with_kind(Kind kind) {
    PortBehaviour behaviour;
    behaviour.kind = kind;
    return behaviour;
  }
};

}  // namespace zeroscan
