// Probe frames for the net tests, built with libtins so the bytes are what
// a real serializer produces (valid checksums, real option layout).
#pragma once

#include <tins/ethernetII.h>
#include <tins/ip.h>
#include <tins/tcp.h>

#include <cstdint>
#include <vector>

#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/mac_address.h"

namespace zeroscan {

inline Tins::IP test_ip_tcp(Ipv4 source, Ipv4 destination, std::uint16_t source_port, std::uint16_t destination_port,
                            std::uint32_t seq) {
  Tins::TCP tcp(destination_port, source_port);
  tcp.flags(Tins::TCP::SYN);
  tcp.seq(seq);
  tcp.mss(1460);
  return Tins::IP(destination.to_string(), source.to_string()) / tcp;
}

// An Ethernet SYN frame.
inline std::vector<std::uint8_t> test_syn_frame(const MacAddress& source_mac, const MacAddress& destination_mac,
                                                Ipv4 source, Ipv4 destination, std::uint16_t source_port,
                                                std::uint16_t destination_port, std::uint32_t seq = 1000) {
  Tins::EthernetII frame = Tins::EthernetII(Tins::HWAddress<6>(destination_mac.bytes.data()),
                                            Tins::HWAddress<6>(source_mac.bytes.data())) /
                           test_ip_tcp(source, destination, source_port, destination_port, seq);
  auto bytes = frame.serialize();
  return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
}

// The same SYN without a link layer: the bytes start at the IPv4 header.
inline std::vector<std::uint8_t> test_syn_packet(Ipv4 source, Ipv4 destination, std::uint16_t source_port,
                                                 std::uint16_t destination_port, std::uint32_t seq = 1000) {
  Tins::IP packet = test_ip_tcp(source, destination, source_port, destination_port, seq);
  auto bytes = packet.serialize();
  return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
}

}  // namespace zeroscan
