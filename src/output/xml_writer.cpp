// nmap-compatible XML report: document layout and per-host rendering.
#include "zeroscan/output/xml_writer.h"

#include <cstdio>
#include <vector>

#include "zeroscan/output/fold_rule.h"
#include "zeroscan/output/port_list.h"
#include "zeroscan/output/port_reason.h"
#include "zeroscan/output/record_text.h"

namespace zeroscan {

namespace {

// Our own number for the format we write; nmap's current one is 1.05 and
// ours follows its element set.
constexpr const char* kXmlOutputVersion = "1.05";

// ` name="value"` appended to `out`: per listed port, so no temporaries.
void append_attr(std::string& out, const char* name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  append_xml_escaped(out, value);
  out += '"';
}

void append_attr(std::string& out, const char* name, std::uint64_t value) {
  out += ' ';
  out += name;
  out += "=\"";
  append_number(out, value);
  out += '"';
}

// The same as a string, for the once-per-report parts.
template <typename Value>
std::string attr(const char* name, const Value& value) {
  std::string out;
  append_attr(out, name, value);
  return out;
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", seconds);
  return text;
}

std::string coverage_text(const ScanSummary& s) {
  char text[96];
  std::snprintf(text, sizeof text, "%llu/%llu probes (%.2f%%)",
                static_cast<unsigned long long>(s.covered),
                static_cast<unsigned long long>(s.space_size),
                s.space_size ? 100.0 * double(s.covered) / double(s.space_size) : 0.0);
  return text;
}

// How many ports "22,80-82" names (4). The list may come from a file merge
// read back, so anything malformed counts as nothing rather than throwing.
std::uint64_t count_listed_ports(const std::string& list) {
  std::uint64_t total = 0;
  std::size_t i = 0;
  while (i < list.size()) {
    std::size_t end = list.find(',', i);
    if (end == std::string::npos) end = list.size();
    unsigned long lo = 0, hi = 0;
    char tail = 0;
    const std::string item = list.substr(i, end - i);
    const int n = std::sscanf(item.c_str(), "%lu-%lu%c", &lo, &hi, &tail);
    if (n == 1) total += 1;
    if (n == 2 && hi >= lo) total += hi - lo + 1;
    i = end + 1;
  }
  return total;
}

void append_elem(std::string& out, const char* key, std::string_view value) {
  out += "<elem";
  append_attr(out, "key", key);
  out += '>';
  append_xml_escaped(out, value);
  out += "</elem>";
}

std::string elem(const char* key, std::string_view value) {
  std::string out;
  append_elem(out, key, value);
  return out;
}

// The scan's identity where nmap's DTD has room for it: a prescript
// "script" with one elem per field (seed, shard, coverage, configuration).
std::string scan_identity(const ScanSummary& s) {
  const std::string shard = std::to_string(s.shard_index) + "/" + std::to_string(s.shard_count);
  std::string out = "<prescript><script id=\"zeroscan-scan\"";
  out += attr("output", "seed " + std::to_string(s.seed) + ", shard " + shard + ", coverage " +
                            coverage_text(s) +
                            (s.merged_from ? ", merged from " + std::to_string(s.merged_from) +
                                                 " shard outputs"
                                           : std::string()));
  out += ">";
  out += elem("seed", std::to_string(s.seed));
  out += elem("shard", shard);
  out += elem("space_size", std::to_string(s.space_size));
  out += elem("covered", std::to_string(s.covered));
  out += elem("merged_from", std::to_string(s.merged_from));
  out += elem("targets", s.config.targets);
  out += elem("ports", s.config.ports);
  out += elem("probes", s.config.probes);
  out += elem("rate", seconds_text(s.config.rate));
  out += elem("retries", std::to_string(s.config.retries));
  out += elem("wait", seconds_text(s.config.wait_seconds));
  out += elem("ttl", std::to_string(s.config.ttl));
  out += elem("responders_only", s.config.responders_only ? "true" : "false");
  out += elem("open_only", s.config.open_only ? "true" : "false");
  out += "</script></prescript>\n";
  return out;
}

// nmap's addrtype attribute: "ipv4" or "ipv6".
std::string_view address_type(IpAddress ip) { return ip.is_v6() ? "ipv6" : "ipv4"; }

void append_state_element(std::string& out, const PortEntry& e, IpAddress host) {
  out += "<state";
  append_attr(out, "state", to_string(e.state));
  append_attr(out, "reason", report_reason(e));
  append_attr(out, "reason_ttl", e.answered ? e.ttl : 0);
  if (e.answered && e.responder != host) {
    out += " reason_ip=\"";
    append_ip(out, e.responder);
    out += '"';
  }
  out += "/>";
}

// Both probe kinds of one port, for SYN+ACK scans: nmap's <port> holds one
// <state>, so the full picture goes into a script element (the DTD's
// extension point; ndiff compares script output too). `text` and `tables`
// are the caller's scratch buffers.
void append_probes_script(std::string& out, const PortEntry* first, const PortEntry* last,
                          const std::string* verdict, std::string& text, std::string& tables) {
  text.clear();
  tables.clear();
  for (const PortEntry* e = first; e != last; ++e) {
    const std::string_view kind = to_string(e->probe), reason = report_reason(*e);
    if (!text.empty()) text += "; ";
    text += kind;
    text += ": ";
    text += to_string(e->state);
    text += " (";
    text += reason;
    if (e->answered) {
      text += ", ttl ";
      append_number(text, e->ttl);
    }
    text += ')';
    tables += "<table";
    append_attr(tables, "key", kind);
    tables += '>';
    append_elem(tables, "state", to_string(e->state));
    append_elem(tables, "reason", reason);
    tables += "<elem key=\"reason_ttl\">";
    append_number(tables, e->answered ? e->ttl : 0);
    tables += "</elem></table>";
  }
  if (verdict) {
    text += "; verdict: ";
    text += *verdict;
    append_elem(tables, "verdict", *verdict);
  }
  out += "<script id=\"zeroscan-probes\"";
  append_attr(out, "output", text);
  out += '>';
  out += tables;
  out += "</script>";
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_xml_escaped(out, text);
  return out;
}

void append_xml_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids most control characters even as references; a
        // stray one in a target spec becomes a visible placeholder.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
          out += '?';
        else
          out += c;
    }
  }
}

