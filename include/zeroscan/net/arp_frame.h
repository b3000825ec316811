// ARP over Ethernet (RFC 826) as bytes: the request arp_resolve broadcasts
// and the reply it accepts. Pure functions, so the wire format is unit-tested
// without a network.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/mac_address.h"

namespace zeroscan {

inline constexpr std::size_t kArpFrameSize = 42;  // 14 Ethernet + 28 ARP

// A broadcast "who-has target_ip, tell sender_ip" frame. sender_ip may be
// 0.0.0.0 (an RFC 5227 probe) when the interface has no address yet.
std::array<std::uint8_t, kArpFrameSize> build_arp_request(const MacAddress& sender_mac, Ipv4 sender_ip,
                                                          Ipv4 target_ip);

struct ArpAnswer {
  Ipv4 address;    // the answering host (ARP sender protocol address)
  MacAddress mac;  // its hardware address
};

// Accepts only Ethernet/IPv4 ARP replies (op 2) with a non-zero sender MAC;
// nullopt for requests, other hardware/protocol types, or short frames.
std::optional<ArpAnswer> parse_arp_reply(const std::uint8_t* frame, std::size_t size);

}  // namespace zeroscan
