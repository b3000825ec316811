// RstGuard: while it lives, this machine's kernel does not answer the
// targets' SYN-ACKs with RSTs, so the targets retransmit them and their
// retransmission timeouts can be measured (--os-rto). It installs an
// nftables table of zeroscan's own (named after our PID) that drops our
// outgoing RSTs from the scan's source ports, and deletes it on
// destruction — also when the scan ends by Ctrl-C or an error, since those
// unwind through here. Tables left by a killed zeroscan (dead PID) are
// removed at start.
#pragma once

#include <cstdint>
#include <string>

#include "zeroscan/core/ipv4.h"

namespace zeroscan {

// The nft script for the table (pure, for tests).
std::string rst_guard_ruleset(const std::string& table, Ipv4 source, std::uint16_t first_port,
                              std::uint16_t last_port);

class RstGuard {
 public:
  // Throws SystemError when nft is missing or refuses.
  RstGuard(Ipv4 source, std::uint16_t first_port, std::uint16_t last_port);
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
