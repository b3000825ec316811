// ARP request building and reply parsing (RFC 826 layout, Ethernet/IPv4).
#include "zeroscan/net/arp_frame.h"

#include <algorithm>

namespace zeroscan {

namespace {

constexpr std::uint16_t kEtherTypeArp = 0x0806;
constexpr std::uint16_t kHardwareEthernet = 1;
constexpr std::uint16_t kProtocolIpv4 = 0x0800;
constexpr std::uint16_t kOpRequest = 1;
constexpr std::uint16_t kOpReply = 2;

void put16(std::uint8_t* out, std::uint16_t value) {
  out[0] = static_cast<std::uint8_t>(value >> 8);
  out[1] = static_cast<std::uint8_t>(value);
}

void put32(std::uint8_t* out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<std::uint8_t>(value >> (24 - 8 * i));
}

std::uint16_t get16(const std::uint8_t* in) { return static_cast<std::uint16_t>((in[0] << 8) | in[1]); }

std::uint32_t get32(const std::uint8_t* in) {
  return (std::uint32_t(in[0]) << 24) | (std::uint32_t(in[1]) << 16) | (std::uint32_t(in[2]) << 8) | in[3];
}

}  // namespace

std::array<std::uint8_t, kArpFrameSize> build_arp_request(const MacAddress& sender_mac, Ipv4 sender_ip,
                                                          Ipv4 target_ip) {
  std::array<std::uint8_t, kArpFrameSize> frame{};
  std::uint8_t* p = frame.data();
  std::fill(p, p + 6, 0xFF);  // broadcast: we do not know the target yet
  std::copy(sender_mac.bytes.begin(), sender_mac.bytes.end(), p + 6);
  put16(p + 12, kEtherTypeArp);
  p += 14;
  put16(p + 0, kHardwareEthernet);
  put16(p + 2, kProtocolIpv4);
  p[4] = 6;
  p[5] = 4;
  put16(p + 6, kOpRequest);
  std::copy(sender_mac.bytes.begin(), sender_mac.bytes.end(), p + 8);
  put32(p + 14, sender_ip.value);
  // Target hardware address stays zero: that is what we are asking for.
  put32(p + 24, target_ip.value);
  return frame;
}

std::optional<ArpAnswer> parse_arp_reply(const std::uint8_t* frame, std::size_t size) {
  if (frame == nullptr || size < kArpFrameSize) return std::nullopt;
  if (get16(frame + 12) != kEtherTypeArp) return std::nullopt;
  const std::uint8_t* arp = frame + 14;
  if (get16(arp + 0) != kHardwareEthernet || get16(arp + 2) != kProtocolIpv4 || arp[4] != 6 || arp[5] != 4 ||
      get16(arp + 6) != kOpReply) {
    return std::nullopt;
  }
  ArpAnswer answer;
  std::copy(arp + 8, arp + 14, answer.mac.bytes.begin());
  answer.address = Ipv4(get32(arp + 14));
  if (answer.mac.is_zero()) return std::nullopt;
  return answer;
}

}  // namespace zeroscan
