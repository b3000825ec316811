// Compact spooled firewall verdicts for the text and XML writers.
#include "zeroscan/output/verdict_table.h"

#include <limits>

namespace zeroscan {

static_assert(sizeof(VerdictEntry) <= 28, "entries stay compact: writers keep one per verdict");

void VerdictTable::add(const FirewallRecord& r) {
  // The texts are FirewallVerdict's fixed set in practice; a name past the
  // index range would be lost, so it is an error rather than a wrong label.
  auto key = std::make_pair(r.verdict, r.explanation);
  auto found = ids_.find(key);
  if (found == ids_.end()) {
    if (names_.size() > std::numeric_limits<std::uint16_t>::max()) {
      if (error_.empty()) error_ = "firewall verdicts: too many distinct verdict texts";
      return;
    }
    names_.push_back(Texts{r.verdict, r.explanation});
    found = ids_.emplace(std::move(key), std::uint16_t(names_.size() - 1)).first;
  }
  VerdictEntry e;
  e.ip = r.ip;
  e.arrival = arrivals_++;
  e.port = r.port;
  e.name = found->second;
  e.has_icmp = r.syn_icmp_code || r.ack_icmp_code;
  e.icmp_code = r.syn_icmp_code ? *r.syn_icmp_code : r.ack_icmp_code.value_or(0);
  e.forged_reset = r.forged_reset;
  if (r.forged_reset) {
    e.reset_ttl = r.reset_ttl;
    e.host_ttl = r.host_ttl.value_or(0);
  }
  spool_.add(e);
}

}  // namespace zeroscan
