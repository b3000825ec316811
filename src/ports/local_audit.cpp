// The verdicts of "zeroscan local" and the advice for closing a port. Pure:
// sockets, owners and the database in, findings out.
#include "zeroscan/ports/local_audit.h"

#include <algorithm>

namespace zeroscan::ports {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::Expected: return "expected";
    case Verdict::Unknown: return "unknown";
    case Verdict::KnownBad: return "known-bad";
  }
  return "unknown";
}

namespace {

int severity(Verdict verdict) {
  switch (verdict) {
    case Verdict::KnownBad: return 0;
    case Verdict::Unknown: return 1;
    case Verdict::Expected: return 2;
  }
  return 2;
}

}  // namespace

std::vector<Finding> judge_listeners(const std::vector<SocketRecord>& sockets,
                                     const SocketOwners& owners, const PortDatabase& db,
                                     const AuditPolicy& policy) {
  std::vector<Finding> findings;
  for (const SocketRecord& socket : sockets) {
    Finding finding;
    finding.socket = socket;
    if (auto it = owners.find(socket.inode); it != owners.end()) finding.owners = it->second;
    finding.entry = db.find(socket.local_port, socket.protocol);
    if (!finding.entry) finding.verdict = Verdict::Unknown;
    else if (finding.entry->backdoor) finding.verdict = Verdict::KnownBad;
    else finding.verdict = Verdict::Expected;
    finding.allowed = std::any_of(policy.allowed.begin(), policy.allowed.end(),
                                  [&](PortRange r) { return r.contains(socket.local_port); });
    findings.push_back(std::move(finding));
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    const int sa = a.allowed ? 3 : severity(a.verdict), sb = b.allowed ? 3 : severity(b.verdict);
    if (sa != sb) return sa < sb;
    if (a.socket.protocol != b.socket.protocol) return a.socket.protocol < b.socket.protocol;
    if (a.socket.local_port != b.socket.local_port) return a.socket.local_port < b.socket.local_port;
    return a.socket.family < b.socket.family;
  });
  return findings;
}

int audit_exit_code(const std::vector<Finding>& findings) {
  const bool worth_a_look = std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
    return !f.allowed && f.verdict != Verdict::Expected;
  });
  return worth_a_look ? 1 : 0;
}

std::vector<std::string> close_advice(const Finding& finding, bool as_root) {
  std::vector<std::string> advice;
  const std::string port = std::to_string(finding.socket.local_port) + "/" +
                           std::string(to_string(finding.socket.protocol));
  if (finding.verdict == Verdict::KnownBad)
    advice.push_back("Treat the host as compromised until you know better: note the program's "
                     "path and keep a copy before you kill it, then look for how it got there.");
  if (finding.owners.empty() && as_root) {
    advice.push_back("No process visible here holds it (socket inode " +
                     std::to_string(finding.socket.inode) +
                     "): it may belong to another PID namespace (a container) or the kernel.");
  } else if (finding.owners.empty()) {
    advice.push_back("The owning process is not visible; run as root to see it (socket inode " +
                     std::to_string(finding.socket.inode) + ").");
  } else {
    const ProcessInfo& owner = finding.owners.front();
    if (!owner.unit.empty())
      advice.push_back("It belongs to systemd unit " + owner.unit +
                       ": 'systemctl disable --now " + owner.unit + "' stops it for good.");
    else
      advice.push_back("Stop the process ('kill " + std::to_string(owner.pid) +
                       "') and remove what starts it (package, cron job, rc script, inetd).");
  }
  if (finding.entry && !finding.entry->close.empty()) advice.push_back(finding.entry->close);
  if (finding.socket.is_loopback())
    advice.push_back("It is bound to loopback only, so other hosts cannot reach it.");
  else
    advice.push_back("If it must run, firewall " + port + " to the hosts that need it.");
  return advice;
}

}  // namespace zeroscan::ports