XmlWriter::XmlWriter(std::unique_ptr<OutputFile> file, PortAnnotator annotate, std::size_t spool_run_size)
    : file_(std::move(file)), annotate_(std::move(annotate)), table_(spool_run_size), verdicts_(spool_run_size) {}

void XmlWriter::port(const PortRecord& record) { table_.add(record); }

void XmlWriter::firewall(const FirewallRecord& record) { verdicts_.add(record); }

std::string XmlWriter::error() const {
  if (!file_->error().empty()) return file_->error();
  return table_.error().empty() ? verdicts_.error() : table_.error();
}

void XmlWriter::host(const HostRecord& r) {
  // nmap's shape: one <osmatch> per candidate with its accuracy in percent,
  // each with an <osclass> naming the family and device type.
  auto match = [](const OsGuess& g) {
    const int accuracy = int(g.score * 100 + 0.5);
    return "<osmatch" + attr("name", g.label) + attr("accuracy", accuracy) + attr("line", 0) + ">" +
           "<osclass" + attr("type", g.device) + attr("vendor", g.family) + attr("osfamily", g.family) +
           attr("accuracy", accuracy) + "/></osmatch>\n";
  };
  std::string out = "<os>\n";
  if (r.known) out += match(r.best);
  for (const OsGuess& alternative : r.alternatives) out += match(alternative);
  out += "</os>\n";
  if (r.distance) out += "<distance" + attr("value", *r.distance) + "/>\n";
  os_elements_[r.ip] = out;
}

