// Compact per-host record store for the text, XML and grepable writers.
#include "zeroscan/output/host_port_table.h"

namespace zeroscan {

static_assert(sizeof(PortEntry) <= 44, "entries stay compact: writers keep one per record");

PortEntry PortEntry::from(const PortRecord& r) {
  PortEntry e;
  e.ip = r.ip;
  e.responder = r.answered ? r.responder : r.ip;
  e.port = r.port;
  e.probe = r.probe;
  e.state = r.state;
  e.reason = r.reason;
  e.answered = r.answered;
  if (r.answered) {
    e.ttl = r.ttl;
    e.has_icmp = r.icmp_type.has_value();
    e.icmp_type = r.icmp_type.value_or(0);
    e.icmp_code = r.icmp_code.value_or(0);
  }
  return e;
}

bool HostEntries::up() const { return up_evidence() != nullptr; }

const PortEntry* HostEntries::up_evidence() const {
  // A router's ICMP says nothing about the host being there; among the
  // host's own answers a SYN-ACK beats a reset beats an ICMP error.
  auto rank = [](const PortEntry& e) {
    return e.has_icmp ? 1 : e.reason == StateReason::SynAck ? 3 : 2;
  };
  const PortEntry* best = nullptr;
  for (const PortEntry* e = first; e != last; ++e)
    if (e->answered && e->responder == e->ip && (!best || rank(*e) > rank(*best))) best = e;
  return best;
}

void HostPortTable::add(const PortRecord& record) {
  spool_.add(PortEntry::from(record));
  seen_[int(record.probe)] = true;
}

std::vector<ProbeKind> HostPortTable::kinds_seen() const {
  std::vector<ProbeKind> out;
  for (int k = 0; k < kProbeKindCount; ++k)
    if (seen_[k]) out.push_back(ProbeKind(k));
  return out;
}

std::vector<ProbeKind> scan_kinds(const ScanSummary& summary, const std::vector<ProbeKind>& seen) {
  const std::string& probes = summary.config.probes;
  if (probes.empty()) return seen.empty() ? std::vector<ProbeKind>{ProbeKind::Syn} : seen;
  std::vector<ProbeKind> out;
  for (int k = 0; k < kProbeKindCount; ++k) {
    const std::string name(to_string(ProbeKind(k)));
    // Whole comma-separated items only: "syn,ack" holds "syn" and "ack".
    const std::string padded = "," + probes + ",";
    if (padded.find("," + name + ",") != std::string::npos) out.push_back(ProbeKind(k));
  }
  return out.empty() ? seen : out;
}

}  // namespace zeroscan
