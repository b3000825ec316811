// Human-readable per-host report.
#include "zeroscan/output/text_writer.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <optional>

#include "zeroscan/classify/icmpv6_error.h"
#include "zeroscan/output/fold_rule.h"
#include "zeroscan/output/port_list.h"
#include "zeroscan/output/port_reason.h"
#include "zeroscan/output/record_text.h"

namespace zeroscan {

namespace {

constexpr const char* kUnreachCodes[] = {
    "net-unreach",  "host-unreach",    "proto-unreach", "port-unreach",
    "frag-needed",  "srcroute-failed", "net-unknown",   "host-unknown",
    "host-isolated", "net-prohibited", "host-prohibited", "net-tos",
    "host-tos",     "admin-prohibited", "precedence-violation", "precedence-cutoff"};

// The name of a destination-unreachable code in the entry's family
// (ICMP type 3, ICMPv6 type 1); empty for other types and unnamed codes.
std::string_view unreach_code_text(const PortEntry& e) {
  if (e.ip.is_v6())
    return e.icmp_type == 1 && icmpv6_unreachable_reason(e.icmp_code) != to_string(StateReason::IcmpUnreachable)
               ? icmpv6_unreachable_reason(e.icmp_code)
               : std::string_view();
  return e.icmp_type == 3 && e.icmp_code < 16 ? kUnreachCodes[e.icmp_code] : std::string_view();
}

// `text` left-aligned in `width` columns, then one space.
void append_padded(std::string& out, std::string_view text, std::size_t width) {
  out += text;
  if (text.size() < width) out.append(width - text.size(), ' ');
  out += ' ';
}

// "reset ttl 64", "icmp-unreach (admin-prohibited) from 198.19.0.2 ttl 63".
void append_reason(std::string& out, const PortEntry& e) {
  out += to_string(e.reason);
  if (e.has_icmp) {
    out += " (";
    if (const std::string_view name = unreach_code_text(e); !name.empty()) {
      out += name;
    } else {
      out += "code ";
      append_number(out, unsigned(e.icmp_code));
    }
    out += ')';
    if (e.responder != e.ip) {
      out += " from ";
      append_ip(out, e.responder);
    }
  }
  if (e.answered) {
    out += " ttl ";
    append_number(out, unsigned(e.ttl));
  }
}

// The closing line: hosts up for a discovery (-sn), else answered hosts and
// port states; then the counters every report ends with.
std::string done_line(const ScanSummary& s, std::size_t answered) {
  using ull = unsigned long long;
  char what[256], counters[256];
  if (s.host_discovery)
    std::snprintf(what, sizeof what, "%llu address(es), %llu host(s) up", ull(s.targets), ull(s.hosts_up));
  else
    std::snprintf(what, sizeof what, "%llu address(es), %zu answered; %llu open, %llu closed, %llu filtered, %llu unfiltered",
                  ull(s.targets), answered, ull(s.open), ull(s.closed), ull(s.filtered), ull(s.unfiltered));
  std::snprintf(counters, sizeof counters,
                " in %.2f s (sent %llu, matched %llu, invalid %llu, duplicates %llu, kernel drops %llu)\n",
                s.elapsed_seconds, ull(s.sent), ull(s.matched), ull(s.invalid), ull(s.duplicates),
                ull(s.kernel_dropped));
  return std::string("\nzeroscan done: ") + what + counters;
}

// Rows fold (output/fold_rule.h) by the (state, reason) of their first probe.
constexpr int kStates = 5, kReasons = kStateReasonCount;

}  // namespace

TextWriter::TextWriter(std::unique_ptr<OutputFile> file, PortAnnotator annotate, bool reason_column,
                       std::size_t spool_run_size)
    : file_(std::move(file)),
      annotations_(std::move(annotate)),
      table_(spool_run_size),
      verdicts_(spool_run_size),
      reason_column_(reason_column) {}

void TextWriter::port(const PortRecord& r) {
  if (r.probe == ProbeKind::Ack) saw_ack_ = true;
  if (!r.answered) {
    // Silence concludes after every answer, so silent_ knows every
    // answering host by now.
    auto it = silent_.find(r.ip);
    if (it != silent_.end()) ++(r.probe == ProbeKind::Syn ? it->second.syn : it->second.ack);
    return;
  }
  silent_.try_emplace(r.ip);
  table_.add(r);
}

void TextWriter::host(const HostRecord& r) {
  char line[256];
  if (r.known)
    std::snprintf(line, sizeof line, "  OS: %s (%.0f%%): %s", r.best.family.c_str(), r.family_score * 100,
                  r.best.label.c_str());
  else
    std::snprintf(line, sizeof line, "  OS: unknown (best guess %s, %.0f%%)", r.best.family.c_str(),
                  r.family_score * 100);
  std::string text = line;
  if (r.distance) text += ", " + std::to_string(*r.distance) + " hop(s) away";
  text += '\n';
  if (!r.evidence.empty()) {
    text += "  OS evidence:";
    for (const std::string& item : r.evidence) text += " " + item;
    text += '\n';
  }
  if (!r.known) text += "  Observed (name it and add it to fingerprints/): " + r.observed_entry + "\n";
  os_lines_[r.ip] = text;
}

void TextWriter::render_row(std::uint16_t port, const PortEntry* syn, const PortEntry* ack) {
  const PortEntry& shown = syn ? *syn : *ack;
  char number[8];
  const auto end = std::to_chars(number, number + sizeof number, port).ptr;
  std::string_view port_text(number, std::size_t(end - number));
  out_ += "  ";
  out_ += port_text;
  out_ += "/tcp";
  const std::size_t used = port_text.size() + 4;
  out_.append(used < 9 ? 9 - used : 0, ' ');
  out_ += ' ';
  append_padded(out_, syn ? to_string(syn->state) : "-", 10);
  if (saw_ack_) append_padded(out_, ack ? to_string(ack->state) : "-", 11);
  const PortAnnotation* about = annotations_.get(port);
  const std::string_view service =
      about && !about->service.empty() ? std::string_view(about->service) : "unknown";
  if (reason_column_) {
    append_padded(out_, service, 14);
    append_reason(out_, shown);
  } else {
    out_ += service;
  }
  if (about && !about->warning.empty()) {
    out_ += "  [!] ";
    out_ += about->warning;
  }
  out_ += '\n';
}

void TextWriter::render_host(IpAddress ip, const PortEntry* first, const PortEntry* last) {
  out_.clear();
  out_ += "\nHost ";
  append_ip(out_, ip);
  out_ += '\n';
  if (auto os = os_lines_.find(ip); os != os_lines_.end()) out_ += os->second;
  out_ += "  ";
  append_padded(out_, "PORT", 9);
  append_padded(out_, "STATE", 10);
  if (saw_ack_) append_padded(out_, "ACK", 11);
  if (reason_column_) {
    append_padded(out_, "SERVICE", 14);
    out_ += "REASON\n";
  } else {
    out_ += "SERVICE\n";
  }

  // Entries are sorted by (port, probe): one row per port, SYN first.
  auto row_end = [last](const PortEntry* p) {
    const PortEntry* q = p;
    while (q != last && q->port == p->port) ++q;
    return q;
  };
  auto shown = [](const PortEntry* p, const PortEntry* q) {
    for (const PortEntry* e = p; e != q; ++e)
      if (e->probe == ProbeKind::Syn) return e;
    return p;
  };
  std::size_t rows_per_class[kStates][kReasons] = {};
  for (const PortEntry* p = first; p != last;) {
    const PortEntry* q = row_end(p);
    const PortEntry* s = shown(p, q);
    ++rows_per_class[int(s->state)][int(s->reason)];
    p = q;
  }
  auto folded = [&](const PortEntry& e) {
    return folds(e.state, rows_per_class[int(e.state)][int(e.reason)]);
  };
  for (const PortEntry* p = first; p != last;) {
    const PortEntry* q = row_end(p);
    const PortEntry* syn = nullptr;
    const PortEntry* ack = nullptr;
    for (const PortEntry* e = p; e != q; ++e) (e->probe == ProbeKind::Syn ? syn : ack) = e;
    if (!folded(*shown(p, q))) render_row(p->port, syn, ack);
    p = q;
  }
  // "Not shown" lines in the order of their "state (reason)" text.
  std::vector<std::pair<std::string, std::size_t>> fold_lines;
  for (int state = 0; state < kStates; ++state)
    for (int reason = 0; reason < kReasons; ++reason)
      if (folds(PortState(state), rows_per_class[state][reason]))
        fold_lines.emplace_back(std::string(to_string(PortState(state))) + " (" +
                               std::string(to_string(StateReason(reason))) + ")",
                           rows_per_class[state][reason]);
  std::sort(fold_lines.begin(), fold_lines.end());
  for (const auto& [state_reason, count] : fold_lines) {
    const std::size_t space = state_reason.find(' ');
    out_ += "  Not shown: ";
    append_number(out_, count);
    out_ += ' ';
    out_.append(state_reason, 0, space);
    out_ += " tcp ports";
    out_.append(state_reason, space);
    out_ += '\n';
  }
  const Silence silence = silent_.count(ip) ? silent_.at(ip) : Silence{};
  if (silence.syn) {
    out_ += "  Not shown: ";
    append_number(out_, silence.syn);
    out_ += " filtered tcp port(s) (no-response)\n";
  }
  if (silence.ack) {
    out_ += "  Not shown: ";
    append_number(out_, silence.ack);
    out_ += " ACK-filtered tcp port(s) (no-response)\n";
  }
  file_->write(out_);
}

void TextWriter::firewall(const FirewallRecord& r) { verdicts_.add(r); }

void TextWriter::render_hosts_up() {
  hosts_up_.for_each([&](const HostUpRecord& host) {
    out_.clear();
    out_ += "\nHost ";
    append_ip(out_, host.ip);
    out_ += " is up (";
    out_ += report_reason(host);
    if (host.answered) {
      out_ += " ttl ";
      append_number(out_, unsigned(host.ttl));
    }
    out_ += ")\n";
    file_->write(out_);
  });
}

std::string TextWriter::error() const {
  if (!file_->error().empty()) return file_->error();
  return table_.error().empty() ? verdicts_.error() : table_.error();
}

std::string TextWriter::rule_text(const VerdictEntry& e) const {
  const VerdictTable::Texts& texts = verdicts_.texts(e);
  std::string rule = texts.explanation + " [" + texts.verdict + "]";
  if (e.has_icmp) rule += " (ICMP code " + std::to_string(e.icmp_code) + ")";
  if (e.forged_reset)
    rule += " (RST ttl " + std::to_string(e.reset_ttl) + ", host ttl " + std::to_string(e.host_ttl) + ")";
  return rule;
}

void TextWriter::render_firewall() {
  if (verdicts_.empty()) return;
  file_->write("\nFirewall rules (SYN and ACK probes combined)\n");
  std::size_t drop_only_hosts = 0;
  // One host at a time: its rules in the order their first verdict came.
  verdicts_.for_each_host([&](IpAddress ip, const VerdictEntry* first, const VerdictEntry* last) {
    struct Rule {
      std::uint32_t first_arrival;
      std::string text;
      std::vector<std::uint16_t> ports;
    };
    std::vector<Rule> rules;
    for (const VerdictEntry* e = first; e != last; ++e) {
      std::string text = rule_text(*e);
      auto same = std::find_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.text == text; });
      if (same == rules.end()) {
        rules.push_back(Rule{e->arrival, std::move(text), {e->port}});
      } else {
        same->first_arrival = std::min(same->first_arrival, e->arrival);
        same->ports.push_back(e->port);
      }
    }
    std::sort(rules.begin(), rules.end(),
              [](const Rule& a, const Rule& b) { return a.first_arrival < b.first_arrival; });
    if (rules.size() == 1 && rules.front().text.find("[drop]") != std::string::npos) {
      ++drop_only_hosts;
      return;
    }
    std::string out = "  " + ip.to_string() + "\n";
    for (const Rule& rule : rules) {
      out += "    ";
      append_padded(out, format_port_list(rule.ports), 16);
      out += rule.text + "\n";
    }
    file_->write(out);
  });
  if (drop_only_hosts)
    file_->write("  " + std::to_string(drop_only_hosts) + " host(s) drop every probed port (SYN and ACK)\n");
}

void TextWriter::finish(const ScanSummary& s) {
  // Hosts in address order: the answering ones from the table, and any
  // host with only an OS line (none in practice) in between.
  std::size_t answered = 0;
  auto os_only = os_lines_.begin();
  auto render_os_only_below = [&](std::optional<IpAddress> bound) {  // nullopt: all the rest
    for (; os_only != os_lines_.end() && (!bound || os_only->first < *bound); ++os_only)
      if (!silent_.count(os_only->first)) {
        render_host(os_only->first, nullptr, nullptr);
        ++answered;
      }
  };
  table_.for_each_host([&](const HostEntries& host) {
    render_os_only_below(host.ip);
    render_host(host.ip, host.first, host.last);
    ++answered;
  });
  render_os_only_below(std::nullopt);
  render_hosts_up();
  render_firewall();
  file_->write(done_line(s, answered));
  if (s.results_lost) {
    char line[160];
    std::snprintf(line, sizeof line,
                  "(%llu answer(s) lost: the output thread fell behind; states above are incomplete)\n",
                  static_cast<unsigned long long>(s.results_lost));
    file_->write(line);
  }
  if (s.interrupted) file_->write("(interrupted: results are partial)\n");
  file_->close();
}

}  // namespace zeroscan
