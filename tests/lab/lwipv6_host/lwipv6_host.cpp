// zeroscan_lab_lwipv6_host: a lab host whose TCP/IP stack is LWIPv6 1.5a
// (Debian's liblwipv6, the VirtualSquare rewrite of lwIP 1.1 with a dual
// IPv4/IPv6 core), not Linux. LWIPv6 opens the TAP device itself and runs its
// own threads; every frame on that TAP is answered by LWIPv6 (ARP, ICMP,
// SYN-ACKs, RSTs), which is what OS fingerprinting needs. Unlike lwIP 2.1
// (tests/lab/lwip_host) it offers a Berkeley-like socket API, so this
// program is only configuration plus an accept loop per port.
//
// Usage: zeroscan_lab_lwipv6_host --tap IFNAME --addr A.B.C.D/LEN
//          [--ports LIST] [--ready-file PATH]
//   --tap         an existing TAP device (scripts/lab makes it, up, in the
//                 namespace); LWIPv6 attaches to it by name.
//   --ports       TCP ports to listen on, e.g. 22,80 (1-65535, at most 64).
//                 A connection is accepted and closed at once (FIN).
//   --ready-file  written with our PID once every port listens.
// SIGTERM, SIGINT or SIGHUP: the interface goes down, exit 0.
//
// The MAC address is LWIPv6's own choice (its tap driver makes one up);
// scripts/lab reads it from the host's ARP answer.
//
// Licence: liblwipv6 is GPL-2+. This helper links it and is itself only a
// lab test tool; it is not part of the zeroscan binary or library.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

// lwipv6.h is a C header without extern "C" guards.
extern "C" {
#include <lwipv6.h>
}

namespace {

constexpr std::size_t kMaxPorts = 64;  // one accept thread each
constexpr int kBacklog = 64;

struct Options {
  std::string tap;
  std::uint32_t addr = 0;     // host order
  std::uint32_t netmask = 0;  // host order
  std::vector<std::uint16_t> ports;
  std::string ready_file;
};

[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr,
               "lwipv6_host: %s\n"
               "usage: zeroscan_lab_lwipv6_host --tap IFNAME --addr A.B.C.D/LEN [--ports LIST] "
               "[--ready-file PATH]\n",
               why.c_str());
  std::exit(2);
}

bool parse_number(const std::string& s, unsigned long max, unsigned long& out) {
  if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::strtoul(s.c_str(), nullptr, 10);
  return out <= max;
}

bool parse_ports(const std::string& s, std::vector<std::uint16_t>& out) {
  std::size_t pos = 0;
  while (pos <= s.size()) {
    const std::size_t comma = std::min(s.find(',', pos), s.size());
    unsigned long port = 0;
    if (!parse_number(s.substr(pos, comma - pos), 65535, port) || port == 0) return false;
    out.push_back(static_cast<std::uint16_t>(port));
    if (out.size() > kMaxPorts) return false;
    pos = comma + 1;
  }
  return true;
}

Options parse_args(int argc, char** argv) {
  Options o;
  bool have_addr = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(a + " needs a value");
      return argv[++i];
    };
    if (a == "--tap") {
      o.tap = value();
      if (o.tap.empty() || o.tap.size() >= 16) usage("bad --tap name");
    } else if (a == "--addr") {
      const std::string v = value();
      const auto slash = v.find('/');
      in_addr ip{};
      unsigned long len = 0;
      if (slash == std::string::npos || inet_pton(AF_INET, v.substr(0, slash).c_str(), &ip) != 1 ||
          !parse_number(v.substr(slash + 1), 32, len) || len == 0)
        usage("bad --addr (want A.B.C.D/LEN)");
      o.addr = ntohl(ip.s_addr);
      o.netmask = len == 32 ? 0xffffffffu : ~(0xffffffffu >> len);
      have_addr = true;
    } else if (a == "--ports") {
      if (!parse_ports(value(), o.ports)) usage("bad --ports (1-65535, at most 64 ports)");
    } else if (a == "--ready-file") {
      o.ready_file = value();
    } else {
      usage("unknown argument " + a);
    }
  }
  if (o.tap.empty() || !have_addr) usage("--tap and --addr are required");
  return o;
}

