// Hostile and garbage frames addressed to `our_address`: each one is shaped
// to get past a capture filter like "dst host X and (tcp or icmp)" and then
// break a careless parser (lengths pointing past the end, header lengths
// below the minimum, option loops, quotes of quotes, VLAN stacks, random
// bytes). For ScriptedNetwork::inject and parser robustness tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "zeroscan/core/ipv4.h"

namespace zeroscan {

struct HostileFrame {
  std::string name;  // what is wrong with it, for test failure messages
  std::vector<std::uint8_t> bytes;
};

// Deterministic: the same seed gives the same random tail.
std::vector<HostileFrame> hostile_frames(Ipv4 our_address, std::uint32_t seed = 1);

}  // namespace zeroscan
