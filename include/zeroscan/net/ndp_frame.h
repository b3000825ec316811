// NDP over Ethernet (RFC 4861) as bytes: the neighbour solicitation that
// will resolve an on-link IPv6 target's MAC, and the advertisement it
// accepts — the ARP frames' IPv6 twins (net/arp_frame). Pure functions, so
// the wire format is unit-tested without a network.
//
// Not used by the scanner yet: no IPv6 scan path exists (see
// docs/architecture.md).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "zeroscan/core/ipv6.h"
#include "zeroscan/core/mac_address.h"

namespace zeroscan {

// 14 Ethernet + 40 IPv6 + 24 solicitation + 8 source link-layer option.
inline constexpr std::size_t kNdpSolicitationSize = 86;

// The solicited-node multicast address of `target` (ff02::1:ffXX:XXXX,
// RFC 4291 §2.7.1): where a solicitation for it is sent.
Ipv6 solicited_node_address(Ipv6 target);
// The Ethernet address of an IPv6 multicast group (33:33 + its low 32
// bits, RFC 2464 §7).
MacAddress ipv6_multicast_mac(Ipv6 group);

// "Who has target_ip? Tell sender_ip at sender_mac": to the target's
// solicited-node group, hop limit 255, with our link-layer address as an
// option, ICMPv6 checksum filled in.
std::array<std::uint8_t, kNdpSolicitationSize> build_neighbour_solicitation(const MacAddress& sender_mac,
                                                                            Ipv6 sender_ip,
                                                                            Ipv6 target_ip);

struct NdpAnswer {
  Ipv6 address;    // the advertised target address
  MacAddress mac;  // its link-layer address (the target link-layer option)
};

// Accepts only what RFC 4861 §7.1.2 lets a host accept, plus what we need:
// an Ethernet/IPv6 neighbour advertisement (type 136, code 0) with hop
// limit 255 (so it cannot come from off the link), a correct ICMPv6
// checksum, a non-multicast target, well-formed options (none of length
// 0, none past the end), and a non-zero target link-layer address option.
// nullopt for anything else, short frames included.
std::optional<NdpAnswer> parse_neighbour_advertisement(const std::uint8_t* frame, std::size_t size);

}  // namespace zeroscan
