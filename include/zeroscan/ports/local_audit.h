// Judging this machine's listening sockets against the port database: the
// pure core of "zeroscan local". Each socket becomes a Finding with a
// verdict, and the verdicts decide the exit status.
#pragma once

#include <string>
#include <vector>

#include "zeroscan/ports/port_database.h"
#include "zeroscan/ports/proc_net.h"
#include "zeroscan/ports/socket_owners.h"

namespace zeroscan::ports {

enum class Verdict : std::uint8_t {
  Expected,  // the database knows the port as an ordinary service
  Unknown,   // not in the database: find out what it is
  KnownBad,  // a known trojan/backdoor port
};
std::string_view to_string(Verdict verdict);  // "expected", "unknown", "known-bad"

struct Finding {
  SocketRecord socket;
  std::vector<ProcessInfo> owners;   // may be empty without root
  Verdict verdict = Verdict::Unknown;
  const PortEntry* entry = nullptr;  // into the database; nullptr when unknown
  bool allowed = false;              // covered by --allow: counts as expected
};

struct AuditPolicy {
  std::vector<PortRange> allowed;  // ports the admin has vetted
};

// Sorted worst first (known-bad, unknown, expected), then protocol and port.
std::vector<Finding> judge_listeners(const std::vector<SocketRecord>& sockets,
                                     const SocketOwners& owners, const PortDatabase& db,
                                     const AuditPolicy& policy);

// 0 when every socket is expected, 1 when something is worth a look.
int audit_exit_code(const std::vector<Finding>& findings);

// What to do about one finding, as short sentences. as_root tells whether a
// missing owner means "not allowed to look" or "not in this PID namespace".
std::vector<std::string> close_advice(const Finding& finding, bool as_root);

}  // namespace zeroscan::ports
