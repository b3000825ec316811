// The whole engine over IPv6 against real listeners: a Scanner sends SYN
// and ACK probes to ::1 through a raw IPv6 socket (RawIpSink, V6), captures
// the answers on lo with libpcap and verifies them with the Ipv6Cookie —
// the path `zeroscan ::1` takes. It runs in a forked child inside a fresh
// network namespace (support/forked_child), so nothing leaves it. Needs root; skips otherwise.
#include <arpa/inet.h>
#include <unistd.h>

#include <cstring>
#include <optional>

#include <gtest/gtest.h>

#include "support/forked_child.h"
#include "zeroscan/engine/scanner.h"
#include "zeroscan/net/pcap_source.h"
#include "zeroscan/net/raw_ip_sink.h"

namespace zeroscan {
namespace {

constexpr std::uint16_t kOpenPort = 2222;
constexpr std::uint16_t kClosedPort = 2223;

enum ChildResult : int {
  kOk = 0,
  kNoListener = 12,
  kWrongCounts = 14,
};

class CountingSink : public ResultSink {
 public:
  void port(const PortRecord&) override { ++ports; }
  void finish(const ScanSummary& s) override { summary = s; }
  std::string error() const override { return {}; }
  int ports = 0;
  ScanSummary summary;
};

int listen_on_ipv6_loopback(std::uint16_t port) {
  const int fd = ::socket(AF_INET6, SOCK_STREAM, 0);
  sockaddr_in6 address{};
  address.sin6_family = AF_INET6;
  address.sin6_port = htons(port);
  address.sin6_addr = in6addr_loopback;
  // ::1 may still be tentative for a moment after lo comes up.
  for (int tries = 0; tries < 50; ++tries) {
    if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 && ::listen(fd, 8) == 0)
      return fd;
    ::usleep(20000);
  }
  ::_exit(kNoListener);
}

ChildResult scan_loopback() {
  const TargetSet no_ipv4;
  const Ipv6 loopback(0, 1);
  const Ipv6TargetSet targets6({Ipv6Range{loopback, loopback}}, {});
  const PortSet ports(std::vector<std::uint16_t>{kOpenPort, kClosedPort});
  const ScanSpace space(no_ipv4, targets6, ports, {ProbeKind::Syn, ProbeKind::Ack});
  const Permutation order(space.size(), 5);
  const SipKey key{3, 4};
  const Cookie cookie(key, Ipv4(), SourcePortRange{40000, 1000}, 2);
  const Ipv6Cookie cookie6(key, loopback, SourcePortRange{40000, 1000}, 2);
  const ProbeTemplates templates;  // no IPv4 target
  Ipv6ProbeTemplates templates6;
  Ipv6TemplateOptions options;  // Ethernet with zero MACs, as for lo
  options.src_ip = loopback;
  for (ProbeKind kind : {ProbeKind::Syn, ProbeKind::Ack}) templates6[int(kind)].emplace(kind, options);
  const Ipv6Probing probing{cookie6, templates6};
  const TargetMacs macs;

  RawIpSink sink(14, 64, RawIpFamily::V6);
  PcapSourceOptions capture;
  capture.interface = "lo";
  capture.filter = "dst host ::1 and (tcp or icmp6)";
  capture.buffer_bytes = 1 << 20;
  PcapSource source(capture);

  EngineSettings settings;
  settings.rate = 1000;
  settings.attempts = 2;
  settings.wait_seconds = 0.5;
  settings.retry_gap_seconds = 0.2;
  ScanJob job{space, order, cookie, templates, macs, settings, 5, {}, nullptr, {}, &probing};
  CountingSink results;
  Scanner scanner(job, sink, source, results);
  const ScanSummary summary = scanner.run();
  const bool counts_right = summary.open == 1 && summary.closed == 1 && summary.unfiltered == 2 &&
                            summary.filtered == 0 && results.ports == 4 && summary.targets == 1;
  return counts_right ? kOk : kWrongCounts;
}

int scan_loopback_listener() {
  const int listener = listen_on_ipv6_loopback(kOpenPort);
  const ChildResult result = scan_loopback();
  ::close(listener);
  return result;
}

TEST(Ipv6LoopbackScan, SynAndAckProbesToIpv6LoopbackListenersGetTheirStates) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root (a network namespace, a raw socket, a capture)";
  const ForkedChildExit child =
      run_in_forked_child(scan_loopback_listener, in_fresh_network_namespace(20));
  if (child.no_namespace) GTEST_SKIP() << "cannot create a network namespace here";
  EXPECT_EQ(child.code, kOk) << child.describe() << " (12 no listener on ::1, 14 wrong open/closed/unfiltered counts)";
}

}  // namespace
}  // namespace zeroscan