// An IPv4 address (host order) in LWIPv6's form: v4-mapped IPv6.
ip_addr mapped(std::uint32_t v4) {
  ip_addr a{};
  IP64_ADDR(&a, (v4 >> 24) & 255, (v4 >> 16) & 255, (v4 >> 8) & 255, v4 & 255);
  return a;
}

ip_addr mapped_mask(std::uint32_t v4) {
  ip_addr a{};
  IP64_MASKADDR(&a, (v4 >> 24) & 255, (v4 >> 16) & 255, (v4 >> 8) & 255, v4 & 255);
  return a;
}

// A listening LWIPv6 socket on PORT (any address), or -1.
int listen_on(stack* s, std::uint16_t port) {
  const int fd = lwip_msocket(s, AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  sa.sin_addr.s_addr = htonl(INADDR_ANY);
  if (lwip_bind(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 || lwip_listen(fd, kBacklog) != 0) {
    lwip_close(fd);
    return -1;
  }
  return fd;
}

// Accepts and closes at once, for the life of the process (the process
// ends on a signal; LWIPv6 sockets cannot be woken from accept portably).
void accept_loop(int fd) {
  for (;;) {
    const int c = lwip_accept(fd, nullptr, nullptr);
    if (c >= 0) {
      lwip_close(c);
    } else if (errno != EINTR && errno != EAGAIN) {
      std::fprintf(stderr, "lwipv6_host: accept: %s\n", std::strerror(errno));
      usleep(100000);  // never spin on a broken socket
    }
  }
}

bool write_ready_file(const std::string& path) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp);
    f << getpid() << "\n";
    if (!f) return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = parse_args(argc, argv);

  // Block the stop signals before LWIPv6 starts more threads, so they
  // inherit the mask and only sigwait below sees them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  signal(SIGPIPE, SIG_IGN);

  stack* s = lwip_add_stack(0);  // no forwarding, no NAT
  if (s == nullptr) {
    std::fprintf(stderr, "lwipv6_host: lwip_add_stack failed\n");
    return 1;
  }
  // Flags 0: no IPv6 autoconfiguration and no router advertisements; the
  // host is configured with its one IPv4 address only.
  netif* nif = lwip_add_tapif(s, const_cast<char*>(opt.tap.c_str()), 0);
  if (nif == nullptr) {
    std::fprintf(stderr, "lwipv6_host: cannot attach to TAP %s: %s\n", opt.tap.c_str(), std::strerror(errno));
    return 1;
  }
  ip_addr addr = mapped(opt.addr);
  ip_addr mask = mapped_mask(opt.netmask);
  if (lwip_add_addr(nif, &addr, &mask) != 0 || lwip_ifup(nif) != 0) {
    std::fprintf(stderr, "lwipv6_host: cannot configure %s\n", opt.tap.c_str());
    return 1;
  }
  std::vector<std::thread> acceptors;
  for (const std::uint16_t port : opt.ports) {
    const int fd = listen_on(s, port);
    if (fd < 0) {
      std::fprintf(stderr, "lwipv6_host: cannot listen on %u: %s\n", port, std::strerror(errno));
      return 1;
    }
    acceptors.emplace_back(accept_loop, fd);
    acceptors.back().detach();
  }
  if (!opt.ready_file.empty() && !write_ready_file(opt.ready_file)) {
    std::fprintf(stderr, "lwipv6_host: cannot write %s\n", opt.ready_file.c_str());
    return 1;
  }
  char text[INET_ADDRSTRLEN];
  const in_addr shown{htonl(opt.addr)};
  std::fprintf(stderr, "lwipv6_host: LWIPv6 on %s as %s, %zu listening port(s), pid %d\n", opt.tap.c_str(),
               inet_ntop(AF_INET, &shown, text, sizeof text), opt.ports.size(), static_cast<int>(getpid()));

  int signo = 0;
  sigwait(&stop, &signo);
  // Down first, so nothing more is answered while the process ends.
  lwip_ifdown(nif);
  std::fprintf(stderr, "lwipv6_host: stopped (%s)\n", strsignal(signo));
  std::_Exit(0);  // the accept threads are blocked in LWIPv6 and hold nothing
}
