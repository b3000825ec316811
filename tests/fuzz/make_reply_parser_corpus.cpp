// Writes the seed corpus for zeroscan_fuzz_reply_parser: well-formed replies
// of every shape parse_reply accepts, built with libtins and ProbeTemplate,
// so the fuzzer starts deep inside the parser instead of at the EtherType.
// Each file is one selector byte (0 Ethernet, 1 raw IP, 2 Linux SLL, as in
// the fuzz target) followed by the frame.
//
// Usage: zeroscan_fuzz_corpus_generator <output directory>
#include <tins/dot1q.h>
#include <tins/ethernetII.h>
#include <tins/icmp.h>
#include <tins/ip.h>
#include <tins/rawpdu.h>
#include <tins/sll.h>
#include <tins/tcp.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "zeroscan/probe/probe_template.h"

namespace {

using Bytes = std::vector<std::uint8_t>;
using zeroscan::Ipv4;

const char* const kUs = "127.0.0.1";
const char* const kTarget = "127.0.0.2";

Tins::TCP::option option(std::uint8_t kind, const Bytes& data = {}) {
  return Tins::TCP::option(kind, data.begin(), data.end());
}

Tins::IP reply(std::uint8_t flags, const std::vector<Tins::TCP::option>& options) {
  Tins::TCP tcp(40000, 443);
  tcp.flags(flags);
  tcp.seq(0x01020304);
  tcp.ack_seq(0x0a0b0c0d);
  tcp.window(65160);
  for (const auto& o : options) tcp.add_option(o);
  Tins::IP ip(kUs, kTarget);
  ip.ttl(57);
  ip.flags(Tins::IP::DONT_FRAGMENT);
  return ip / tcp;
}

Bytes probe(zeroscan::ProbeKind kind) {
  zeroscan::TemplateOptions options;
  options.ethernet = false;
  options.src_ip = Ipv4::from_octets(127, 0, 0, 1);
  const zeroscan::ProbeTemplate t(kind, options);
  Bytes out(t.size());
  t.stamp(out.data(), Ipv4::from_octets(127, 0, 0, 2), 443, zeroscan::ProbeFields{40000, 0x01020304, 0, 7});
  return out;
}

Tins::IP icmp_error(Tins::ICMP::Flags type, std::uint8_t code, const Bytes& quote) {
  Tins::ICMP icmp(type);
  icmp.code(code);
  return Tins::IP(kUs, "127.0.0.254") / icmp / Tins::RawPDU(quote);
}

Bytes ethernet(Tins::IP ip) {
  Tins::EthernetII frame = Tins::EthernetII("02:00:00:00:00:01", "02:00:00:00:00:02") / ip;
  return frame.serialize();
}

bool write(const std::string& dir, const std::string& name, std::uint8_t selector, const Bytes& frame) {
  std::ofstream out(dir + "/" + name, std::ios::binary);
  out.put(char(selector));
  out.write(reinterpret_cast<const char*>(frame.data()), std::streamsize(frame.size()));
  return bool(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <output directory>\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  const auto linux_options = std::vector<Tins::TCP::option>{
      option(2, {0x05, 0xb4}), option(4), option(8, {0, 0, 0, 1, 0, 0, 0, 0}), option(1), option(3, {7})};
  const auto windows_options = std::vector<Tins::TCP::option>{
      option(2, {0x05, 0xb4}), option(1), option(3, {8}), option(1), option(1), option(4)};
  const auto odd_options = std::vector<Tins::TCP::option>{
      option(2, {0x02, 0x18}), option(30, {0, 1, 2, 3}), option(5, {0, 0, 0, 1, 0, 0, 0, 2}), option(0)};
  const Bytes syn_probe = probe(zeroscan::ProbeKind::Syn);
  const Bytes ack_probe = probe(zeroscan::ProbeKind::Ack);
  const Bytes echo_probe = probe(zeroscan::ProbeKind::Echo);

  Tins::SLL sll;
  sll.packet_type(0);
  sll.lladdr_type(1);
  sll.address("02:00:00:00:00:02");
  Tins::SLL sll_frame = sll / reply(Tins::TCP::SYN | Tins::TCP::ACK, linux_options);
  Tins::EthernetII vlan = Tins::EthernetII() / Tins::Dot1Q(100) / reply(Tins::TCP::RST | Tins::TCP::ACK, {});
  Tins::EthernetII qinq = Tins::EthernetII() / Tins::Dot1Q(10) / Tins::Dot1Q(20) / reply(Tins::TCP::SYN | Tins::TCP::ACK, windows_options);
  Bytes qinq_bytes = qinq.serialize();
  qinq_bytes[12] = 0x88, qinq_bytes[13] = 0xa8;

  bool ok = true;
  ok &= write(dir, "eth-synack-linux", 0, ethernet(reply(Tins::TCP::SYN | Tins::TCP::ACK, linux_options)));
  ok &= write(dir, "eth-synack-windows", 0, ethernet(reply(Tins::TCP::SYN | Tins::TCP::ACK, windows_options)));
  ok &= write(dir, "eth-synack-odd-options", 0, ethernet(reply(Tins::TCP::SYN | Tins::TCP::ACK, odd_options)));
  ok &= write(dir, "eth-rst-padded", 0, ethernet(reply(Tins::TCP::RST, {})));
  ok &= write(dir, "raw-rstack", 1, reply(Tins::TCP::RST | Tins::TCP::ACK, {}).serialize());
  ok &= write(dir, "sll-synack-linux", 2, sll_frame.serialize());
  ok &= write(dir, "eth-vlan-rstack", 0, vlan.serialize());
  ok &= write(dir, "eth-qinq-synack", 0, qinq_bytes);
  ok &= write(dir, "raw-syn-probe", 1, syn_probe);
  ok &= write(dir, "raw-ack-probe", 1, ack_probe);
  ok &= write(dir, "eth-icmp-port-unreachable", 0, ethernet(icmp_error(Tins::ICMP::DEST_UNREACHABLE, 3, syn_probe)));
  ok &= write(dir, "eth-icmp-admin-prohibited-28", 0,
              ethernet(icmp_error(Tins::ICMP::DEST_UNREACHABLE, 13, Bytes(syn_probe.begin(), syn_probe.begin() + 28))));
  ok &= write(dir, "raw-icmp-time-exceeded", 1, icmp_error(Tins::ICMP::TIME_EXCEEDED, 0, ack_probe).serialize());
  // -sn: an echo reply, and a router's error quoting our echo request.
  ok &= write(dir, "raw-icmp-echo-reply", 1, [&] {
    Tins::ICMP echo(Tins::ICMP::ECHO_REPLY);
    echo.id(0x0102);
    echo.sequence(0x0304);
    Tins::IP ip = Tins::IP(kUs, kTarget) / echo;
    return ip.serialize();
  }());
  ok &= write(dir, "eth-icmp-host-unreachable-quoting-echo", 0,
              ethernet(icmp_error(Tins::ICMP::DEST_UNREACHABLE, 1, echo_probe)));
  ok &= write(dir, "sll-icmp-param-problem", 2, [&] {
    Tins::SLL framed = sll / icmp_error(Tins::ICMP::PARAM_PROBLEM, 0, syn_probe);
    return framed.serialize();
  }());
  if (!ok) {
    std::fprintf(stderr, "could not write the corpus into %s\n", dir.c_str());
    return 1;
  }
  return 0;
}
