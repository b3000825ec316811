// CapturedResult: one first answer as the capture thread hands it to the
// output thread — a fixed-size plain value (no std::string, no heap), so
// handing it over is a copy into the result queue. The output thread turns
// it back into a PortRecord (reusing one record, so no allocation there
// either) and calls the writers.
#pragma once

#include <cstdint>

#include "zeroscan/cookie/cookie.h"
#include "zeroscan/core/scan_results.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan {

// No default member initialisers on purpose: the queue's slots must stay
// untouched (off the resident set) until a result lands in them.
struct CapturedResult {
  std::int64_t timestamp_ns;
  std::uint32_t ip;
  std::uint32_t responder;
  std::uint32_t ack;
  std::uint16_t port;
  std::uint16_t ip_id;
  std::uint16_t window;
  std::uint16_t mss;
  std::uint8_t probe;       // ProbeKind
  std::uint8_t state;       // PortState
  std::uint8_t reason;      // StateReason
  std::uint8_t attempt;
  std::uint8_t ttl;
  std::uint8_t tcp_flags;
  std::uint8_t icmp_type;
  std::uint8_t icmp_code;
  std::uint8_t bits;        // kDf | kHasMss | kIcmp
  char tcp_options[41];     // NUL-terminated layout letters, as parsed

  static constexpr std::uint8_t kDf = 1, kHasMss = 2, kIcmp = 4;
};
static_assert(sizeof(CapturedResult) <= 80, "results stay compact: the queue holds many");

CapturedResult capture_result(const Reply& reply, const CookieMatch& match, PortState state,
                              StateReason reason);

// Fills `out` (every field, so a reused record carries nothing over); its
// tcp_options keeps its capacity, so a warm record never allocates.
void to_port_record(const CapturedResult& result, PortRecord& out);

}  // namespace zeroscan
