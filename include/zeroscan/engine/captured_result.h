// CapturedResult: one first answer as the capture thread hands it to the
// output thread — a fixed-size plain value (no std::string, no heap), so
// handing it over is a copy into the result queue. The output thread turns
// it back into a PortRecord (reusing one record, so no allocation there
// either) and calls the writers.
//
// One layout for both families, one cache line (docs/architecture.md, the
// IPv6 section): the target as 128 bits (IPv4 as ::ffff:a.b.c.d, kV6 in
// `bits` says which), then either the TCP arm (ack, window, MSS, flags and
// the option letters packed 4 bits each) or the ICMP arm (the responder,
// which differs from the target only for ICMP errors, type and code). A
// TCP reply verifies only when it comes from the target itself, so its
// responder is the target.
#pragma once

#include <cstdint>

#include "zeroscan/cookie/cookie.h"
#include "zeroscan/cookie/ipv6_cookie.h"
#include "zeroscan/core/ipv6.h"
#include "zeroscan/core/scan_results.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan {

// The option layout letters (TcpOptions::layout, alphabet "MNWSTE?") as 4-bit
// codes: 40 letters in 20 bytes. Code 0 ends the layout.
inline constexpr std::size_t kPackedOptionBytes = 20;
void pack_option_letters(const char* letters, std::uint8_t (&packed)[kPackedOptionBytes]) noexcept;
// Appends the letters to `out` (which keeps its capacity: no allocation once warm).
void unpack_option_letters(const std::uint8_t (&packed)[kPackedOptionBytes], std::string& out);

// No default member initialisers on purpose: the queue's slots must stay
// untouched (off the resident set) until a result lands in them.
struct CapturedResult {
  struct TcpArm {
    std::uint16_t window;
    std::uint16_t mss;
    std::uint8_t tcp_flags;
    std::uint8_t options[kPackedOptionBytes];
  };
  struct IcmpArm {
    std::uint8_t responder[16];  // network order; IPv4 as ::ffff:a.b.c.d
    std::uint8_t type;
    std::uint8_t code;
  };

  std::int64_t timestamp_ns;
  std::uint64_t target_hi;  // Ipv6::hi; 0 for IPv4
  std::uint64_t target_lo;  // Ipv6::lo; IPv4: 0xffff'a.b.c.d
  std::uint32_t ack;        // TCP only
  std::uint16_t port;
  std::uint16_t ip_id;      // IPv4 only (IPv6 has none)
  std::uint8_t probe;       // ProbeKind
  std::uint8_t state;       // PortState
  std::uint8_t reason;      // StateReason
  std::uint8_t attempt;
  std::uint8_t ttl;         // hop limit for IPv6
  std::uint8_t bits;        // kDf | kHasMss | kIcmp | kV6
  union {
    TcpArm tcp;
    IcmpArm icmp;
  };

  static constexpr std::uint8_t kDf = 1, kHasMss = 2, kIcmp = 4, kV6 = 8;

  bool is_v6() const { return bits & kV6; }
  Ipv4 target_v4() const { return Ipv4(std::uint32_t(target_lo)); }  // when !is_v6()
  Ipv6 target_v6() const { return Ipv6(target_hi, target_lo); }     // when is_v6()
};
static_assert(sizeof(CapturedResult) <= 64, "results stay one cache line: the queue holds many");

CapturedResult capture_result(const Reply& reply, const CookieMatch& match, PortState state,
                              StateReason reason);
CapturedResult capture_result(const Reply& reply, const Ipv6CookieMatch& match, PortState state,
                              StateReason reason);

// The ICMP responder of an ICMP result, per family (Ipv6 form: IPv4 mapped).
Ipv6 icmp_responder(const CapturedResult& result);

// Fills `out` (every field, so a reused record carries nothing over); its
// tcp_options keeps its capacity, so a warm record never allocates.
void to_port_record(const CapturedResult& result, PortRecord& out);

}  // namespace zeroscan