void XmlWriter::finish(const ScanSummary& s) {
  const std::vector<ProbeKind> kinds = scan_kinds(s, table_.kinds_seen());
  const bool combined = kinds.size() > 1;

  // Header. scanner="nmap" is the only value nmap.dtd allows: it names the
  // document format; profile_name and args say that zeroscan wrote it.
  std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE nmaprun>\n<nmaprun";
  head += attr("scanner", "nmap");
  head += attr("args", s.args.empty() ? std::string("zeroscan") : s.args);
  if (s.start_unix) {
    head += attr("start", std::to_string(s.start_unix));
    head += attr("startstr", wall_time_text(s.start_unix));
  }
  head += attr("version", s.version.empty() ? std::string("unknown") : s.version);
  head += attr("profile_name", "zeroscan");
  head += attr("xmloutputversion", kXmlOutputVersion);
  head += ">\n";
  std::string services = s.config.ports;
  std::uint64_t numservices = s.ports;
  if (services.empty()) {
    // Only summaries without a config (hand-made ones) get here.
    std::vector<bool> seen(65536, false);
    table_.for_each_host([&](const HostEntries& h) {
      for (const PortEntry* e = h.first; e != h.last; ++e) seen[e->port] = true;
    });
    std::vector<std::uint16_t> ports;
    for (std::size_t port = 0; port < seen.size(); ++port)
      if (seen[port]) ports.push_back(std::uint16_t(port));
    services = format_port_list(ports);
  }
  if (numservices == 0) numservices = count_listed_ports(services);
  for (ProbeKind kind : kinds)
    head += "<scaninfo" + attr("type", to_string(kind)) + attr("protocol", "tcp") +
            attr("numservices", numservices) + attr("services", services) + "/>\n";
  head += "<verbose level=\"0\"/>\n<debugging level=\"0\"/>\n";
  head += scan_identity(s);
  file_->write(head);

  std::uint64_t up = 0, listed_hosts = 0;
  VerdictTable::HostReader host_verdicts = verdicts_.reader();
  // Reused for every host: once warm, a listed port costs no allocation (its
  // elements are appended piece by piece, never built as strings).
  std::string out, listed, script_text, script_tables;
  table_.for_each_host([&](const HostEntries& host) {
    ++listed_hosts;
    // Sorted by (port, arrival) like the entries by port: walked in step.
    const std::vector<VerdictEntry>& verdicts = host_verdicts.of(host.ip);
    auto verdict = verdicts.begin();
    const IpAddress ip = host.ip;
    // Host status: up when the host itself answered; the reason is the
    // best such answer, as nmap reports how it found a host.
    const PortEntry* evidence = host.up_evidence();
    if (evidence) ++up;
    out.assign("<host><status");
    append_attr(out, "state", evidence ? "up" : "down");
    append_attr(out, "reason", evidence ? report_reason(*evidence) : std::string_view("no-response"));
    append_attr(out, "reason_ttl", evidence ? evidence->ttl : 0);
    out += "/>\n<address addr=\"";
    append_ip(out, ip);
    out += "\" addrtype=\"";
    out += address_type(ip);
    out += "\"/>\n";

    // Which ports nmap would fold into <extraports>: a port whose every
    // probe kind of the scan ended in one (state, reason), in a state other
    // than open that holds enough such ports on this host (fold_rule.h).
    // The port lists go into extrareasons' ports attribute, as nmap 7.9x
    // writes them, so nothing is lost.
    auto foldable = [&](const PortEntry* p, const PortEntry* q) {
      if (std::size_t(q - p) != kinds.size() || p->state == PortState::Open) return false;
      for (const PortEntry* e = p; e != q; ++e)
        if (e->state != p->state || e->reason != p->reason) return false;
      return true;
    };
    std::map<PortState, std::size_t> fold_count;
    for (const PortEntry* p = host.first; p != host.last;) {
      const PortEntry* q = p;
      while (q != host.last && q->port == p->port) ++q;
      if (foldable(p, q)) ++fold_count[p->state];
      p = q;
    }
    // state -> reason -> ports
    std::map<PortState, std::map<std::string_view, std::vector<std::uint16_t>>> extra;
    listed.clear();
    for (const PortEntry* p = host.first; p != host.last;) {
      const PortEntry* q = p;
      while (q != host.last && q->port == p->port) ++q;
      if (foldable(p, q) && folds(p->state, fold_count[p->state])) {
        extra[p->state][report_reason(*p)].push_back(p->port);
      } else {
        listed += "<port protocol=\"tcp\" portid=\"";
        append_number(listed, p->port);
        listed += "\">";
        append_state_element(listed, *p, ip);  // SYN when the port has one (entries sort SYN first)
        if (annotate_) {
          const PortAnnotation annotation = annotate_(p->port);
          if (!annotation.service.empty()) {
            listed += "<service";
            append_attr(listed, "name", annotation.service);
            listed += " method=\"table\" conf=\"3\"/>";
          }
        }
        if (combined) {
          // The last verdict given for the port counts, as before.
          const VerdictEntry* found = nullptr;
          for (; verdict != verdicts.end() && verdict->port <= p->port; ++verdict)
            if (verdict->port == p->port) found = &*verdict;
          append_probes_script(listed, p, q, found ? &verdicts_.texts(*found).verdict : nullptr, script_text,
                               script_tables);
        }
        listed += "</port>\n";
      }
      p = q;
    }
    out += "<ports>";
    for (const auto& [state, reasons] : extra) {
      out += "<extraports" + attr("state", to_string(state)) + attr("count", fold_count[state]) + ">\n";
      for (const auto& [reason, ports] : reasons)
        out += "<extrareasons" + attr("reason", reason) + attr("count", ports.size()) +
               attr("proto", "tcp") + attr("ports", format_port_list(ports)) + "/>\n";
      out += "</extraports>\n";
    }
    out += listed + "</ports>\n";
    if (auto os = os_elements_.find(host.ip); os != os_elements_.end()) out += os->second;
    out += "</host>\n";
    file_->write(out);  // one call per host: a host is whole or absent
  });

  hosts_up_.for_each([&](const HostUpRecord& host) {
    ++listed_hosts;
    ++up;
    file_->write("<host><status" + attr("state", "up") + attr("reason", report_reason(host)) +
                 attr("reason_ttl", host.ttl) + "/>\n<address" + attr("addr", host.ip.to_string()) +
                 attr("addrtype", address_type(host.ip)) + "/>\n<hostnames>\n</hostnames>\n</host>\n");
  });

  const std::uint64_t total = std::max<std::uint64_t>(s.targets, listed_hosts);
  const std::int64_t end_time = s.start_unix + std::int64_t(s.elapsed_seconds);
  std::string tail = "<runstats><finished";
  tail += attr("time", std::to_string(end_time));
  if (s.start_unix) tail += attr("timestr", wall_time_text(end_time));
  tail += attr("elapsed", seconds_text(s.elapsed_seconds));
  tail += attr("summary", "zeroscan done: " + std::to_string(total) + " IP address(es) (" +
                              std::to_string(up) + " host(s) up) scanned in " +
                              seconds_text(s.elapsed_seconds) + " seconds");
  tail += attr("exit", s.interrupted ? "error" : "success");
  if (s.interrupted) tail += attr("errormsg", "interrupted: results are partial");
  tail += "/><hosts" + attr("up", up) + attr("down", total - up) + attr("total", total) +
          "/></runstats>\n";
  // The closing tag is the completeness mark: written only when every byte
  // before it was accepted, so a truncated report never ends like a whole one.
  if (error().empty()) file_->write(tail + "</nmaprun>\n");
  file_->close();
}

}  // namespace zeroscan
