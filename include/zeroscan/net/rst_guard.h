// RstGuard: while it lives, this machine's kernel does not answer the
// targets' SYN-ACKs with RSTs, so the targets retransmit them and their
// retransmission timeouts can be measured (--os-rto). It installs an
// nftables table of zeroscan's own (named after our PID) that drops our
// outgoing RSTs from the scan's source ports (from the IPv4 source, the
// IPv6 source, or both: the table is `inet`), and deletes it on
// destruction — also when the scan ends by Ctrl-C or an error, since those
// unwind through here. Tables left by a killed zeroscan (dead PID) are
// removed at start.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/ipv6.h"

namespace zeroscan {

// The scan's own addresses: one per family it scans.
struct RstGuardSources {
  std::optional<Ipv4> v4;
  std::optional<Ipv6> v6;
};

// The nft script for the table (pure, for tests): one drop rule per source.
std::string rst_guard_ruleset(const std::string& table, const RstGuardSources& sources,
                              std::uint16_t first_port, std::uint16_t last_port);

class RstGuard {
 public:
  // Throws SystemError when nft is missing or refuses.
  RstGuard(const RstGuardSources& sources, std::uint16_t first_port, std::uint16_t last_port);
  ~RstGuard();
  RstGuard(const RstGuard&) = delete;
  RstGuard& operator=(const RstGuard&) = delete;
  const std::string& table() const { return table_; }

 private:
  std::string table_;
};

// Runs `nft -f -` with `script` on stdin; returns nft's exit status and
// puts its stderr in `error`.
int run_nft(const std::string& script, std::string& error);

}  // namespace zeroscan
