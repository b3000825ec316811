// Scan-versus-truth comparison; see truth_compare.h.
#include "support/truth_compare.h"

#include "support/ipv4_text.h"
#include "support/ipv6_text.h"

namespace zeroscan::lab {

namespace {

constexpr std::size_t kExamples = 5;

std::string record_text(const PortRecord& r) {
  std::string s = r.state + " " + r.reason;
  if (r.icmp_type) s += " " + std::to_string(*r.icmp_type) + "/" + std::to_string(r.icmp_code.value_or(-1));
  return s;
}

std::string pair_text(std::uint32_t ip, std::uint16_t port) {
  return format_ipv4(ip) + ":" + std::to_string(port);
}

std::string pair_text(const Ipv6& ip, std::uint16_t port) {
  return "[" + format_ipv6(ip) + "]:" + std::to_string(port);
}

// What a comparison needs from each family: the record's address (a record
// of the other family has none), the truth's lines and the group's ttl.
template <class Record>
std::optional<std::uint32_t> address_of(const Record& r, std::uint32_t) {
  return r.ip6 ? std::nullopt : std::optional<std::uint32_t>(r.ip);
}
template <class Record>
std::optional<Ipv6> address_of(const Record& r, const Ipv6&) {
  return r.ip6;
}
template <class Record>
std::string record_where(const Record& r) {
  return r.ip6 ? pair_text(*r.ip6, r.port) : pair_text(r.ip, r.port);
}
const Expectation* expect_of(const LabTruth& t, std::uint32_t ip, std::uint16_t port, const std::string& probe) {
  return t.expect(ip, port, probe);
}
const Expectation* expect_of(const LabTruth& t, const Ipv6& ip, std::uint16_t port, const std::string& probe) {
  return t.expect6(ip, port, probe);
}
const VerdictExpectation* verdict_of(const LabTruth& t, std::uint32_t ip, std::uint16_t port) {
  return t.verdict(ip, port);
}
const VerdictExpectation* verdict_of(const LabTruth& t, const Ipv6& ip, std::uint16_t port) {
  return t.verdict6(ip, port);
}
std::string group_ttl_of(const LabTruth& t, const std::string& group, std::uint32_t) {
  return t.group(group).attr("ttl");
}
std::string group_ttl_of(const LabTruth& t, const std::string& group, const Ipv6&) {
  return t.group6(group).attr("ttl");
}

template <class Address>
Comparison compare_records(const LabTruth& truth, const BasicTargetGrid<Address>& grid,
                           const std::vector<PortRecord>& records, const std::string& probe);
template <class Address>
Comparison compare_firewall(const LabTruth& truth, const BasicTargetGrid<Address>& grid, const ScanOutput& output);

}  // namespace

template <class Address>
BasicTargetGrid<Address>::BasicTargetGrid(std::vector<Address> addresses, std::vector<std::uint16_t> ports)
    : addresses_(std::move(addresses)), ports_(std::move(ports)) {
  for (std::size_t i = 0; i < addresses_.size(); ++i) address_index_[addresses_[i]] = i;
}

template <class Address>
long BasicTargetGrid<Address>::index(const Address& ip, std::uint16_t port) const {
  const auto a = address_index_.find(ip);
  if (a == address_index_.end()) return -1;
  for (std::size_t p = 0; p < ports_.size(); ++p)
    if (ports_[p] == port) return long(a->second * ports_.size() + p);
  return -1;
}

template class BasicTargetGrid<std::uint32_t>;
template class BasicTargetGrid<Ipv6>;

void Tally::add(const std::string& kind, const std::string& example) {
  ++counts_[kind];
  auto& ex = examples_[kind];
  if (ex.size() < kExamples) ex.push_back(example);
}

std::size_t Tally::total() const {
  std::size_t n = 0;
  for (const auto& [k, c] : counts_) n += c;
  return n;
}

std::string Tally::report(const std::string& title) const {
  std::string s = title + ": " + std::to_string(total()) + " problem(s)\n";
  for (const auto& [kind, count] : counts_) {
    s += "  " + std::to_string(count) + " x " + kind + "   e.g.";
    for (const auto& e : examples_.at(kind)) s += " " + e;
    s += "\n";
  }
  return s;
}

Comparison compare_with_truth(const LabTruth& truth, const TargetGrid& grid,
                              const std::vector<PortRecord>& records, const std::string& probe) {
  return compare_records(truth, grid, records, probe);
}

Comparison compare_with_truth(const LabTruth& truth, const TargetGrid6& grid,
                              const std::vector<PortRecord>& records, const std::string& probe) {
  return compare_records(truth, grid, records, probe);
}

Comparison compare_verdicts(const LabTruth& truth, const TargetGrid& grid, const ScanOutput& output) {
  return compare_firewall(truth, grid, output);
}

Comparison compare_verdicts(const LabTruth& truth, const TargetGrid6& grid, const ScanOutput& output) {
  return compare_firewall(truth, grid, output);
}

namespace {

template <class Address>
Comparison compare_records(const LabTruth& truth, const BasicTargetGrid<Address>& grid,
                           const std::vector<PortRecord>& records, const std::string& probe) {
  Comparison c;
  std::vector<std::uint8_t> seen(grid.size(), 0);
  for (const auto& r : records) {
    if (r.probe != probe) continue;
    const auto ip = address_of(r, Address{});
    const long i = ip ? grid.index(*ip, r.port) : -1;
    if (i < 0) {
      c.problems.add("record for a pair that was not a target", record_where(r));
      continue;
    }
    if (seen[i]++) {
      c.problems.add("pair reported more than once", record_where(r));
      continue;
    }
    ++c.checked;
    const Expectation* want = expect_of(truth, *ip, r.port, probe);
    if (!want) {
      c.problems.add("truth has no expectation (lab bug)", record_where(r));
      continue;
    }
    bool same = want->state == r.state && want->reason == r.reason;
    if (same && want->icmp_type >= 0)
      same = r.icmp_type == want->icmp_type && r.icmp_code == want->icmp_code;
    if (!same) {
      c.problems.add("want " + want->text() + ", got " + record_text(r), record_where(r) + "(" + want->attrs + ")");
      continue;
    }
    // The group's TTL (hop limit), unless the line names another sender (a
    // router's forged reset or ICMP error: attrs ttl=N).
    const std::string group_ttl = group_ttl_of(truth, want->group, Address{});
    const int ttl = want->ttl >= 0 ? want->ttl : group_ttl.empty() ? -1 : std::stoi(group_ttl);
    if (want->answered() && ttl >= 0 && r.ttl && *r.ttl != ttl) {
      c.problems.add("reply TTL " + std::to_string(*r.ttl) + ", lab sends " + std::to_string(ttl) +
                         " (" + want->text() + ")",
                     record_where(r) + "(" + want->attrs + ")");
      continue;
    }
    ++c.matched;
  }
  for (std::size_t i = 0; i < seen.size(); ++i)
    if (!seen[i]) {
      const Expectation* want = expect_of(truth, grid.address_at(i), grid.port_at(i), probe);
      c.problems.add("no record (truth: " + (want ? want->text() : std::string("?")) + ")",
                     pair_text(grid.address_at(i), grid.port_at(i)));
    }
  return c;
}

template <class Address>
Comparison compare_firewall(const LabTruth& truth, const BasicTargetGrid<Address>& grid, const ScanOutput& output) {
  Comparison c;
  // What the port records said per pair, to check the firewall record's
  // syn/ack fields are the same conclusions.
  std::vector<const PortRecord*> syn(grid.size(), nullptr), ack(grid.size(), nullptr);
  for (const auto& r : output.ports) {
    const auto ip = address_of(r, Address{});
    const long i = ip ? grid.index(*ip, r.port) : -1;
    if (i < 0) continue;
    (r.probe == "syn" ? syn : ack)[i] = &r;
  }
  std::vector<std::uint8_t> seen(grid.size(), 0);
  for (const auto& f : output.firewall) {
    const auto ip = address_of(f, Address{});
    const long i = ip ? grid.index(*ip, f.port) : -1;
    const std::string where = record_where(f);
    if (i < 0) {
      c.problems.add("firewall record for a pair that was not a target", where);
      continue;
    }
    if (seen[i]++) {
      c.problems.add("firewall record more than once", where);
      continue;
    }
    ++c.checked;
    const VerdictExpectation* want = verdict_of(truth, *ip, f.port);
    if (!want) {
      c.problems.add("truth has no verdict (lab bug)", where);
      continue;
    }
    if (f.verdict != want->verdict) {
      const std::string seen_as = "syn " + f.syn + "/" + f.syn_reason + ", ack " + f.ack + "/" + f.ack_reason;
      c.problems.add("want verdict " + want->verdict + ", got " + f.verdict + " (" + seen_as + ")",
                     where + "(" + want->attrs + ")");
      continue;
    }
    if (f.forged_reset != want->forged_reset) {
      c.problems.add(std::string("forged_reset ") + (f.forged_reset ? "true" : "false") + ", truth says " +
                         (want->forged_reset ? "forged" : "genuine"),
                     where);
      continue;
    }
    if (want->reset_ttl >= 0 && f.reset_ttl != want->reset_ttl) {
      c.problems.add("reset_ttl " + (f.reset_ttl ? std::to_string(*f.reset_ttl) : std::string("absent")) +
                         ", want " + std::to_string(want->reset_ttl),
                     where);
      continue;
    }
    const std::string group_ttl = group_ttl_of(truth, want->group, Address{});
    if (f.host_ttl && !group_ttl.empty() && *f.host_ttl != std::stoi(group_ttl)) {
      c.problems.add("host_ttl " + std::to_string(*f.host_ttl) + ", the hosts' replies arrive with " + group_ttl,
                     where);
      continue;
    }
    const PortRecord* s = syn[i];
    const PortRecord* a = ack[i];
    if (!s || !a || s->state != f.syn || s->reason != f.syn_reason || a->state != f.ack ||
        a->reason != f.ack_reason) {
      c.problems.add("firewall record's syn/ack differ from the port records", where);
      continue;
    }
    ++c.matched;
  }
  for (std::size_t i = 0; i < seen.size(); ++i)
    if (!seen[i]) {
      const VerdictExpectation* want = verdict_of(truth, grid.address_at(i), grid.port_at(i));
      c.problems.add("no firewall record (truth: " + (want ? want->verdict : std::string("?")) + ")",
                     pair_text(grid.address_at(i), grid.port_at(i)));
    }
  return c;
}

}  // namespace

template <class Address>
Tally check_summary(const ScanOutput& output, const BasicTargetGrid<Address>& grid, std::size_t probe_kinds) {
  Tally t;
  if (!output.summary) {
    t.add("no summary record", "-");
    return t;
  }
  const auto& s = *output.summary;
  std::map<std::string, std::size_t> by_state;
  for (const auto& r : output.ports) ++by_state[r.state];
  std::size_t sum = 0;
  for (const char* state : {"open", "closed", "filtered", "unfiltered"}) {
    if (!s.contains(state) || !s[state].is_number_unsigned()) {
      t.add(std::string("summary lacks a count for ") + state, s.dump());
      continue;
    }
    const auto n = s[state].get<std::size_t>();
    sum += n;
    if (n != by_state[state])
      t.add(std::string("summary ") + state + " differs from the records",
            std::to_string(n) + " vs " + std::to_string(by_state[state]));
  }
  if (sum != output.ports.size())
    t.add("summary states do not add up to the records",
          std::to_string(sum) + " vs " + std::to_string(output.ports.size()));
  if (output.ports.size() != grid.size() * probe_kinds)
    t.add("records do not cover every target pair",
          std::to_string(output.ports.size()) + " vs " + std::to_string(grid.size() * probe_kinds));
  if (s.contains("targets") && s["targets"].is_number_unsigned() &&
      s["targets"].get<std::size_t>() != grid.addresses().size())
    t.add("summary targets differs", s["targets"].dump() + " vs " + std::to_string(grid.addresses().size()));
  if (s.contains("ports") && s["ports"].is_number_unsigned() &&
      s["ports"].get<std::size_t>() != grid.ports().size())
    t.add("summary ports differs", s["ports"].dump() + " vs " + std::to_string(grid.ports().size()));
  return t;
}

template Tally check_summary(const ScanOutput&, const TargetGrid&, std::size_t);
template Tally check_summary(const ScanOutput&, const TargetGrid6&, std::size_t);

}  // namespace zeroscan::lab
