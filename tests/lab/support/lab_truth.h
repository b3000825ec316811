// The lab's ground truth (truth.tsv written by `scripts/lab up`, format in
// docs/lab.md): which groups of test hosts exist, and what one probe of
// (address, port) must conclude. First matching `port` line wins.
#pragma once

#include <cstdint>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zeroscan::lab {

struct Expectation {
  std::string state;   // open | closed | filtered | unfiltered
  std::string reason;  // syn-ack | reset | icmp-unreach | no-response
  int icmp_type = -1;  // set when reason is icmp-unreach
  int icmp_code = -1;
  std::string group;
  std::string attrs;   // "rule=web;via=nft": which rule, for failure reports

  bool answered() const { return reason != "no-response"; }
  std::string text() const;  // "filtered icmp-unreach 3/13"
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

class LabTruth {
 public:
  // Throws std::runtime_error naming origin:line for every malformed line.
  static LabTruth parse(std::istream& in, const std::string& origin);
  static LabTruth load(const std::string& path);

  const Expectation* expect(std::uint32_t ip, std::uint16_t port, std::string_view probe) const;
  const LabGroup& group(std::string_view name) const;  // throws when absent
  const std::vector<LabGroup>& groups() const { return groups_; }

 private:
  struct Rule {
    std::uint32_t first, last;
    std::vector<std::pair<std::uint16_t, std::uint16_t>> ports;
    std::string probe;
    Expectation expectation;
  };
  std::vector<LabGroup> groups_;
  std::vector<Rule> rules_;
};

}  // namespace zeroscan::lab
