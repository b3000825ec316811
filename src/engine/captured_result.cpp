// Reply -> CapturedResult on the capture thread, CapturedResult ->
// PortRecord on the output thread.
#include "zeroscan/engine/captured_result.h"

#include <cstring>

namespace zeroscan {

namespace {

constexpr char kOptionLetters[] = "MNWSTE?";  // code k + 1 is kOptionLetters[k]
constexpr std::uint64_t kV4Mapped = 0xffff00000000ULL;  // ::ffff:0:0, low half

std::uint8_t option_code(char letter) {
  for (std::size_t k = 0; k + 1 < sizeof kOptionLetters; ++k)
    if (kOptionLetters[k] == letter) return std::uint8_t(k + 1);
  return 7;  // '?': the parser writes no other letter, but never lose one silently
}

// What both families share: who was probed, how it was classified, and the
// reply's TCP or ICMP arm.
void fill_common(CapturedResult& r, const Reply& reply, std::uint16_t port, ProbeKind kind,
                 std::uint8_t attempt, PortState state, StateReason reason) {
  r.timestamp_ns = reply.timestamp_ns;
  r.port = port;
  r.probe = std::uint8_t(kind);
  r.state = std::uint8_t(state);
  r.reason = std::uint8_t(reason);
  r.attempt = attempt;
  r.ttl = reply.ip.ttl;
  if (reply.kind == ReplyKind::Tcp) {
    r.ack = reply.tcp.ack;
    r.tcp.tcp_flags = reply.tcp.flags;
    r.tcp.window = reply.tcp.window;
    if (reply.tcp.options.has_mss) {
      r.bits |= CapturedResult::kHasMss;
      r.tcp.mss = reply.tcp.options.mss;
    }
    pack_option_letters(reply.tcp.options.layout.data(), r.tcp.options);
  } else {
    r.bits |= CapturedResult::kIcmp;
    r.icmp.type = reply.icmp.type;
    r.icmp.code = reply.icmp.code;
  }
}

CapturedResult zeroed() {
  CapturedResult r;
  std::memset(&r, 0, sizeof r);
  return r;
}

}  // namespace

void pack_option_letters(const char* letters, std::uint8_t (&packed)[kPackedOptionBytes]) noexcept {
  std::memset(packed, 0, sizeof packed);
  for (std::size_t i = 0; i < 2 * kPackedOptionBytes && letters[i] != '\0'; ++i)
    packed[i / 2] |= std::uint8_t(option_code(letters[i]) << (i % 2 ? 4 : 0));
}

void unpack_option_letters(const std::uint8_t (&packed)[kPackedOptionBytes], std::string& out) {
  for (std::size_t i = 0; i < 2 * kPackedOptionBytes; ++i) {
    const std::uint8_t code = (packed[i / 2] >> (i % 2 ? 4 : 0)) & 0xf;
    if (code == 0) return;
    out.push_back(kOptionLetters[code - 1]);
  }
}

CapturedResult capture_result(const Reply& reply, const CookieMatch& match, PortState state,
                              StateReason reason) {
  CapturedResult r = zeroed();
  r.target_lo = kV4Mapped | match.target.value;
  r.ip_id = reply.ip.id;
  if (reply.ip.df) r.bits |= CapturedResult::kDf;
  fill_common(r, reply, match.port, match.kind, match.attempt, state, reason);
  if (r.bits & CapturedResult::kIcmp) Ipv6(0, kV4Mapped | reply.ip.src.value).to_bytes(r.icmp.responder);
  return r;
}

CapturedResult capture_result(const Reply& reply, const Ipv6CookieMatch& match, PortState state,
                              StateReason reason) {
  CapturedResult r = zeroed();
  r.bits = CapturedResult::kV6;
  r.target_hi = match.target.hi;
  r.target_lo = match.target.lo;
  fill_common(r, reply, match.port, match.kind, match.attempt, state, reason);
  if (r.bits & CapturedResult::kIcmp) reply.ip6.src.to_bytes(r.icmp.responder);
  return r;
}

Ipv6 icmp_responder(const CapturedResult& result) { return Ipv6::from_bytes(result.icmp.responder); }

void to_port_record(const CapturedResult& r, PortRecord& out) {
  const bool icmp = r.bits & CapturedResult::kIcmp;
  // IpAddress keeps IPv4 as ::ffff:a.b.c.d too: both families convert alike.
  out.ip = IpAddress(Ipv6(r.target_hi, r.target_lo));
  out.port = r.port;
  out.probe = ProbeKind(r.probe);
  out.state = PortState(r.state);
  out.reason = StateReason(r.reason);
  out.attempt = r.attempt;
  out.answered = true;
  out.responder = icmp ? IpAddress(icmp_responder(r)) : out.ip;
  out.ttl = r.ttl;
  out.ip_id = r.ip_id;
  out.df = r.bits & CapturedResult::kDf;
  out.timestamp_ns = r.timestamp_ns;
  out.tcp_flags = icmp ? 0 : r.tcp.tcp_flags;
  out.window = icmp ? 0 : r.tcp.window;
  out.ack = icmp ? 0 : r.ack;
  if (r.bits & CapturedResult::kHasMss)
    out.mss = r.tcp.mss;
  else
    out.mss.reset();
  out.tcp_options.clear();  // keeps capacity: no allocation once warm
  if (!icmp) unpack_option_letters(r.tcp.options, out.tcp_options);
  if (icmp) {
    out.icmp_type = r.icmp.type;
    out.icmp_code = r.icmp.code;
  } else {
    out.icmp_type.reset();
    out.icmp_code.reset();
  }
}

}  // namespace zeroscan
