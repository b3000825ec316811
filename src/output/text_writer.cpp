// Human-readable per-host report.
#include "zeroscan/output/text_writer.h"

#include <cstdio>

#include "zeroscan/output/port_list.h"

namespace zeroscan {

namespace {

std::string icmp_detail(const PortRecord& r) {
  if (!r.icmp_type) return {};
  static const char* const kUnreachCodes[] = {
      "net-unreach",  "host-unreach",    "proto-unreach", "port-unreach",
      "frag-needed",  "srcroute-failed", "net-unknown",   "host-unknown",
      "host-isolated", "net-prohibited", "host-prohibited", "net-tos",
      "host-tos",     "admin-prohibited", "precedence-violation", "precedence-cutoff"};
  std::string code = *r.icmp_type == 3 && r.icmp_code && *r.icmp_code < 16
                         ? kUnreachCodes[*r.icmp_code]
                         : "code " + std::to_string(r.icmp_code.value_or(0));
  std::string out = " (" + code + ")";
  if (r.responder != r.ip) out += " from " + r.responder.to_string();
  return out;
}

std::string reason_text(const PortRecord& r) {
  std::string out(to_string(r.reason));
  out += icmp_detail(r);
  if (r.answered) out += " ttl " + std::to_string(r.ttl);
  return out;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text + ' ';
}

}  // namespace

TextWriter::TextWriter(std::unique_ptr<OutputFile> file, PortAnnotator annotate, bool reason_column)
    : file_(std::move(file)), annotate_(std::move(annotate)), reason_column_(reason_column) {}

void TextWriter::port(const PortRecord& r) {
  if (r.probe == ProbeKind::Ack) saw_ack_ = true;
  if (!r.answered) {
    // Silence concludes after every answer, so hosts_ is complete by now.
    auto it = hosts_.find(r.ip.value);
    if (it != hosts_.end()) ++(r.probe == ProbeKind::Syn ? it->second.silent_syn : it->second.silent_ack);
    return;
  }
  Row& row = hosts_[r.ip.value].rows[r.port];
  (r.probe == ProbeKind::Syn ? row.syn : row.ack) = r;
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
  hosts_[r.ip.value].os_line = text;
}

std::string TextWriter::render_host(Ipv4 ip, const Host& host) const {
  std::string out = "\nHost " + ip.to_string() + "\n" + host.os_line;
  out += "  " + pad("PORT", 9) + pad("STATE", 10);
  if (saw_ack_) out += pad("ACK", 11);
  out += reason_column_ ? pad("SERVICE", 14) + "REASON\n" : "SERVICE\n";
  // As nmap does: a state shared by more than kFoldAbove ports (other than
  // open) is summed up in one "Not shown" line instead of listed.
  constexpr std::size_t kFoldAbove = 25;
  std::map<std::string, std::size_t> rows_per_class;
  auto row_class = [](const Row& row) {
    const PortRecord& r = row.syn ? *row.syn : *row.ack;
    return std::string(to_string(r.state)) + " (" + std::string(to_string(r.reason)) + ")";
  };
  for (const auto& entry : host.rows) ++rows_per_class[row_class(entry.second)];
  auto folded = [&](const Row& row) {
    const PortRecord& r = row.syn ? *row.syn : *row.ack;
    return r.state != PortState::Open && rows_per_class[row_class(row)] > kFoldAbove;
  };
  for (const auto& [port, row] : host.rows) {
    if (folded(row)) continue;
    const PortRecord& shown = row.syn ? *row.syn : *row.ack;
    out += "  " + pad(std::to_string(port) + "/tcp", 9);
    out += pad(row.syn ? std::string(to_string(row.syn->state)) : "-", 10);
    if (saw_ack_) out += pad(row.ack ? std::string(to_string(row.ack->state)) : "-", 11);
    const PortAnnotation about = annotate_ ? annotate_(port) : PortAnnotation{};
    const std::string service = about.service.empty() ? "unknown" : about.service;
    out += reason_column_ ? pad(service, 14) + reason_text(shown) : service;
    if (!about.warning.empty()) out += "  [!] " + about.warning;
    out += '\n';
  }
  for (const auto& [row_state, count] : rows_per_class)
    if (count > kFoldAbove && row_state.rfind("open", 0) != 0)
      out += "  Not shown: " + std::to_string(count) + " " + row_state.substr(0, row_state.find(' ')) +
             " tcp ports" + row_state.substr(row_state.find(' ')) + "\n";
  if (host.silent_syn)
    out += "  Not shown: " + std::to_string(host.silent_syn) + " filtered tcp port(s) (no-response)\n";
  if (host.silent_ack)
    out += "  Not shown: " + std::to_string(host.silent_ack) + " ACK-filtered tcp port(s) (no-response)\n";
  return out;
}

void TextWriter::firewall(const FirewallRecord& r) {
  auto& groups = rules_[r.ip.value];
  std::string rule = r.explanation + " [" + r.verdict + "]";
  if (r.syn_icmp_code || r.ack_icmp_code)
    rule += " (ICMP code " + std::to_string(r.syn_icmp_code ? *r.syn_icmp_code : *r.ack_icmp_code) + ")";
  if (r.forged_reset)
    rule += " (RST ttl " + std::to_string(r.reset_ttl) + ", host ttl " +
            std::to_string(r.host_ttl.value_or(0)) + ")";
  for (auto& [existing, ports] : groups)
    if (existing == rule) {
      ports.push_back(r.port);
      return;
    }
  groups.push_back({rule, {r.port}});
}

std::string TextWriter::render_firewall() const {
  if (rules_.empty()) return {};
  std::string out = "\nFirewall rules (SYN and ACK probes combined)\n";
  std::size_t drop_only_hosts = 0;
  for (const auto& [ip, groups] : rules_) {
    if (groups.size() == 1 && groups.front().first.find("[drop]") != std::string::npos) {
      ++drop_only_hosts;
      continue;
    }
    out += "  " + Ipv4(ip).to_string() + "\n";
    for (const auto& [rule, ports] : groups) out += "    " + pad(format_port_list(ports), 16) + rule + "\n";
  }
  if (drop_only_hosts)
    out += "  " + std::to_string(drop_only_hosts) + " host(s) drop every probed port (SYN and ACK)\n";
  return out;
}

void TextWriter::finish(const ScanSummary& s) {
  for (const auto& [ip, host] : hosts_) file_->write(render_host(Ipv4(ip), host));
  file_->write(render_firewall());
  char line[512];
  std::snprintf(line, sizeof line,
                "\nzeroscan done: %llu address(es), %zu answered; %llu open, %llu closed, "
                "%llu filtered, %llu unfiltered in %.2f s (sent %llu, matched %llu, invalid "
                "%llu, duplicates %llu, kernel drops %llu)\n",
                static_cast<unsigned long long>(s.targets), hosts_.size(),
                static_cast<unsigned long long>(s.open), static_cast<unsigned long long>(s.closed),
                static_cast<unsigned long long>(s.filtered),
                static_cast<unsigned long long>(s.unfiltered), s.elapsed_seconds,
                static_cast<unsigned long long>(s.sent), static_cast<unsigned long long>(s.matched),
                static_cast<unsigned long long>(s.invalid),
                static_cast<unsigned long long>(s.duplicates),
                static_cast<unsigned long long>(s.kernel_dropped));
  file_->write(line);
  if (s.interrupted) file_->write("(interrupted: results are partial)\n");
  file_->close();
}

}  // namespace zeroscan
