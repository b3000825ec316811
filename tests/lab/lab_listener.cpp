// zeroscan_lab_listener: the "open port" of the lab's test hosts. Listens on
// the TCP endpoints given on the command line and accepts + closes forever,
// so a SYN to one of them draws a real kernel SYN-ACK and the accept queue
// never fills. scripts/lab starts one per namespace and kills it by PID.
//
// Usage: zeroscan_lab_listener [--ready-file PATH] ENDPOINT...
//   ENDPOINT = PORT        listen on 0.0.0.0:PORT (every local address,
//                          which in the AnyIP namespace is a whole /16)
//            | ADDR:PORT   listen on one address only
//            | [::]:PORT   listen on every local IPv6 address (IPV6_V6ONLY, so
//                          the IPv4 wildcard of the same port is separate)
//            | [ADDR6]:PORT  one IPv6 address (an AnyIP one needs the
//                          namespace's net.ipv6.ip_nonlocal_bind=1)
// --ready-file is created once every socket listens, so the script knows
// when the host is really up instead of sleeping and hoping.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace {

// The kernel caps this at net.core.somaxconn, which scripts/lab raises in the
// namespace; asking for the maximum keeps the cap in one place.
constexpr int kBacklog = 65535;

struct Endpoint {
  int family = AF_INET;
  in_addr address{};
  in6_addr address6{};
  std::uint16_t port = 0;
  std::string text;
};

std::optional<Endpoint> parse_endpoint(const std::string& text) {
  Endpoint e;
  e.text = text;
  std::string port_text = text;
  e.address.s_addr = htonl(INADDR_ANY);
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find("]:");
    if (close == std::string::npos) return std::nullopt;
    if (inet_pton(AF_INET6, text.substr(1, close - 1).c_str(), &e.address6) != 1) return std::nullopt;
    e.family = AF_INET6;
    port_text = text.substr(close + 2);
  } else if (const auto colon = text.rfind(':'); colon != std::string::npos) {
    if (inet_pton(AF_INET, text.substr(0, colon).c_str(), &e.address) != 1) return std::nullopt;
    port_text = text.substr(colon + 1);
  }
  if (port_text.empty() || port_text.size() > 5 ||
      port_text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  const long port = std::strtol(port_text.c_str(), nullptr, 10);
  if (port < 1 || port > 65535) return std::nullopt;
  e.port = static_cast<std::uint16_t>(port);
  return e;
}

// Returns the listening fd, or -1 after printing why.
int listen_on(const Endpoint& e) {
  const int fd = socket(e.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    std::fprintf(stderr, "lab_listener: socket: %s\n", std::strerror(errno));
    return -1;
  }
  // Restarting the lab must not wait out TIME_WAIT from the previous run.
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_addr = e.address;
  sa.sin_port = htons(e.port);
  sockaddr_in6 sa6{};
  sa6.sin6_family = AF_INET6;
  sa6.sin6_addr = e.address6;
  sa6.sin6_port = htons(e.port);
  if (e.family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
  const bool bound = e.family == AF_INET6
                         ? bind(fd, reinterpret_cast<const sockaddr*>(&sa6), sizeof sa6) == 0
                         : bind(fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) == 0;
  if (!bound || listen(fd, kBacklog) != 0) {
    std::fprintf(stderr, "lab_listener: %s: %s\n", e.text.c_str(), std::strerror(errno));
    close(fd);
    return -1;
  }
  return fd;
}

void accept_and_close_all(int fd) {
  // Drain everything pending: under a flood of completed handshakes one
  // accept per poll wake-up would let the queue fill.
  for (;;) {
    const int c = accept4(fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (c < 0) return;
    close(c);
  }
}

int usage() {
  std::fprintf(stderr, "usage: zeroscan_lab_listener [--ready-file PATH] PORT|ADDR:PORT|[ADDR6]:PORT...\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  // This process outlives whoever started it (a test binary reading the
  // script's output through a pipe, a CI job): holding their inherited fds
  // open would keep them waiting for an EOF that never comes.
  close_range(3, ~0U, 0);
  std::string ready_file;
  std::vector<Endpoint> endpoints;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--ready-file") {
      if (++i == argc) return usage();
      ready_file = argv[i];
      continue;
    }
    auto e = parse_endpoint(arg);
    if (!e) {
      std::fprintf(stderr, "lab_listener: bad endpoint '%s'\n", arg.c_str());
      return usage();
    }
    endpoints.push_back(*e);
  }
  if (endpoints.empty()) return usage();

  std::vector<pollfd> fds;
  for (const auto& e : endpoints) {
    const int fd = listen_on(e);
    if (fd < 0) return 1;
    fds.push_back({fd, POLLIN, 0});
  }
  if (!ready_file.empty()) {
    std::ofstream(ready_file) << getpid() << '\n';
  }
  for (;;) {
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      std::fprintf(stderr, "lab_listener: poll: %s\n", std::strerror(errno));
      return 1;
    }
    for (auto& p : fds)
      if (p.revents & POLLIN) accept_and_close_all(p.fd);
  }
}
