// The hostile frame collection: a valid SYN-ACK to our address built with
// libtins, then broken one field at a time, plus non-IP and random frames.
#include "support/hostile_frames.h"

#include <tins/ethernetII.h>
#include <tins/icmp.h>
#include <tins/ip.h>
#include <tins/rawpdu.h>
#include <tins/tcp.h>

namespace zeroscan {

namespace {

constexpr std::size_t kIp = 14;       // IPv4 header offset in an Ethernet frame
constexpr std::size_t kTcp = 14 + 20; // TCP header offset (no IP options)

std::vector<std::uint8_t> serialize(Tins::PDU& pdu) {
  auto bytes = pdu.serialize();
  return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
}

std::vector<std::uint8_t> valid_syn_ack(Ipv4 our_address) {
  Tins::TCP tcp(40000, 80);
  tcp.flags(Tins::TCP::SYN | Tins::TCP::ACK);
  tcp.seq(1000);
  tcp.ack_seq(2001);
  tcp.mss(1460);
  tcp.sack_permitted();
  Tins::EthernetII frame = Tins::EthernetII(Tins::HWAddress<6>("02:00:00:00:00:01"), Tins::HWAddress<6>("02:00:00:00:00:02")) /
                           Tins::IP(our_address.to_string(), "198.19.250.77") / tcp;
  return serialize(frame);
}

// The IPv4 header checksum after a field was changed on purpose, so the
// frame is rejected for its real flaw, not for a stale checksum.
void fix_ip_checksum(std::vector<std::uint8_t>& frame) {
  if (frame.size() < kIp + 20) return;
  std::size_t header_length = std::size_t(frame[kIp] & 0x0F) * 4;
  if (header_length < 20 || kIp + header_length > frame.size()) header_length = 20;
  frame[kIp + 10] = frame[kIp + 11] = 0;
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < header_length; i += 2) sum += (std::uint32_t(frame[kIp + i]) << 8) | frame[kIp + i + 1];
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  frame[kIp + 10] = static_cast<std::uint8_t>(~sum >> 8);
  frame[kIp + 11] = static_cast<std::uint8_t>(~sum);
}

std::vector<std::uint8_t> icmp_quoting(Ipv4 our_address, const std::vector<std::uint8_t>& quote) {
  Tins::EthernetII frame = Tins::EthernetII(Tins::HWAddress<6>("02:00:00:00:00:01"), Tins::HWAddress<6>("02:00:00:00:00:02")) /
                           Tins::IP(our_address.to_string(), "198.19.250.254") /
                           Tins::ICMP(Tins::ICMP::DEST_UNREACHABLE) /
                           Tins::RawPDU(quote.data(), static_cast<std::uint32_t>(quote.size()));
  return serialize(frame);
}

}  // namespace

std::vector<HostileFrame> hostile_frames(Ipv4 our_address, std::uint32_t seed) {
  std::vector<HostileFrame> frames;
  const std::vector<std::uint8_t> good = valid_syn_ack(our_address);
  auto add = [&](std::string name, std::vector<std::uint8_t> bytes) {
    frames.push_back(HostileFrame{std::move(name), std::move(bytes)});
  };
  auto mutated = [&](std::string name, auto change, bool refix_checksum = true) {
    std::vector<std::uint8_t> bytes = good;
    change(bytes);
    if (refix_checksum) fix_ip_checksum(bytes);
    add(std::move(name), std::move(bytes));
  };

  add("empty frame", {});
  add("one byte", {0x45});
  add("ethernet header only", std::vector<std::uint8_t>(good.begin(), good.begin() + 14));
  add("ip header cut in half", std::vector<std::uint8_t>(good.begin(), good.begin() + kIp + 10));
  add("tcp header cut in half", std::vector<std::uint8_t>(good.begin(), good.begin() + kTcp + 10));
  add("options cut mid-option", std::vector<std::uint8_t>(good.begin(), good.begin() + kTcp + 22));
  mutated("ip header length 4 bytes", [](auto& f) { f[kIp] = 0x41; });
  mutated("ip header length 60 bytes", [](auto& f) { f[kIp] = 0x4F; });
  mutated("ip version 6 in an IPv4 ethertype", [](auto& f) { f[kIp] = 0x65; });
  mutated("ip total length 65535", [](auto& f) { f[kIp + 2] = f[kIp + 3] = 0xFF; });
  mutated("ip total length below the header", [](auto& f) { f[kIp + 2] = 0; f[kIp + 3] = 8; });
  mutated("later fragment", [](auto& f) { f[kIp + 6] = 0x00; f[kIp + 7] = 0x10; });
  mutated("bad ip checksum", [](auto& f) { f[kIp + 10] ^= 0xFF; }, false);
  mutated("tcp data offset 15 words", [](auto& f) { f[kTcp + 12] = 0xF0; });
  mutated("tcp data offset 2 words", [](auto& f) { f[kTcp + 12] = 0x20; });
  mutated("tcp option length 0", [](auto& f) { f[kTcp + 21] = 0; });
  mutated("tcp option length 255", [](auto& f) { f[kTcp + 21] = 255; });
  mutated("udp protocol number", [](auto& f) { f[kIp + 9] = 17; });

  std::vector<std::uint8_t> ip_part(good.begin() + kIp, good.end());
  add("icmp quoting 4 bytes", icmp_quoting(our_address, std::vector<std::uint8_t>(ip_part.begin(), ip_part.begin() + 4)));
  add("icmp quoting ip header without tcp",
      icmp_quoting(our_address, std::vector<std::uint8_t>(ip_part.begin(), ip_part.begin() + 20)));
  std::vector<std::uint8_t> nested = icmp_quoting(our_address, ip_part);
  add("icmp quoting an icmp error", icmp_quoting(our_address, std::vector<std::uint8_t>(nested.begin() + kIp, nested.end())));

  std::vector<std::uint8_t> arp = good;
  arp[12] = 0x08;
  arp[13] = 0x06;
  add("arp ethertype", arp);
  std::vector<std::uint8_t> ipv6 = good;
  ipv6[12] = 0x86;
  ipv6[13] = 0xDD;
  add("ipv6 ethertype", ipv6);
  std::vector<std::uint8_t> vlans(good.begin(), good.begin() + 12);
  for (int tag = 0; tag < 6; ++tag) vlans.insert(vlans.end(), {0x81, 0x00, 0x00, 0x01});
  vlans.insert(vlans.end(), good.begin() + 12, good.end());
  add("six stacked vlan tags", vlans);
  std::vector<std::uint8_t> vlan_cut(good.begin(), good.begin() + 12);
  vlan_cut.insert(vlan_cut.end(), {0x81, 0x00, 0x00});
  add("vlan tag cut short", vlan_cut);

  // Random tails behind a plausible Ethernet + IPv4 start.
  std::uint32_t state = seed ? seed : 1;
  for (int i = 0; i < 32; ++i) {
    std::vector<std::uint8_t> bytes(good.begin(), good.begin() + kIp + 1);
    std::size_t length = 1 + (state % 120);
    for (std::size_t k = 0; k < length; ++k) {
      state = state * 1664525u + 1013904223u;  // Numerical Recipes LCG: deterministic noise
      bytes.push_back(static_cast<std::uint8_t>(state >> 24));
    }
    add("random bytes #" + std::to_string(i), std::move(bytes));
  }
  return frames;
}

}  // namespace zeroscan
