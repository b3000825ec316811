// Reply -> CapturedResult on the capture thread, CapturedResult ->
// PortRecord on the output thread.
#include "zeroscan/engine/captured_result.h"

#include <cstring>

namespace zeroscan {

CapturedResult capture_result(const Reply& reply, const CookieMatch& match, PortState state,
                              StateReason reason) {
  CapturedResult r;
  std::memset(&r, 0, sizeof r);
  r.timestamp_ns = reply.timestamp_ns;
  r.ip = match.target.value;
  r.responder = reply.ip.src.value;
  r.port = match.port;
  r.probe = std::uint8_t(match.kind);
  r.state = std::uint8_t(state);
  r.reason = std::uint8_t(reason);
  r.attempt = match.attempt;
  r.ttl = reply.ip.ttl;
  r.ip_id = reply.ip.id;
  if (reply.ip.df) r.bits |= CapturedResult::kDf;
  if (reply.kind == ReplyKind::Tcp) {
    r.tcp_flags = reply.tcp.flags;
    r.window = reply.tcp.window;
    r.ack = reply.tcp.ack;
    if (reply.tcp.options.has_mss) {
      r.bits |= CapturedResult::kHasMss;
      r.mss = reply.tcp.options.mss;
    }
    static_assert(sizeof r.tcp_options == sizeof reply.tcp.options.layout, "same layout buffer");
    std::memcpy(r.tcp_options, reply.tcp.options.layout.data(), sizeof r.tcp_options);
    r.tcp_options[sizeof r.tcp_options - 1] = '\0';
  } else {
    r.bits |= CapturedResult::kIcmp;
    r.icmp_type = reply.icmp.type;
    r.icmp_code = reply.icmp.code;
  }
  return r;
}

void to_port_record(const CapturedResult& r, PortRecord& out) {
  out.ip = Ipv4(r.ip);
  out.port = r.port;
  out.probe = ProbeKind(r.probe);
  out.state = PortState(r.state);
  out.reason = StateReason(r.reason);
  out.attempt = r.attempt;
  out.answered = true;
  out.responder = Ipv4(r.responder);
  out.ttl = r.ttl;
  out.ip_id = r.ip_id;
  out.df = r.bits & CapturedResult::kDf;
  out.timestamp_ns = r.timestamp_ns;
  const bool icmp = r.bits & CapturedResult::kIcmp;
  out.tcp_flags = icmp ? 0 : r.tcp_flags;
  out.window = icmp ? 0 : r.window;
  out.ack = icmp ? 0 : r.ack;
  if (r.bits & CapturedResult::kHasMss)
    out.mss = r.mss;
  else
    out.mss.reset();
  out.tcp_options.assign(r.tcp_options);  // keeps capacity: no allocation once warm
  if (icmp) {
    out.icmp_type = r.icmp_type;
    out.icmp_code = r.icmp_code;
  } else {
    out.icmp_type.reset();
    out.icmp_code.reset();
  }
}

}  // namespace zeroscan
