// Host discovery (-sn): what one verified reply to a discovery probe says
// about its host. Pure, like classify_reply: any answer the host itself
// sent proves it up (nmap's reasons: echo-reply, syn-ack, reset, and an
// ICMP unreachable from the target itself, except net/host unreachable);
// an ICMP error from a router on the way proves nothing about the host and
// yields nullopt. IPv6 the same, in ICMPv6's numbering: a destination
// unreachable (1) from the target itself proves it up unless it says no
// route (0), beyond scope (2) or address unreachable (3).
#pragma once

#include <optional>

#include "zeroscan/classify/classify.h"
#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/ipv6.h"

namespace zeroscan {

// `target` is the address the probe went to (the cookie's match). The
// state of an up host is PortState::Open; the reason says what answered.
// A reply of the other family than `target` yields nullopt.
std::optional<Classification> classify_host_reply(const Reply& reply, Ipv4 target);
std::optional<Classification> classify_host_reply(const Reply& reply, Ipv6 target);

}  // namespace zeroscan
