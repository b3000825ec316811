// FirewallAggregator: a ResultSink in front of the real outputs for scans
// that probe with both SYN and ACK. It passes every port record straight
// on, keeps a 12-byte digest of each, and when the scan finishes pairs the
// SYN and ACK outcome of every (address, port) into a FirewallRecord
// (classify/firewall_verdict.h), judging forged resets against each host's
// own SYN-ACKs. Records arrive in random order, hence the sort at the end.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "zeroscan/output/result_sink.h"

namespace zeroscan {

class FirewallAggregator : public ResultSink {
 public:
  // Digests beyond `max_digests` (12 bytes each) are not kept and no
  // verdicts are made: firewall mapping is for networks, not the Internet.
  explicit FirewallAggregator(ResultSink& inner, std::size_t max_digests = std::size_t(1) << 24);

  void port(const PortRecord& record) override;
  void host(const HostRecord& record) override { inner_.host(record); }
  void finish(const ScanSummary& summary) override;
  std::string error() const override { return inner_.error(); }
  bool overflowed() const { return overflowed_; }

 private:
  struct Digest {
    std::uint32_t ip;
    std::uint16_t port;
    std::uint8_t kind;
    std::uint8_t state;
    std::uint8_t reason;
    std::uint8_t ttl;
    std::uint8_t flags;      // bit 0 df, 1 ip_id zero, 2 icmp, 3 reset
    std::uint8_t icmp_code;
  };
  static_assert(sizeof(Digest) == 12, "digest stays compact");
  void emit_host(const Digest* first, const Digest* last);

  ResultSink& inner_;
  std::size_t max_digests_;
  std::vector<Digest> digests_;
  bool overflowed_ = false;
};

}  // namespace zeroscan
