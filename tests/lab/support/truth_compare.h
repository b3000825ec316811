// Judging a scan against the lab truth: every target pair reported exactly
// once, with the expected state, reason, ICMP type/code and TTL (and, for a
// SYN+ACK scan, the expected firewall verdict); mismatches
// tallied by kind with a few examples each, so one failure message tells
// what went wrong and where.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "support/lab_truth.h"
#include "support/scan_records.h"

namespace zeroscan::lab {

// The (address, port) pairs a scan was asked for, indexable; Address is
// std::uint32_t (IPv4, TargetGrid) or Ipv6 (TargetGrid6).
template <class Address>
class BasicTargetGrid {
 public:
  BasicTargetGrid(std::vector<Address> addresses, std::vector<std::uint16_t> ports);
  std::size_t size() const { return addresses_.size() * ports_.size(); }
  // Index of (ip, port), or -1 when the pair is not a target.
  long index(const Address& ip, std::uint16_t port) const;
  const Address& address_at(std::size_t index) const { return addresses_[index / ports_.size()]; }
  std::uint16_t port_at(std::size_t index) const { return ports_[index % ports_.size()]; }
  const std::vector<Address>& addresses() const { return addresses_; }
  const std::vector<std::uint16_t>& ports() const { return ports_; }

 private:
  std::vector<Address> addresses_;
  std::vector<std::uint16_t> ports_;
  std::map<Address, std::size_t> address_index_;
};
using TargetGrid = BasicTargetGrid<std::uint32_t>;
using TargetGrid6 = BasicTargetGrid<Ipv6>;

// Counts of problems by kind ("want open syn-ack, got closed reset") with up
// to a few examples each.
class Tally {
 public:
  void add(const std::string& kind, const std::string& example);
  bool empty() const { return counts_.empty(); }
  std::size_t total() const;
  std::string report(const std::string& title) const;

 private:
  std::map<std::string, std::size_t> counts_;
  std::map<std::string, std::vector<std::string>> examples_;
};

struct Comparison {
  std::size_t checked = 0;  // records of target pairs with the probe kind
  std::size_t matched = 0;
  Tally problems;
  bool ok() const { return problems.empty() && matched > 0; }
};

Comparison compare_with_truth(const LabTruth& truth, const TargetGrid& grid,
                              const std::vector<PortRecord>& records, const std::string& probe);
// The same against the IPv6 truth (port6 lines; records with an ip6).
Comparison compare_with_truth(const LabTruth& truth, const TargetGrid6& grid,
                              const std::vector<PortRecord>& records, const std::string& probe);

// Every target pair has exactly one firewall record, whose verdict (and
// forged-reset flag and TTLs) is the truth's `verdict` line; its syn/ack
// fields agree with the port records of the same pair.
Comparison compare_verdicts(const LabTruth& truth, const TargetGrid& grid, const ScanOutput& output);
Comparison compare_verdicts(const LabTruth& truth, const TargetGrid6& grid, const ScanOutput& output);

// The summary's per-state counts must equal the records', and the states
// must add up to every target pair (times the probe kinds scanned).
template <class Address>
Tally check_summary(const ScanOutput& output, const BasicTargetGrid<Address>& grid, std::size_t probe_kinds = 1);

}  // namespace zeroscan::lab
