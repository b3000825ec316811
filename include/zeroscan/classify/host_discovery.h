// Host discovery (-sn): what one verified reply to a discovery probe says
// about its host. Pure, like classify_reply: any answer the host itself
// sent proves it up (nmap's reasons: echo-reply, syn-ack, reset, and an
// ICMP unreachable from the target itself, except net/host unreachable);
// an ICMP error from a router on the way proves nothing about the host and
// yields nullopt.
#pragma once

#include <optional>

#include "zeroscan/classify/classify.h"
#include "zeroscan/core/ipv4.h"

namespace zeroscan {

// `target` is the address the probe went to (the cookie's match). The
// state of an up host is PortState::Open; the reason says what answered.
std::optional<Classification> classify_host_reply(const Reply& reply, Ipv4 target);

}  // namespace zeroscan
