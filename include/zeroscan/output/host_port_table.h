// HostPortTable: every port record of a scan kept in 20 bytes, for the
// formats that print per host (XML, grepable). Records arrive in random
// order; finish() sorts them by address, port and probe kind, then the
// writer walks one host at a time. Compact because a /16 sweep is 10^5+
// records and these writers keep all of them, silent ones included.
#pragma once

#include <cstdint>
#include <vector>

#include "zeroscan/core/scan_results.h"

namespace zeroscan {

struct PortEntry {
  std::uint32_t ip = 0;
  std::uint32_t responder = 0;   // equals ip unless a router sent the ICMP
  std::uint16_t port = 0;
  ProbeKind probe = ProbeKind::Syn;
  PortState state = PortState::Unknown;
  StateReason reason = StateReason::None;
  std::uint8_t ttl = 0;
  std::uint8_t icmp_code = 0;
  bool has_icmp = false;         // icmp_code is meaningful
  bool answered = false;

  static PortEntry from(const PortRecord& record);
};

// The entries of one host, sorted by (port, probe).
struct HostEntries {
  std::uint32_t ip = 0;
  const PortEntry* first = nullptr;
  const PortEntry* last = nullptr;
  bool up() const;               // the host itself answered something
  // The answer that shows the host is up (nullptr: it is not): the host's
  // own SYN-ACK, else its reset, else its own ICMP error.
  const PortEntry* up_evidence() const;
};

class HostPortTable {
 public:
  void add(const PortRecord& record);
  // Sorts once; call after the last add. Hosts in address order.
  std::vector<HostEntries> hosts();
  // Probe kinds seen in any record, in enum order.
  std::vector<ProbeKind> kinds_seen() const;
  std::size_t size() const { return entries_.size(); }

 private:
  std::vector<PortEntry> entries_;
  bool sorted_ = false;
  bool seen_[kProbeKindCount] = {};
};

// The probe kinds of a scan: from the summary's config ("syn,ack") when it
// has one, else the kinds seen in its records (old or hand-made summaries).
std::vector<ProbeKind> scan_kinds(const ScanSummary& summary, const std::vector<ProbeKind>& seen);

}  // namespace zeroscan
