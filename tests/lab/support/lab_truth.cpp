// Parsing and first-match lookup of the lab truth; see lab_truth.h.
#include "support/lab_truth.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/ipv4_text.h"

namespace zeroscan::lab {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

std::uint16_t parse_port(const std::string& s) {
  if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string::npos)
    throw std::invalid_argument("bad port '" + s + "'");
  const unsigned long v = std::stoul(s);
  if (v > 65535) throw std::invalid_argument("bad port '" + s + "'");
  return static_cast<std::uint16_t>(v);
}

std::vector<std::pair<std::uint16_t, std::uint16_t>> parse_port_ranges(const std::string& list) {
  if (list == "*") return {{0, 65535}};
  std::vector<std::pair<std::uint16_t, std::uint16_t>> out;
  for (const auto& item : split(list, ',')) {
    const auto dash = item.find('-');
    if (dash == std::string::npos) {
      const auto p = parse_port(item);
      out.emplace_back(p, p);
    } else {
      out.emplace_back(parse_port(item.substr(0, dash)), parse_port(item.substr(dash + 1)));
    }
  }
  return out;
}

std::uint32_t parse_address(const std::string& s) {
  auto a = parse_ipv4(s);
  if (!a) throw std::invalid_argument("bad address '" + s + "'");
  return *a;
}

}  // namespace

