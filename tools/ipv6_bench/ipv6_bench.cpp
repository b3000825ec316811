// The per-packet work of an IPv6 scan beside the same work for IPv4, on
// this one thread, from memory (nothing is sent or captured):
//   send side:    Cookie::probe_fields + ProbeTemplate::stamp (SYN probes)
//   receive side: parse_reply + Cookie::verify over SYN-ACKs to those probes
// and the IPv6 twins (Ipv6Cookie, Ipv6ProbeTemplate, parse_ipv6_reply).
// Time is this thread's CPU time, so the figures are per core even on a
// busy machine. Figures only; not a test: what the IPv6 path costs per
// packet beside IPv4's.
//
// Usage: zeroscan_ipv6_bench [MILLION_PACKETS]   (default 4)
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

#include "zeroscan/cookie/cookie.h"
#include "zeroscan/cookie/ipv6_cookie.h"
#include "zeroscan/parse/ipv6_reply_parser.h"
#include "zeroscan/parse/reply_parser.h"
#include "zeroscan/probe/ipv6_probe_template.h"
#include "zeroscan/probe/probe_template.h"

namespace zeroscan {
namespace {

constexpr SipKey kKey{0x0123456789abcdefull, 0xfedcba9876543210ull};
constexpr SourcePortRange kPorts{40000, 20000};
constexpr std::size_t kReplyFrames = 1 << 16;  // distinct replies, replayed in a loop
constexpr std::size_t kEthernet = 14;

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

// The two families behind one shape, so each measurement is written once.
struct V4 {
  using Address = Ipv4;
  Ipv4 source = Ipv4::from_octets(198, 18, 0, 1);
  Cookie cookie{kKey, source, kPorts, 2};
  ProbeTemplate probe{ProbeKind::Syn, options()};
  static constexpr std::size_t kAddressBytes = 4, kSrcAt = 12, kDstAt = 16, kIpHeader = 20;
  TemplateOptions options() const {
    TemplateOptions o;
    o.src_ip = source;
    return o;
  }
  // 198.18.0.0/15, walked in order: target i.
  static Ipv4 target(std::uint64_t i) { return Ipv4(0xc6120000u + std::uint32_t(i & 0x1ffff)); }
  bool verify(const std::uint8_t* frame, std::size_t size) const {
    const auto reply = parse_reply(frame, size, LinkType::Ethernet);
    return reply && cookie.verify(*reply);
  }
};

struct V6 {
  using Address = Ipv6;
  Ipv6 source = *Ipv6::parse("2001:2::1");
  Ipv6Cookie cookie{kKey, source, kPorts, 2};
  Ipv6ProbeTemplate probe{ProbeKind::Syn, options()};
  static constexpr std::size_t kAddressBytes = 16, kSrcAt = 8, kDstAt = 24, kIpHeader = 40;
  Ipv6TemplateOptions options() const {
    Ipv6TemplateOptions o;
    o.src_ip = source;
    return o;
  }
  // 2001:2::/96, walked in order: target i.
  static Ipv6 target(std::uint64_t i) { return Ipv6(0x2001000200000000ull, i & 0xffffffffull); }
  bool verify(const std::uint8_t* frame, std::size_t size) const {
    const auto reply = parse_ipv6_reply(frame, size, LinkType::Ethernet);
    return reply && cookie.verify(*reply);
  }
};

// Probes per second through cookie + stamp.
template <typename Family>
double stamp_rate(const Family& family, std::uint64_t count, volatile std::uint8_t& sink) {
  std::vector<std::uint8_t> frame(family.probe.size());
  const double start = cpu_seconds();
  for (std::uint64_t i = 0; i < count; ++i) {
    const auto target = Family::target(i);
    const auto fields = family.cookie.probe_fields(target, 443, ProbeKind::Syn, 0);
    family.probe.stamp(frame.data(), target, 443, fields);
    sink = frame[frame.size() - 1];  // keeps the stamping observable
  }
  return double(count) / (cpu_seconds() - start);
}

// A SYN-ACK answering the stamped probe in `frame`: MACs, addresses and
// ports swapped (an IPv4 header checksum survives swapping two words),
// SYN|ACK acknowledging seq + 1.
template <typename Family>
void turn_into_syn_ack(std::vector<std::uint8_t>& frame) {
  for (int i = 0; i < 6; ++i) std::swap(frame[i], frame[6 + i]);
  std::uint8_t* ip = frame.data() + kEthernet;
  for (std::size_t i = 0; i < Family::kAddressBytes; ++i) std::swap(ip[Family::kSrcAt + i], ip[Family::kDstAt + i]);
  std::uint8_t* tcp = ip + Family::kIpHeader;
  std::swap(tcp[0], tcp[2]);
  std::swap(tcp[1], tcp[3]);
  const std::uint32_t seq = std::uint32_t(tcp[4]) << 24 | tcp[5] << 16 | tcp[6] << 8 | tcp[7];
  const std::uint32_t ack = seq + 1;
  for (int i = 0; i < 4; ++i) tcp[8 + i] = std::uint8_t(ack >> (24 - 8 * i));
  tcp[13] = 0x12;
}

// Replies per second through parse + cookie verify; every one must verify.
template <typename Family>
double verify_rate(const Family& family, std::uint64_t count, bool& all_verified) {
  std::vector<std::vector<std::uint8_t>> replies(kReplyFrames, std::vector<std::uint8_t>(family.probe.size()));
  for (std::size_t i = 0; i < kReplyFrames; ++i) {
    const auto target = Family::target(i);
    family.probe.stamp(replies[i].data(), target, 443, family.cookie.probe_fields(target, 443, ProbeKind::Syn, 0));
    turn_into_syn_ack<Family>(replies[i]);
  }
  std::uint64_t verified = 0;
  const double start = cpu_seconds();
  for (std::uint64_t i = 0; i < count; ++i) {
    const auto& frame = replies[i % kReplyFrames];
    verified += family.verify(frame.data(), frame.size());
  }
  const double rate = double(count) / (cpu_seconds() - start);
  all_verified = all_verified && verified == count;
  return rate;
}

void print_row(const char* what, double v4, double v6) {
  std::printf("%-32s %9.2f M/s %9.2f M/s %7.2f\n", what, v4 / 1e6, v6 / 1e6, v6 / v4);
}

}  // namespace
}  // namespace zeroscan

int main(int argc, char** argv) {
  using namespace zeroscan;
  const double millions = argc > 1 ? std::atof(argv[1]) : 4;
  if (!(millions > 0 && millions <= 1000)) {
    std::fprintf(stderr, "usage: zeroscan_ipv6_bench [MILLION_PACKETS (0-1000]]\n");
    return 2;
  }
  const auto count = std::uint64_t(millions * 1e6);
  const V4 v4;
  const V6 v6;
  volatile std::uint8_t sink = 0;
  bool all_verified = true;
  std::printf("%.0f million packets per figure, one core (thread CPU time)\n", millions);
  std::printf("%-32s %13s %13s %7s\n", "", "IPv4", "IPv6", "v6/v4");
  print_row("send: cookie + stamp (SYN)", stamp_rate(v4, count, sink), stamp_rate(v6, count, sink));
  print_row("receive: parse + verify (SYN-ACK)", verify_rate(v4, count, all_verified),
            verify_rate(v6, count, all_verified));
  if (!all_verified) {
    std::fprintf(stderr, "zeroscan_ipv6_bench: a reply failed to verify: the figures mean nothing\n");
    return 1;
  }
  return 0;
}
