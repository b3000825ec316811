// Small, independent readers of what the writers produce, for tests: each
// turns one format back into (ip, port, probe, state, reason) facts using
// only the format's documented layout (docs/outputs.md), not the writers'
// code, so a writer that drops or garbles a record is caught.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "output_fixture.h"

namespace zeroscan::test {

// ---- a minimal XML reader (elements, attributes, text; enough for -oX) ----

struct XmlNode {
  std::string name;
  std::map<std::string, std::string> attrs;
  std::vector<std::unique_ptr<XmlNode>> children;
  std::string text;

  std::vector<const XmlNode*> all(const std::string& child) const {
    std::vector<const XmlNode*> out;
    for (const auto& c : children)
      if (c->name == child) out.push_back(c.get());
    return out;
  }
  const XmlNode* first(const std::string& child) const {
    for (const auto& c : children)
      if (c->name == child) return c.get();
    return nullptr;
  }
  std::string attr(const std::string& key) const {
    auto it = attrs.find(key);
    return it == attrs.end() ? std::string() : it->second;
  }
};

inline std::string xml_unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t end = s.find(';', i);
    const std::string entity = s.substr(i + 1, end - i - 1);
    out += entity == "amp" ? '&' : entity == "lt" ? '<' : entity == "gt" ? '>' : entity == "quot" ? '"' : '\'';
    i = end;
  }
  return out;
}

// Throws std::runtime_error on anything it does not understand.
inline std::unique_ptr<XmlNode> parse_xml(const std::string& doc) {
  auto root = std::make_unique<XmlNode>();
  std::vector<XmlNode*> stack{root.get()};
  std::size_t i = 0;
  while (i < doc.size()) {
    const std::size_t lt = doc.find('<', i);
    if (lt == std::string::npos) break;
    stack.back()->text += xml_unescape(doc.substr(i, lt - i));
    const std::size_t gt = doc.find('>', lt);
    if (gt == std::string::npos) throw std::runtime_error("unclosed tag");
    std::string tag = doc.substr(lt + 1, gt - lt - 1);
    i = gt + 1;
    if (tag.empty() || tag[0] == '?' || tag[0] == '!') continue;
    if (tag[0] == '/') {
      if (stack.size() < 2 || stack.back()->name != tag.substr(1))
        throw std::runtime_error("mismatched </" + tag.substr(1) + ">");
      stack.pop_back();
      continue;
    }
    const bool empty = tag.back() == '/';
    if (empty) tag.pop_back();
    auto node = std::make_unique<XmlNode>();
    std::size_t p = tag.find_first_of(" \t\n");
    node->name = tag.substr(0, p);
    while (p != std::string::npos && p < tag.size()) {
      const std::size_t eq = tag.find('=', p);
      if (eq == std::string::npos) break;
      std::string key = tag.substr(p, eq - p);
      key.erase(0, key.find_first_not_of(" \t\n"));
      const std::size_t q1 = tag.find('"', eq);
      const std::size_t q2 = tag.find('"', q1 + 1);
      node->attrs[key] = xml_unescape(tag.substr(q1 + 1, q2 - q1 - 1));
      p = q2 + 1;
    }
    XmlNode* raw = node.get();
    stack.back()->children.push_back(std::move(node));
    if (!empty) stack.push_back(raw);
  }
  if (stack.size() != 1) throw std::runtime_error("unclosed <" + stack.back()->name + ">");
  return root;
}

// ICMP and ICMPv6 reasons as nmap names them fold back into zeroscan's
// one reason.
inline std::string fold_reason(const std::string& r) {
  static const std::set<std::string> icmp = {
      "net-unreach",  "host-unreach",  "proto-unreach", "port-unreach",       "net-prohibited",
      "host-prohibited", "admin-prohibited",  // ICMPv6's own names:
      "no-route",     "beyond-scope",  "addr-unreach",  "source-policy",      "reject-route",
      "source-route-error", "headers-too-long"};
  return icmp.count(r) ? "icmp-unreach" : r;
}

inline std::vector<int> expand_ports(const std::string& list) {
  std::vector<int> out;
  std::istringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    const std::size_t dash = item.find('-');
    const int lo = std::stoi(item.substr(0, dash));
    const int hi = dash == std::string::npos ? lo : std::stoi(item.substr(dash + 1));
    for (int p = lo; p <= hi; ++p) out.push_back(p);
  }
  return out;
}

