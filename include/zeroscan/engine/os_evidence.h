// OsEvidenceCollector: the OS-fingerprinting side of a scan (-O). Fed every
// verified reply by the receiver (first answers, duplicates such as
// retransmitted SYN-ACKs, and answers to follow-up probes outside the scan
// space), it keeps one HostEvidence per responsive host, queues the host's
// follow-up probes when its first reply arrives, and at the end matches each
// host against the fingerprint database into a HostRecord.
// Used from the receiver thread, then from the main thread after it joined.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "zeroscan/cookie/cookie.h"
#include "zeroscan/cookie/ipv6_cookie.h"
#include "zeroscan/core/scan_results.h"
#include "zeroscan/engine/follow_up.h"
#include "zeroscan/fingerprint/host_evidence.h"
#include "zeroscan/fingerprint/matcher.h"

namespace zeroscan {

class OsEvidenceCollector {
 public:
  OsEvidenceCollector(const ScanSpace& space, FollowUpQueue& follow_ups, std::uint32_t our_ts_val,
                      fingerprint::RetransmitTiming timing, std::uint64_t closed_port_salt);

  // Every verified reply, in capture order (IPv4 or IPv6).
  void add(const Reply& reply, const CookieMatch& match);
  void add(const Reply& reply, const Ipv6CookieMatch& match);
  // The scan's own port-0 slots (-sZ) that concluded in silence.
  void add_silence(IpAddress host, ProbeKind kind, std::uint16_t port);

  std::size_t hosts() const { return hosts_.size(); }
  // One record per responsive host, in address order (IPv4 before IPv6).
  std::vector<HostRecord> conclude(const fingerprint::Matcher& matcher);

 private:
  void add(const Reply& reply, IpAddress target, ProbeKind kind, std::uint16_t port);

  struct Host {
    fingerprint::HostEvidence evidence;
    FollowUpHistory follow_ups;
    bool port0_syn_sent = false;
    bool port0_ack_sent = false;
  };
  const ScanSpace& space_;
  FollowUpQueue& follow_ups_;
  std::uint32_t our_ts_val_;
  fingerprint::RetransmitTiming timing_;
  std::uint64_t closed_port_salt_;
  std::unordered_map<IpAddress, Host> hosts_;  // keyed like the records it makes
};

}  // namespace zeroscan
