// The lab's ground truth (truth.tsv written by `scripts/lab up`, format in
// docs/lab.md): which groups of test hosts exist, what one probe of
// (address, port) must conclude (first matching `port` line wins), what the
// SYN x ACK pair must conclude (first matching `verdict` line), and which
// hosts run a known stack variant (`stack` lines). Unknown kinds are skipped.
// The IPv6 side of the lab has its own kinds (group6, host6, port6,
// verdict6: the same fields with IPv6 addresses), read into the *6 members,
// so that an IPv4-only reader never meets an IPv6 address.
#pragma once

#include <cstdint>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/ipv6_text.h"

namespace zeroscan::lab {

// "k=v;k=v" -> map (the attrs field of every record).
std::map<std::string, std::string> parse_attrs(const std::string& attrs);

struct Expectation {
  std::string state;   // open | closed | filtered | unfiltered
  std::string reason;  // syn-ack | reset | icmp-unreach | no-response
  int icmp_type = -1;  // set when reason is icmp-unreach
  int icmp_code = -1;
  std::string group;
  std::string attrs;   // "rule=web;via=nft": which rule, for failure reports
  int ttl = -1;        // attrs ttl=N: the reply's TTL when it differs from the group's

  bool answered() const { return reason != "no-response"; }
  std::string text() const;  // "filtered icmp-unreach 3/13"
};

// A `verdict` line: what the SYN x ACK pair of (address, port) must
// conclude (include/zeroscan/classify/firewall_verdict.h).
struct VerdictExpectation {
  std::string verdict;        // open, open-stateful, ..., reset-by-filter
  bool forged_reset = false;  // attrs forged_reset=1
  int reset_ttl = -1;         // attrs reset_ttl=N (with forged_reset)
  std::string group;
  std::string attrs;
};

// A `stack` line: hosts whose TCP/IP stack differs from the Linux default
// in one known way (for the OS fingerprint evaluation).
struct StackExpectation {
  std::string group;
  std::uint32_t first = 0, last = 0;
  std::vector<std::uint16_t> ports;  // the ports described (open and closed)
  std::string family;                // "Linux", "embedded" (state field)
  std::string label;                 // "Linux (ttl)", "lwIP 2.1" (reason field)
  std::map<std::string, std::string> attrs;  // id, class, differs, sysctl, features, ...
  std::string attr(const std::string& key) const;
  // attrs differs=: default | ttl | timestamps | sack | wscale | rmem ("" for other stacks)
  std::string differs() const { return attr("differs"); }
};

struct LabGroup {
  std::string name;
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  std::vector<std::uint16_t> ports;           // the sweep ports the truth is designed for
  std::map<std::string, std::string> attrs;   // netns, iface, peer, src, gateway, ttl ...
  std::vector<std::uint32_t> hosts;           // single hosts; empty = every address in range

  std::string attr(const std::string& key) const;  // "" when absent
  std::vector<std::uint32_t> targets() const;      // hosts, or the whole range
};

// A `group6` line (and its `host6` lines): the IPv6 side of a group of the
// same name, with its own interface, source, gateway and ttl (hop limit).
struct LabGroup6 {
  std::string name;
  Ipv6 first{};
  Ipv6 last{};
  std::vector<std::uint16_t> ports;
  std::map<std::string, std::string> attrs;
  std::vector<Ipv6> hosts;  // single hosts; empty = every address in range

  std::string attr(const std::string& key) const;
  std::vector<Ipv6> targets() const;  // hosts, or the range (throws past 65536 addresses)
  std::string range_text() const;     // "first-last"
};

class LabTruth {
 public:
  // Throws std::runtime_error naming origin:line for every malformed line.
  static LabTruth parse(std::istream& in, const std::string& origin);
  static LabTruth load(const std::string& path);

  const Expectation* expect(std::uint32_t ip, std::uint16_t port, std::string_view probe) const;
  // First matching `verdict` line, or nullptr.
  const VerdictExpectation* verdict(std::uint32_t ip, std::uint16_t port) const;
  const std::vector<StackExpectation>& stacks() const { return stacks_; }
  const LabGroup& group(std::string_view name) const;  // throws when absent
  const std::vector<LabGroup>& groups() const { return groups_; }

  // The IPv6 records, the same way.
  const Expectation* expect6(const Ipv6& ip, std::uint16_t port, std::string_view probe) const;
  const VerdictExpectation* verdict6(const Ipv6& ip, std::uint16_t port) const;
  const LabGroup6& group6(std::string_view name) const;  // throws when absent
  const std::vector<LabGroup6>& groups6() const { return groups6_; }

  // A `port`/`port6` or `verdict`/`verdict6` line: first match wins.
  template <class Address, class What>
  struct Rule {
    Address first, last;
    std::vector<std::pair<std::uint16_t, std::uint16_t>> ports;
    std::string probe;  // "syn+ack" for verdicts
    What expectation;
  };

 private:
  std::vector<LabGroup> groups_;
  std::vector<Rule<std::uint32_t, Expectation>> rules_;
  std::vector<Rule<std::uint32_t, VerdictExpectation>> verdicts_;
  std::vector<StackExpectation> stacks_;
  std::vector<LabGroup6> groups6_;
  std::vector<Rule<Ipv6, Expectation>> rules6_;
  std::vector<Rule<Ipv6, VerdictExpectation>> verdicts6_;
};

}  // namespace zeroscan::lab