inline std::set<Fact> facts_from_xml(const std::string& doc) {
  const auto root = parse_xml(doc);
  const XmlNode* run = root->first("nmaprun");
  if (!run) throw std::runtime_error("no <nmaprun>");
  std::vector<std::string> kinds;
  for (const XmlNode* s : run->all("scaninfo")) kinds.push_back(s->attr("type"));
  std::set<Fact> out;
  for (const XmlNode* host : run->all("host")) {
    const std::string ip = host->first("address")->attr("addr");
    const XmlNode* ports = host->first("ports");
    for (const XmlNode* extra : ports->all("extraports"))
      for (const XmlNode* why : extra->all("extrareasons"))
        for (int port : expand_ports(why->attr("ports")))
          for (const std::string& kind : kinds)
            out.insert({ip, port, kind, extra->attr("state"), fold_reason(why->attr("reason"))});
    for (const XmlNode* port : ports->all("port")) {
      const int id = std::stoi(port->attr("portid"));
      const XmlNode* script = nullptr;
      for (const XmlNode* s : port->all("script"))
        if (s->attr("id") == "zeroscan-probes") script = s;
      if (script) {
        for (const XmlNode* table : script->all("table")) {
          std::map<std::string, std::string> e;
          for (const XmlNode* el : table->all("elem")) e[el->attr("key")] = el->text;
          out.insert({ip, id, table->attr("key"), e["state"], fold_reason(e["reason"])});
        }
      } else {
        if (kinds.size() != 1) throw std::runtime_error("listed port without probes script");
        const XmlNode* st = port->first("state");
        out.insert({ip, id, kinds[0], st->attr("state"), fold_reason(st->attr("reason"))});
      }
    }
  }
  return out;
}

inline std::vector<std::string> split(const std::string& text, const std::string& sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = text.find(sep, start);
    out.push_back(text.substr(start, at - start));
    if (at == std::string::npos) return out;
    start = at + sep.size();
  }
}

inline std::set<Fact> facts_from_grepable(const std::string& text) {
  std::set<Fact> out;
  for (const std::string& line : lines_of(text)) {
    if (line.empty() || line[0] == '#') continue;
    std::map<std::string, std::string> fields;
    for (const std::string& f : split(line, "\t")) {
      const std::size_t colon = f.find(": ");
      fields[f.substr(0, colon)] = f.substr(colon + 2);
    }
    if (!fields.count("Probe")) continue;  // the Status line
    const std::string ip = split(fields["Host"], " ")[0];
    const std::string kind = fields["Probe"];
    if (fields.count("Ports"))
      for (const std::string& entry : split(fields["Ports"], ", ")) {
        const auto slots = split(entry, "/");
        if (slots.size() != 8) throw std::runtime_error("bad port entry " + entry);
        out.insert({ip, std::stoi(slots[0]), kind, slots[1], fold_reason(slots[6])});
      }
    if (fields.count("Ignored Ports")) {
      const auto ports = expand_ports(fields["Ignored Ports"]);
      if (fields["Ignored State"] != "filtered (" + std::to_string(ports.size()) + ")")
        throw std::runtime_error("ignored count disagrees: " + line);
      for (int port : ports) out.insert({ip, port, kind, "filtered", "no-response"});
    }
  }
  return out;
}

// RFC 4180 rows (quoted cells may hold commas, quotes and line breaks).
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(cell);
      cell.clear();
    } else if (c == '\n') {
      row.push_back(cell);
      cell.clear();
      rows.push_back(row);
      row.clear();
    } else {
      cell += c;
    }
  }
  if (!cell.empty() || !row.empty()) throw std::runtime_error("last CSV row has no line end");
  return rows;
}

inline std::string fold_probe(const std::string& probe) {
  return probe.rfind("port0-", 0) == 0 ? probe.substr(6) : probe;
}

inline std::set<Fact> facts_from_csv(const std::string& text) {
  const auto rows = parse_csv(text);
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < rows.at(0).size(); ++i) col[rows[0][i]] = i;
  std::set<Fact> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() != rows[0].size()) throw std::runtime_error("row width differs from header");
    out.insert({row[col.at("ip")], std::stoi(row[col.at("port")]), fold_probe(row[col.at("probe")]),
                row[col.at("state")], row[col.at("reason")]});
  }
  return out;
}

inline std::set<Fact> facts_from_ndjson(const std::string& text) {
  std::set<Fact> out;
  for (const std::string& line : lines_of(text)) {
    const auto j = nlohmann::json::parse(line);
    if (j["type"] != "port") continue;
    out.insert({j["ip"].get<std::string>(), j["port"].get<int>(), fold_probe(j["probe"].get<std::string>()),
                j["state"].get<std::string>(), j["reason"].get<std::string>()});
  }
  return out;
}

}  // namespace zeroscan::test
