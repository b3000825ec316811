// VerdictTable: the firewall verdicts of a SYN+ACK scan kept in 28 bytes
// each, for the per-host writers (text rules, XML probe scripts). Verdict
// and explanation texts come from the fixed set of FirewallVerdict, so they
// are interned once and entries carry only an index. Entries live in a
// SortedSpool ordered by (address, port, arrival): memory is about one run
// of entries plus one host's verdicts however many a scan makes, and a
// writer walks them host by host beside its HostPortTable.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "zeroscan/core/scan_results.h"
#include "zeroscan/output/sorted_spool.h"

namespace zeroscan {

struct VerdictEntry {
  IpAddress ip;
  std::uint32_t arrival = 0;    // order of firewall() calls, for first-seen ordering
  std::uint16_t port = 0;
  std::uint16_t name = 0;       // index of the (verdict, explanation) texts
  std::uint8_t icmp_code = 0;   // when has_icmp: the SYN's ICMP code, else the ACK's
  std::uint8_t reset_ttl = 0;   // when forged_reset
  std::uint8_t host_ttl = 0;    // when forged_reset: the host's own TTL (0: unknown)
  bool has_icmp : 1;            // (bit-fields keep the entry at 28 bytes;
  bool forged_reset : 1;        //  VerdictTable::add sets both)
};

class VerdictTable {
  struct Order {  // by host, then port, then arrival
    bool operator()(const VerdictEntry& a, const VerdictEntry& b) const {
      return std::tie(a.ip, a.port, a.arrival) < std::tie(b.ip, b.port, b.arrival);
    }
  };

 public:
  struct Texts {
    std::string verdict;      // "stateless-filter"
    std::string explanation;  // "SYN blocked, ACK passes: stateless filter"
  };
  class HostReader;

  explicit VerdictTable(std::size_t run_size = kSpoolRunSize) : spool_(run_size) {}

  void add(const FirewallRecord& record);
  const Texts& texts(const VerdictEntry& e) const { return names_[e.name]; }
  // Calls visit(IpAddress ip, const VerdictEntry* first, const VerdictEntry* last)
  // for every host with verdicts, in address order; each host's entries
  // sorted by (port, arrival).
  template <typename Visit>
  void for_each_host(Visit&& visit);
  // Reads hosts on demand, for walking beside a HostPortTable.
  HostReader reader();
  std::size_t size() const { return spool_.size(); }
  std::size_t runs() const { return spool_.runs(); }  // runs spilled to the file
  bool empty() const { return spool_.size() == 0; }
  // Empty unless the temporary file failed or the texts overflowed.
  const std::string& error() const { return error_.empty() ? spool_.error() : error_; }

 private:
  using Spool = SortedSpool<VerdictEntry, Order>;

  Spool spool_;
  std::map<std::pair<std::string, std::string>, std::uint16_t> ids_;
  std::vector<Texts> names_;
  std::uint32_t arrivals_ = 0;
  std::string error_;
};

// The verdicts of one host at a time, asked for in ascending address order
// (hosts without verdicts may be skipped or asked for: they get none).
class VerdictTable::HostReader {
 public:
  explicit HostReader(Spool::Cursor cursor) : cursor_(std::move(cursor)), next_(cursor_.next()) {}
  // The verdicts of `ip`, sorted by (port, arrival); valid until the next call.
  const std::vector<VerdictEntry>& of(IpAddress ip) {
    host_.clear();
    while (next_ && next_->ip < ip) next_ = cursor_.next();
    while (next_ && next_->ip == ip) {
      host_.push_back(*next_);
      next_ = cursor_.next();
    }
    return host_;
  }

 private:
  Spool::Cursor cursor_;
  const VerdictEntry* next_;
  std::vector<VerdictEntry> host_;
};

inline VerdictTable::HostReader VerdictTable::reader() { return HostReader(spool_.cursor()); }

template <typename Visit>
void VerdictTable::for_each_host(Visit&& visit) {
  std::vector<VerdictEntry> host;
  auto flush = [&] {
    if (host.empty()) return;
    visit(host.front().ip, host.data(), host.data() + host.size());
    host.clear();
  };
  spool_.for_each([&](const VerdictEntry& e) {
    if (!host.empty() && host.front().ip != e.ip) flush();
    host.push_back(e);
  });
  flush();
}

}  // namespace zeroscan
