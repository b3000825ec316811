// HostPortTable: every port record of a scan kept in 44 bytes, for the
// formats that print per host (text, XML, grepable). Records arrive in
// random order; for_each_host() hands them back one host at a time, by
// address, each host's entries sorted by port and probe kind. They are
// kept in a SortedSpool, so memory stays about one run of entries plus the
// largest host however many records a scan writes; the rest waits in an
// anonymous temporary file. Firewall verdicts of SYN+ACK scans go into a
// VerdictTable (output/verdict_table.h), spooled the same way and walked
// host by host beside this table.
#pragma once

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "zeroscan/core/scan_results.h"
#include "zeroscan/output/sorted_spool.h"

namespace zeroscan {

struct PortEntry {
  IpAddress ip;
  IpAddress responder;           // equals ip unless a router sent the ICMP
  std::uint16_t port = 0;
  ProbeKind probe = ProbeKind::Syn;
  PortState state = PortState::Unknown;
  StateReason reason = StateReason::None;
  std::uint8_t ttl = 0;
  std::uint8_t icmp_type = 0;
  std::uint8_t icmp_code = 0;
  bool has_icmp = false;         // icmp_type and icmp_code are meaningful
  bool answered = false;

  static PortEntry from(const PortRecord& record);
};

// The entries of one host, sorted by (port, probe).
struct HostEntries {
  IpAddress ip;
  const PortEntry* first = nullptr;
  const PortEntry* last = nullptr;
  bool up() const;               // the host itself answered something
  // The answer that shows the host is up (nullptr: it is not): the host's
  // own SYN-ACK, else its reset, else its own ICMP error.
  const PortEntry* up_evidence() const;
};

class HostPortTable {
 public:
  explicit HostPortTable(std::size_t run_size = kSpoolRunSize) : spool_(run_size) {}

  void add(const PortRecord& record);
  // Calls visit(const HostEntries&) for every host, in address order.
  // May be called again (e.g. once to collect, once to write).
  template <typename Visit>
  void for_each_host(Visit&& visit);
  // Probe kinds seen in any record, in enum order.
  std::vector<ProbeKind> kinds_seen() const;
  std::size_t size() const { return spool_.size(); }
  // Empty unless the temporary file failed (then records are missing).
  const std::string& error() const { return spool_.error(); }

 private:
  struct Order {
    bool operator()(const PortEntry& a, const PortEntry& b) const {
      return std::tie(a.ip, a.port, a.probe) < std::tie(b.ip, b.port, b.probe);
    }
  };
  SortedSpool<PortEntry, Order> spool_;
  bool seen_[kProbeKindCount] = {};
};

template <typename Visit>
void HostPortTable::for_each_host(Visit&& visit) {
  std::vector<PortEntry> host;  // the current host's entries, already in order
  auto flush = [&] {
    if (host.empty()) return;
    visit(HostEntries{host.front().ip, host.data(), host.data() + host.size()});
    host.clear();
  };
  spool_.for_each([&](const PortEntry& e) {
    if (!host.empty() && host.front().ip != e.ip) flush();
    host.push_back(e);
  });
  flush();
}

// The probe kinds of a scan: from the summary's config ("syn,ack") when it
// has one, else the kinds seen in its records (old or hand-made summaries).
std::vector<ProbeKind> scan_kinds(const ScanSummary& summary, const std::vector<ProbeKind>& seen);

}  // namespace zeroscan
