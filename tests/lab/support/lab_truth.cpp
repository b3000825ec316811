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

Ipv6 parse_address6(const std::string& s) {
  auto a = parse_ipv6(s);
  if (!a) throw std::invalid_argument("bad IPv6 address '" + s + "'");
  return *a;
}

std::vector<std::uint16_t> port_list(const std::string& field) {
  std::vector<std::uint16_t> out;
  for (const auto& r : parse_port_ranges(field))
    for (std::uint32_t p = r.first; p <= r.second; ++p) out.push_back(std::uint16_t(p));
  return out;
}

// The fields of a `port`/`port6` line past the addresses.
Expectation port_expectation(const std::vector<std::string>& f) {
  Expectation e;
  e.group = f[1];
  e.state = f[6];
  e.reason = f[7];
  e.attrs = f[9];
  if (f[8] != "-") {
    const auto slash = f[8].find('/');
    if (slash == std::string::npos) throw std::invalid_argument("icmp field must be TYPE/CODE");
    e.icmp_type = std::stoi(f[8].substr(0, slash));
    e.icmp_code = std::stoi(f[8].substr(slash + 1));
  }
  const auto attrs = parse_attrs(f[9]);
  if (attrs.count("ttl")) e.ttl = std::stoi(attrs.at("ttl"));
  return e;
}

// The fields of a `verdict`/`verdict6` line past the addresses.
VerdictExpectation verdict_expectation(const std::vector<std::string>& f) {
  if (f[5] != "syn+ack") throw std::invalid_argument("verdict probe must be syn+ack");
  if (f[6].empty() || f[6] == "-") throw std::invalid_argument("verdict without a verdict name");
  VerdictExpectation v;
  v.verdict = f[6];
  v.group = f[1];
  v.attrs = f[9];
  const auto attrs = parse_attrs(f[9]);
  v.forged_reset = attrs.count("forged_reset") && attrs.at("forged_reset") == "1";
  if (attrs.count("reset_ttl")) v.reset_ttl = std::stoi(attrs.at("reset_ttl"));
  return v;
}

template <class Address, class What, class Parse>
LabTruth::Rule<Address, What> make_rule(const std::vector<std::string>& f, Parse parse_addr, What what) {
  LabTruth::Rule<Address, What> r{parse_addr(f[2]), parse_addr(f[3]), parse_port_ranges(f[4]), f[5],
                                  std::move(what)};
  if (r.last < r.first) throw std::invalid_argument("first address above last");
  return r;
}

template <class Address, class What>
const What* first_match(const std::vector<LabTruth::Rule<Address, What>>& rules, const Address& ip,
                        std::uint16_t port, std::string_view probe) {
  for (const auto& r : rules) {
    if ((!probe.empty() && r.probe != probe) || ip < r.first || r.last < ip) continue;
    for (const auto& [lo, hi] : r.ports)
      if (port >= lo && port <= hi) return &r.expectation;
  }
  return nullptr;
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

std::string LabGroup6::attr(const std::string& key) const {
  auto it = attrs.find(key);
  return it == attrs.end() ? std::string() : it->second;
}

std::vector<Ipv6> LabGroup6::targets() const {
  if (!hosts.empty()) return hosts;
  const auto span = ipv6_distance(first, last);
  if (!span || *span >= 65536) throw std::runtime_error("group6 " + name + ": range " + range_text() + " is too large to list");
  std::vector<Ipv6> all;
  for (std::uint32_t k = 0; k <= *span; ++k) all.push_back(*ipv6_plus(first, k));
  return all;
}

std::string LabGroup6::range_text() const { return format_ipv6(first) + "-" + format_ipv6(last); }

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
        g.ports = port_list(f[4]);
        g.attrs = parse_attrs(f[9]);
        truth.groups_.push_back(std::move(g));
      } else if (f[0] == "group6") {
        LabGroup6 g;
        g.name = f[1];
        g.first = parse_address6(f[2]);
        g.last = parse_address6(f[3]);
        if (g.last < g.first) throw std::invalid_argument("first address above last");
        g.ports = port_list(f[4]);
        g.attrs = parse_attrs(f[9]);
        truth.groups6_.push_back(std::move(g));
      } else if (f[0] == "host6") {
        bool found = false;
        for (auto& g : truth.groups6_)
          if (g.name == f[1]) {
            g.hosts.push_back(parse_address6(f[2]));
            found = true;
          }
        if (!found) throw std::invalid_argument("host6 before its group6 line");
      } else if (f[0] == "port6") {
        truth.rules6_.push_back(make_rule<Ipv6>(f, parse_address6, port_expectation(f)));
      } else if (f[0] == "verdict6") {
        truth.verdicts6_.push_back(make_rule<Ipv6>(f, parse_address6, verdict_expectation(f)));
      } else if (f[0] == "host") {
        bool found = false;
        for (auto& g : truth.groups_)
          if (g.name == f[1]) {
            g.hosts.push_back(parse_address(f[2]));
            found = true;
          }
        if (!found) throw std::invalid_argument("host before its group line");
      } else if (f[0] == "port") {
        truth.rules_.push_back(make_rule<std::uint32_t>(f, parse_address, port_expectation(f)));
      } else if (f[0] == "verdict") {
        truth.verdicts_.push_back(make_rule<std::uint32_t>(f, parse_address, verdict_expectation(f)));
      } else if (f[0] == "stack") {
        StackExpectation st;
        st.group = f[1];
        st.first = parse_address(f[2]);
        st.last = parse_address(f[3]);
        st.ports = port_list(f[4]);
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
  return probe.empty() ? nullptr : first_match(rules_, ip, port, probe);
}

const VerdictExpectation* LabTruth::verdict(std::uint32_t ip, std::uint16_t port) const {
  return first_match(verdicts_, ip, port, "");
}

const Expectation* LabTruth::expect6(const Ipv6& ip, std::uint16_t port, std::string_view probe) const {
  return probe.empty() ? nullptr : first_match(rules6_, ip, port, probe);
}

const VerdictExpectation* LabTruth::verdict6(const Ipv6& ip, std::uint16_t port) const {
  return first_match(verdicts6_, ip, port, "");
}

const LabGroup6& LabTruth::group6(std::string_view name) const {
  for (const auto& g : groups6_)
    if (g.name == name) return g;
  throw std::runtime_error("truth has no group6 '" + std::string(name) + "' (no IPv6 side)");
}

const LabGroup& LabTruth::group(std::string_view name) const {
  for (const auto& g : groups_)
    if (g.name == name) return g;
  throw std::runtime_error("truth has no group '" + std::string(name) + "'");
}

}  // namespace zeroscan::lab
