// Which extra probes a host's first reply calls for.
#include "zeroscan/engine/follow_up.h"

namespace zeroscan {

std::vector<ProbeTarget> plan_follow_ups(Ipv4 host, const Reply& first, std::uint16_t replied_port,
                                         const ScanSpace& space, std::uint64_t closed_port_salt) {
  std::vector<ProbeTarget> wanted;
  if (first.kind != ReplyKind::Tcp) return wanted;  // an ICMP error says nothing of the stack
  const bool syn_ack = (first.tcp.flags & tcp_flag::Syn) && (first.tcp.flags & tcp_flag::Ack);
  const bool rst = first.tcp.flags & tcp_flag::Rst;
  if (!syn_ack && !rst) return wanted;
  if (syn_ack) {
    // A high port in the dynamic range is almost never listening; varied by
    // host and scan so a filter cannot single out one port.
    const std::uint64_t mix = (std::uint64_t(host.value) ^ closed_port_salt) * 0x9e3779b97f4a7c15ULL;
    const auto closed_port = std::uint16_t(50000 + (mix >> 40) % 10000);
    wanted.push_back({host, closed_port, ProbeKind::Syn});
  }
  if (replied_port != 0) wanted.push_back({host, replied_port, ProbeKind::Ack});
  wanted.push_back({host, 0, ProbeKind::Syn});
  wanted.push_back({host, 0, ProbeKind::Ack});

  std::vector<ProbeTarget> out;
  for (const ProbeTarget& p : wanted)
    if (!space.index_of(p.ip, p.port, p.kind)) out.push_back(p);
  return out;
}

}  // namespace zeroscan
