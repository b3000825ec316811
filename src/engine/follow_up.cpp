// Which extra probes a host's replies call for.
#include "zeroscan/engine/follow_up.h"

namespace zeroscan {
namespace {

ProbeTarget probe_to(IpAddress host, std::uint16_t port, ProbeKind kind) {
  return host.is_v4() ? ProbeTarget{host.v4(), port, kind} : ProbeTarget{host.v6(), port, kind};
}

bool in_scan_space(const ScanSpace& space, const ProbeTarget& p) {
  return (p.v6 ? space.index_of(p.ip6, p.port, p.kind) : space.index_of(p.ip, p.port, p.kind)).has_value();
}

// The host's address folded to 64 bits for the likely-closed port: an
// IPv4 host keeps the value it always had.
std::uint64_t address_bits(IpAddress host) {
  if (host.is_v4()) return host.v4().value;
  const Ipv6 v6 = host.v6();
  return v6.hi ^ (v6.lo * 0xc2b2ae3d27d4eb4fULL);
}

}  // namespace

std::vector<ProbeTarget> plan_follow_ups(IpAddress host, const Reply& reply, ProbeKind kind,
                                         std::uint16_t replied_port, const ScanSpace& space,
                                         std::uint64_t closed_port_salt, FollowUpHistory& history) {
  std::vector<ProbeTarget> wanted;
  if (reply.kind != ReplyKind::Tcp) return wanted;  // an ICMP error says nothing of the stack
  const bool to_syn = kind == ProbeKind::Syn && replied_port != 0;
  const bool syn_ack = to_syn && (reply.tcp.flags & tcp_flag::Syn) && (reply.tcp.flags & tcp_flag::Ack);
  const bool rst = to_syn && (reply.tcp.flags & tcp_flag::Rst);
  if (!(reply.tcp.flags & (tcp_flag::Rst | tcp_flag::Syn))) return wanted;

  if (!history.port0_sent) {
    history.port0_sent = true;
    wanted.push_back(probe_to(host, 0, ProbeKind::Syn));
    wanted.push_back(probe_to(host, 0, ProbeKind::Ack));
  }
  if (syn_ack && !history.ack_to_open_sent) {
    history.ack_to_open_sent = true;
    wanted.push_back(probe_to(host, replied_port, ProbeKind::Ack));
    if (!history.closed_port_seen) {
      history.closed_port_seen = true;
      // A high port in the dynamic range is almost never listening; varied
      // by host and scan so a filter cannot single out one port.
      const std::uint64_t mix = (address_bits(host) ^ closed_port_salt) * 0x9e3779b97f4a7c15ULL;
      wanted.push_back(probe_to(host, std::uint16_t(50000 + (mix >> 40) % 10000), ProbeKind::Syn));
    }
  }
  if (rst) {
    history.closed_port_seen = true;
    // Without a SYN-ACK (yet), a RST to a stray ACK is the next best thing;
    // once the ACK to an open port went out this would be a fifth probe.
    if (!history.ack_to_open_sent && !history.ack_to_closed_sent) {
      history.ack_to_closed_sent = true;
      wanted.push_back(probe_to(host, replied_port, ProbeKind::Ack));
    }
  }

  std::vector<ProbeTarget> out;
  for (const ProbeTarget& p : wanted)
    if (!in_scan_space(space, p)) out.push_back(p);
  return out;
}

}  // namespace zeroscan
