// The SYN x ACK table applied to the truth's port lines; see verdict_table.h.
#include "support/verdict_table.h"

namespace zeroscan::lab {

std::string table_verdict(const Expectation& syn, const Expectation& ack, bool forged) {
  const bool ack_passes = ack.state == "unfiltered";
  if (syn.state == "open") return ack_passes ? "open" : "open-stateful";
  if (syn.state == "closed") return forged ? "reset-by-filter" : ack_passes ? "closed" : "closed-stateful";
  if (ack_passes) return "stateless-filter";
  if (syn.reason == "icmp-unreach" || ack.reason == "icmp-unreach") return "rejected";
  return "drop";  // or stateful-filter: decided per host
}

std::vector<std::string> host_verdicts(const std::vector<const Expectation*>& syn,
                                       const std::vector<const Expectation*>& ack, int group_ttl) {
  const auto ttl_of = [&](const Expectation* e) { return e->ttl >= 0 ? e->ttl : group_ttl; };
  // The host's own replies, as the scanner learns them: its SYN-ACKs.
  int synack_ttl = -1;
  for (const Expectation* e : syn)
    if (e && e->state == "open") synack_ttl = ttl_of(e);
  std::vector<std::string> derived;
  bool stateful = false;
  for (std::size_t k = 0; k < syn.size(); ++k) {
    if (!syn[k] || !ack[k]) {
      derived.emplace_back("?");
      continue;
    }
    const bool forged = syn[k]->state == "closed" && synack_ttl >= 0 && ttl_of(syn[k]) != synack_ttl;
    derived.push_back(table_verdict(*syn[k], *ack[k], forged));
    stateful |= derived.back() == "open-stateful" || derived.back() == "closed-stateful";
  }
  for (auto& v : derived)
    if (v == "drop" && stateful) v = "stateful-filter";
  return derived;
}

}  // namespace zeroscan::lab
