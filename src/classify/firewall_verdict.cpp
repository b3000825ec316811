// The SYN x ACK verdict table and forged-reset detection.
#include "zeroscan/classify/firewall_verdict.h"

#include <map>
#include <tuple>

namespace zeroscan {

std::string_view describe(FirewallVerdict v) {
  switch (v) {
    case FirewallVerdict::Open: return "open, no filter in the way";
    case FirewallVerdict::OpenStateful: return "open; stray ACK dropped: stateful filter";
    case FirewallVerdict::Closed: return "closed, no filter in the way";
    case FirewallVerdict::ClosedStateful: return "closed; stray ACK dropped: stateful filter";
    case FirewallVerdict::StatelessFilter: return "SYN blocked, ACK passes: stateless filter";
    case FirewallVerdict::StatefulFilter: return "SYN and ACK dropped: stateful filter";
    case FirewallVerdict::Drop: return "SYN and ACK dropped: drop rule";
    case FirewallVerdict::Rejected: return "rejected with ICMP unreachable";
    case FirewallVerdict::ResetByFilter: return "reset forged by a filter on the path";
  }
  return "unknown";
}

std::optional<HostSignature> host_signature(const std::vector<ProbeAnswer>& syn_acks) {
  std::map<std::tuple<int, bool, bool>, int> counts;
  for (const ProbeAnswer& a : syn_acks) ++counts[{a.ttl, a.df, a.ip_id_zero}];
  if (counts.empty()) return std::nullopt;
  auto best = counts.begin();
  for (auto it = counts.begin(); it != counts.end(); ++it)
    if (it->second > best->second) best = it;
  return HostSignature{std::uint8_t(std::get<0>(best->first)), std::get<1>(best->first),
                       std::get<2>(best->first)};
}

bool reset_looks_forged(const ProbeAnswer& rst, const std::optional<HostSignature>& host) {
  if (!host || !rst.reset) return false;
  return rst.ttl != host->ttl || rst.df != host->df || rst.ip_id_zero != host->ip_id_zero;
}

FirewallVerdict combine_verdict(const ProbeAnswer& syn, const ProbeAnswer& ack, bool syn_reset_forged) {
  const bool ack_passes = ack.state == PortState::Unfiltered;
  const bool ack_rejected = ack.icmp;
  if (syn.state == PortState::Open) return ack_passes ? FirewallVerdict::Open : FirewallVerdict::OpenStateful;
  if (syn.state == PortState::Closed) {
    if (syn_reset_forged) return FirewallVerdict::ResetByFilter;
    return ack_passes ? FirewallVerdict::Closed : FirewallVerdict::ClosedStateful;
  }
  // The SYN was blocked (silence or ICMP).
  if (ack_passes) return FirewallVerdict::StatelessFilter;
  if (syn.icmp || ack_rejected) return FirewallVerdict::Rejected;
  return FirewallVerdict::Drop;
}

FirewallVerdict refine_for_host(FirewallVerdict verdict, bool host_has_stateful_filter) {
  if (verdict == FirewallVerdict::Drop && host_has_stateful_filter) return FirewallVerdict::StatefulFilter;
  return verdict;
}

}  // namespace zeroscan
