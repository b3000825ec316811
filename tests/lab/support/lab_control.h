// Driving scripts/lab from the tests, and small reads of the lab's state
// that need a namespace (the MAC of a namespace-side interface).
#pragma once

#include <string>

namespace zeroscan::lab {

bool lab_is_up();                      // scripts/lab status --quiet
std::string lab_command(const std::string& verb);  // runs scripts/lab VERB; "" or the error
// MAC address of `iface` inside network namespace `netns` ("" on failure).
std::string netns_mac(const std::string& netns, const std::string& iface);
// Empties the root namespace's neighbour cache of `iface`, so the next scan
// has to ARP again.
void flush_neighbours(const std::string& iface);

}  // namespace zeroscan::lab
