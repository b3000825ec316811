// Rendering "zeroscan local" results: a summary line, a table of every
// listening socket, then details only for what needs attention, so a cron
// mail stays short when all is well.
#include <iomanip>
#include <sstream>
#include <unistd.h>

#include "zeroscan/ports/local_cli.h"
#include "zeroscan/ports/port_cards.h"

namespace zeroscan::ports {
namespace {

std::string endpoint(const SocketRecord& socket) {
  const std::string address =
      socket.family == AddressFamily::Ipv6 ? "[" + socket.local_address + "]" : socket.local_address;
  return address + ":" + std::to_string(socket.local_port);
}

std::string process_label(const Finding& finding) {
  if (finding.owners.empty()) return "?";
  const ProcessInfo& owner = finding.owners.front();
  std::string label = owner.name + "[" + std::to_string(owner.pid) + "]";
  if (!owner.exe.empty()) label += " " + owner.exe;
  if (finding.owners.size() > 1) label += " (+" + std::to_string(finding.owners.size() - 1) + ")";
  return label;
}

std::string verdict_label(const Finding& finding) {
  return finding.allowed ? "allowed" : std::string(to_string(finding.verdict));
}

std::string what_it_is(const Finding& finding) {
  if (finding.verdict == Verdict::KnownBad) return backdoor_warning(*finding.entry) + ".";
  if (finding.entry) return finding.entry->about;
  return "Not in zeroscan's port database: find out which program this is and whether it "
         "should be listening. " + describe_class(class_of(finding.socket.local_port));
}

}  // namespace

void write_local_report(std::ostream& out, const std::vector<Finding>& findings, bool as_root) {
  std::size_t counts[3] = {};
  for (const Finding& f : findings)
    if (!f.allowed) ++counts[static_cast<int>(f.verdict)];
  out << "zeroscan local: " << findings.size() << " listening sockets: "
      << counts[int(Verdict::KnownBad)] << " known-bad, " << counts[int(Verdict::Unknown)]
      << " unknown, " << counts[int(Verdict::Expected)] << " expected\n";
  if (!as_root) out << "(not root: processes of other users are not shown)\n";
  if (findings.empty()) return;
  out << '\n'
      << std::left << std::setw(10) << "VERDICT" << std::setw(6) << "PROTO" << std::setw(28)
      << "ADDRESS" << std::setw(18) << "SERVICE" << "PROCESS\n";
  for (const Finding& f : findings)
    out << std::setw(10) << verdict_label(f) << std::setw(6) << to_string(f.socket.protocol)
        << std::setw(28) << endpoint(f.socket) << std::setw(18)
        << (f.entry ? f.entry->service : "-") << process_label(f) << '\n';
  for (const Finding& f : findings) {
    if (f.allowed || f.verdict == Verdict::Expected) continue;
    out << '\n'
        << to_string(f.socket.protocol) << " " << endpoint(f.socket) << ": " << to_string(f.verdict)
        << '\n';
    out << "  what:  " << wrap_text(what_it_is(f), 9) << '\n';
    for (const std::string& step : close_advice(f, as_root)) out << "  close: " << wrap_text(step, 9) << '\n';
  }
}

nlohmann::json local_report_json(const std::vector<Finding>& findings, bool as_root) {
  nlohmann::json sockets = nlohmann::json::array();
  std::size_t counts[3] = {};
  for (const Finding& f : findings) {
    if (!f.allowed) ++counts[static_cast<int>(f.verdict)];
    nlohmann::json processes = nlohmann::json::array();
    for (const ProcessInfo& p : f.owners)
      processes.push_back({{"pid", p.pid}, {"name", p.name}, {"exe", p.exe}, {"unit", p.unit}});
    nlohmann::json j = {
        {"protocol", to_string(f.socket.protocol)},
        {"family", f.socket.family == AddressFamily::Ipv4 ? "ipv4" : "ipv6"},
        {"address", f.socket.local_address},
        {"port", f.socket.local_port},
        {"loopback_only", f.socket.is_loopback()},
        {"uid", f.socket.uid},
        {"verdict", to_string(f.verdict)},
        {"allowed", f.allowed},
        {"class", to_string(class_of(f.socket.local_port))},
        {"service", f.entry ? nlohmann::json(f.entry->service) : nlohmann::json(nullptr)},
        {"risk", f.entry ? nlohmann::json(to_string(f.entry->risk)) : nlohmann::json(nullptr)},
        {"about", what_it_is(f)},
        {"processes", processes},
        {"close", close_advice(f, as_root)},
    };
    if (f.entry && f.entry->backdoor) j["warning"] = backdoor_warning(*f.entry);
    sockets.push_back(std::move(j));
  }
  return {{"summary",
           {{"listening", findings.size()},
            {"known_bad", counts[int(Verdict::KnownBad)]},
            {"unknown", counts[int(Verdict::Unknown)]},
            {"expected", counts[int(Verdict::Expected)]},
            {"as_root", as_root},
            {"exit_status", audit_exit_code(findings)}}},
          {"sockets", sockets}};
}

}  // namespace zeroscan::ports
