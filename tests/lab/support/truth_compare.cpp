// Scan-versus-truth comparison; see truth_compare.h.
#include "support/truth_compare.h"

#include "support/ipv4_text.h"

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

}  // namespace

TargetGrid::TargetGrid(std::vector<std::uint32_t> addresses, std::vector<std::uint16_t> ports)
    : addresses_(std::move(addresses)), ports_(std::move(ports)) {
  for (std::size_t i = 0; i < addresses_.size(); ++i) address_index_[addresses_[i]] = i;
}

long TargetGrid::index(std::uint32_t ip, std::uint16_t port) const {
  const auto a = address_index_.find(ip);
  if (a == address_index_.end()) return -1;
  for (std::size_t p = 0; p < ports_.size(); ++p)
    if (ports_[p] == port) return long(a->second * ports_.size() + p);
  return -1;
}

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
  Comparison c;
  std::vector<std::uint8_t> seen(grid.size(), 0);
  for (const auto& r : records) {
    if (r.probe != probe) continue;
    const long i = grid.index(r.ip, r.port);
    if (i < 0) {
      c.problems.add("record for a pair that was not a target", pair_text(r.ip, r.port));
      continue;
    }
    if (seen[i]++) {
      c.problems.add("pair reported more than once", pair_text(r.ip, r.port));
      continue;
    }
    ++c.checked;
    const Expectation* want = truth.expect(r.ip, r.port, probe);
    if (!want) {
      c.problems.add("truth has no expectation (lab bug)", pair_text(r.ip, r.port));
      continue;
    }
    bool same = want->state == r.state && want->reason == r.reason;
    if (same && want->icmp_type >= 0)
      same = r.icmp_type == want->icmp_type && r.icmp_code == want->icmp_code;
    if (!same) {
      c.problems.add("want " + want->text() + ", got " + record_text(r),
                     pair_text(r.ip, r.port) + "(" + want->attrs + ")");
      continue;
    }
    const std::string ttl = truth.group(want->group).attr("ttl");
    if (want->answered() && !ttl.empty() && r.ttl && *r.ttl != std::stoi(ttl)) {
      c.problems.add("reply TTL " + std::to_string(*r.ttl) + ", lab sends " + ttl,
                     pair_text(r.ip, r.port));
      continue;
    }
    ++c.matched;
  }
  for (std::size_t i = 0; i < seen.size(); ++i)
    if (!seen[i]) {
      const Expectation* want = truth.expect(grid.address_at(i), grid.port_at(i), probe);
      c.problems.add("no record (truth: " + (want ? want->text() : std::string("?")) + ")",
                     pair_text(grid.address_at(i), grid.port_at(i)));
    }
  return c;
}

Tally check_summary(const ScanOutput& output, const TargetGrid& grid) {
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
  if (output.ports.size() != grid.size())
    t.add("records do not cover every target pair",
          std::to_string(output.ports.size()) + " vs " + std::to_string(grid.size()));
  if (s.contains("targets") && s["targets"].is_number_unsigned() &&
      s["targets"].get<std::size_t>() != grid.addresses().size())
    t.add("summary targets differs", s["targets"].dump() + " vs " + std::to_string(grid.addresses().size()));
  if (s.contains("ports") && s["ports"].is_number_unsigned() &&
      s["ports"].get<std::size_t>() != grid.ports().size())
    t.add("summary ports differs", s["ports"].dump() + " vs " + std::to_string(grid.ports().size()));
  return t;
}

}  // namespace zeroscan::lab
