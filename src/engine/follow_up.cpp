// Which extra probes a host's replies call for.
#include "zeroscan/engine/follow_up.h"

namespace zeroscan {

std::vector<ProbeTarget> plan_follow_ups(Ipv4 host, const Reply& reply, ProbeKind kind,
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
    wanted.push_back({host, 0, ProbeKind::Syn});
    wanted.push_back({host, 0, ProbeKind::Ack});
  }
  if (syn_ack && !history.ack_to_open_sent) {
    history.ack_to_open_sent = true;
    wanted.push_back({host, replied_port, ProbeKind::Ack});
    if (!history.closed_port_seen) {
      history.closed_port_seen = true;
      // A high port in the dynamic range is almost never listening; varied
      // by host and scan so a filter cannot single out one port.
      const std::uint64_t mix = (std::uint64_t(host.value) ^ closed_port_salt) * 0x9e3779b97f4a7c15ULL;
      wanted.push_back({host, std::uint16_t(50000 + (mix >> 40) % 10000), ProbeKind::Syn});
    }
  }
  if (rst) {
    history.closed_port_seen = true;
    // Without a SYN-ACK (yet), a RST to a stray ACK is the next best thing;
    // once the ACK to an open port went out this would be a fifth probe.
    if (!history.ack_to_open_sent && !history.ack_to_closed_sent) {
      history.ack_to_closed_sent = true;
      wanted.push_back({host, replied_port, ProbeKind::Ack});
    }
  }

  std::vector<ProbeTarget> out;
  for (const ProbeTarget& p : wanted)
    if (!space.index_of(p.ip, p.port, p.kind)) out.push_back(p);
  return out;
}

}  // namespace zeroscan
