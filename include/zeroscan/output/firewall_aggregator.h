// FirewallAggregator: a ResultSink in front of the real outputs for scans
// that probe with both SYN and ACK. It passes every port record straight
// on, keeps a 24-byte digest of each, and when the scan finishes pairs the
// SYN and ACK outcome of every (address, port) into a FirewallRecord
// (classify/firewall_verdict.h), judging forged resets against each host's
// own SYN-ACKs. Records arrive in random order; the digests go through a
// SortedSpool, so memory stays bounded (one run of digests) and verdicts
// are made however large the scan.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "zeroscan/output/result_sink.h"
#include "zeroscan/output/sorted_spool.h"

namespace zeroscan {

class FirewallAggregator : public ResultSink {
 public:
  // `run_size`: digests kept in memory before a sorted run is spooled to
  // a temporary file.
  explicit FirewallAggregator(ResultSink& inner, std::size_t run_size = std::size_t(1) << 20);

  void port(const PortRecord& record) override;
  void host(const HostRecord& record) override { inner_.host(record); }
  void host_up(const HostUpRecord& record) override { inner_.host_up(record); }
  void finish(const ScanSummary& summary) override;
  std::string error() const override { return inner_.error().empty() ? digests_.error() : inner_.error(); }

 private:
  struct Digest {
    IpAddress ip;
    std::uint16_t port;
    std::uint8_t kind;
    std::uint8_t state;
    std::uint8_t reason;
    std::uint8_t ttl;
    std::uint8_t flags;      // bit 0 df, 1 ip_id zero, 2 icmp, 3 reset
    std::uint8_t icmp_code;
  };
  static_assert(sizeof(Digest) == 24, "digest stays compact");
  struct Order {
    bool operator()(const Digest& a, const Digest& b) const {
      return a.ip != b.ip ? a.ip < b.ip : a.port != b.port ? a.port < b.port : a.kind < b.kind;
    }
  };
  void emit_host(const Digest* first, const Digest* last);

  ResultSink& inner_;
  SortedSpool<Digest, Order> digests_;
};

}  // namespace zeroscan
