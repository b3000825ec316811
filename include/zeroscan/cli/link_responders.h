// The hosts that answered the link layer (ARP for IPv4, NDP for IPv6)
// while the next hop was planned, reported as up: one record each, with
// the reason that names the protocol (arp-response, nd-response). No probe
// of ours was answered, so `answered` stays false.
#pragma once

#include <vector>

#include "zeroscan/core/scan_results.h"
#include "zeroscan/output/result_sink.h"

namespace zeroscan {

template <typename Address>
void report_link_responders(const std::vector<Address>& responders, StateReason reason,
                            ResultSink& results) {
  for (const Address& ip : responders) {
    HostUpRecord up;
    up.ip = ip;
    up.reason = reason;
    results.host_up(up);
  }
}

}  // namespace zeroscan