std::map<std::string, std::string> parse_attrs(const std::string& attrs) {
  std::map<std::string, std::string> out;
  for (const auto& kv : split(attrs, ';')) {
    const auto eq = kv.find('=');
    if (eq != std::string::npos) out[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return out;
}

std::string StackExpectation::attr(const std::string& key) const {
  auto it = attrs.find(key);
  return it == attrs.end() ? std::string() : it->second;
}

std::string Expectation::text() const {
  std::string s = state + " " + reason;
  if (icmp_type >= 0) s += " " + std::to_string(icmp_type) + "/" + std::to_string(icmp_code);
  return s;
}

std::string LabGroup::attr(const std::string& key) const {
  auto it = attrs.find(key);
  return it == attrs.end() ? std::string() : it->second;
}

std::vector<std::uint32_t> LabGroup::targets() const {
  if (!hosts.empty()) return hosts;
  std::vector<std::uint32_t> all;
  all.reserve(std::size_t(last - first) + 1);
  for (std::uint64_t a = first; a <= last; ++a) all.push_back(std::uint32_t(a));
  return all;
}

LabTruth LabTruth::parse(std::istream& in, const std::string& origin) {
  LabTruth truth;
  std::vector<std::string> errors;
  std::string line;
  int number = 0;
  bool header_seen = false;
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("#zeroscan-lab-truth\t", 0) == 0) {
      if (line != "#zeroscan-lab-truth\t1")
        errors.push_back(origin + ":" + std::to_string(number) + ": unsupported truth version");
      header_seen = true;
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    try {
      const auto f = split(line, '\t');
      if (f.size() != 10) throw std::invalid_argument("expected 10 tab-separated fields");
      if (f[0] == "group") {
        LabGroup g;
        g.name = f[1];
        g.first = parse_address(f[2]);
        g.last = parse_address(f[3]);
        for (const auto& r : parse_port_ranges(f[4]))
          for (std::uint32_t p = r.first; p <= r.second; ++p) g.ports.push_back(std::uint16_t(p));
        g.attrs = parse_attrs(f[9]);
        truth.groups_.push_back(std::move(g));
      } else if (f[0] == "host") {
        bool found = false;
        for (auto& g : truth.groups_)
          if (g.name == f[1]) {
            g.hosts.push_back(parse_address(f[2]));
            found = true;
          }
        if (!found) throw std::invalid_argument("host before its group line");
      } else if (f[0] == "port") {
        Rule r;
        r.first = parse_address(f[2]);
        r.last = parse_address(f[3]);
        r.ports = parse_port_ranges(f[4]);
        r.probe = f[5];
        r.expectation.group = f[1];
        r.expectation.state = f[6];
        r.expectation.reason = f[7];
        r.expectation.attrs = f[9];
        if (f[8] != "-") {
          const auto slash = f[8].find('/');
          if (slash == std::string::npos) throw std::invalid_argument("icmp field must be TYPE/CODE");
          r.expectation.icmp_type = std::stoi(f[8].substr(0, slash));
          r.expectation.icmp_code = std::stoi(f[8].substr(slash + 1));
        }
        const auto attrs = parse_attrs(f[9]);
        if (attrs.count("ttl")) r.expectation.ttl = std::stoi(attrs.at("ttl"));
        if (r.first > r.last) throw std::invalid_argument("first address above last");
        truth.rules_.push_back(std::move(r));
      } else if (f[0] == "verdict") {
        VerdictRule r;
        r.first = parse_address(f[2]);
        r.last = parse_address(f[3]);
        r.ports = parse_port_ranges(f[4]);
        if (f[5] != "syn+ack") throw std::invalid_argument("verdict probe must be syn+ack");
        if (f[6].empty() || f[6] == "-") throw std::invalid_argument("verdict without a verdict name");
        r.expectation.verdict = f[6];
        r.expectation.group = f[1];
        r.expectation.attrs = f[9];
        const auto attrs = parse_attrs(f[9]);
        r.expectation.forged_reset = attrs.count("forged_reset") && attrs.at("forged_reset") == "1";
        if (attrs.count("reset_ttl")) r.expectation.reset_ttl = std::stoi(attrs.at("reset_ttl"));
        if (r.first > r.last) throw std::invalid_argument("first address above last");
        truth.verdicts_.push_back(std::move(r));
      } else if (f[0] == "stack") {
        StackExpectation st;
        st.group = f[1];
        st.first = parse_address(f[2]);
        st.last = parse_address(f[3]);
        for (const auto& r : parse_port_ranges(f[4]))
          for (std::uint32_t p = r.first; p <= r.second; ++p) st.ports.push_back(std::uint16_t(p));
        st.family = f[6];
        st.label = f[7];
        st.attrs = parse_attrs(f[9]);
        if (st.first > st.last) throw std::invalid_argument("first address above last");
        truth.stacks_.push_back(std::move(st));
      }
      // Other kinds belong to later host groups: ignored, not rejected.
    } catch (const std::exception& e) {
      errors.push_back(origin + ":" + std::to_string(number) + ": " + e.what());
    }
  }
  if (!header_seen) errors.push_back(origin + ": missing '#zeroscan-lab-truth<TAB>1' header");
  if (!errors.empty()) {
    std::string all;
    for (const auto& e : errors) all += e + "\n";
    throw std::runtime_error(all);
  }
  return truth;
}

LabTruth LabTruth::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open (is the lab up? scripts/lab up)");
  return parse(in, path);
}

const Expectation* LabTruth::expect(std::uint32_t ip, std::uint16_t port,
                                    std::string_view probe) const {
  for (const auto& r : rules_) {
    if (r.probe != probe || ip < r.first || ip > r.last) continue;
    for (const auto& [lo, hi] : r.ports)
      if (port >= lo && port <= hi) return &r.expectation;
  }
  return nullptr;
}

const VerdictExpectation* LabTruth::verdict(std::uint32_t ip, std::uint16_t port) const {
  for (const auto& r : verdicts_) {
    if (ip < r.first || ip > r.last) continue;
    for (const auto& [lo, hi] : r.ports)
      if (port >= lo && port <= hi) return &r.expectation;
  }
  return nullptr;
}

const LabGroup& LabTruth::group(std::string_view name) const {
  for (const auto& g : groups_)
    if (g.name == name) return g;
  throw std::runtime_error("truth has no group '" + std::string(name) + "'");
}

}  // namespace zeroscan::lab
