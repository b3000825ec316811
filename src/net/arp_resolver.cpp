// arp_resolve: asks the link who has each address, over an AF_PACKET ARP
// socket. Bounded in rounds and time by construction: every wait has a
// deadline, and nothing loops on the network's goodwill.
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <unordered_map>
#include <unordered_set>

#include "packet_socket.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/net/arp_frame.h"
#include "zeroscan/net/next_hop.h"

namespace zeroscan {

namespace {

using Clock = std::chrono::steady_clock;

// Requests go out in chunks with the socket drained in between, so a large
// on-link target list cannot overflow our receive buffer with early answers.
constexpr std::size_t kRequestsPerChunk = 256;

class ArpSession {
 public:
  ArpSession(const InterfaceInfo& iface, const std::vector<Ipv4>& addresses) : iface_(iface) {
    fd_ = net_detail::open_packet_socket(SOCK_RAW, ETH_P_ARP, "an ARP socket", SOCK_NONBLOCK);
    net_detail::bind_packet_socket(fd_.get(), iface.index, ETH_P_ARP, "the ARP socket");
    int receive_buffer = 4 << 20;
    ::setsockopt(fd_.get(), SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    for (Ipv4 address : addresses) answers_.emplace(address.value, std::nullopt);
    unanswered_ = answers_.size();
  }

  void run(int attempts, int timeout_ms) {
    for (int round = 0; round < attempts && unanswered() > 0; ++round) {
      send_round();
      wait_for_answers(Clock::now() + std::chrono::milliseconds(timeout_ms));
    }
  }

  // Answers in the caller's order; an address listed twice appears once.
  std::vector<std::pair<Ipv4, MacAddress>> results(const std::vector<Ipv4>& order) const {
    std::vector<std::pair<Ipv4, MacAddress>> found;
    std::unordered_set<std::uint32_t> reported;
    for (Ipv4 address : order) {
      auto entry = answers_.find(address.value);
      if (entry != answers_.end() && entry->second && reported.insert(address.value).second) {
        found.emplace_back(address, *entry->second);
      }
    }
    return found;
  }

 private:
  std::size_t unanswered() const { return unanswered_; }

  void send_round() {
    std::size_t in_chunk = 0;
    for (const auto& [address, mac] : answers_) {
      if (mac) continue;
      send_request(Ipv4(address));
      if (++in_chunk == kRequestsPerChunk) {
        in_chunk = 0;
        drain();
      }
    }
  }

  void send_request(Ipv4 target) {
    auto frame = build_arp_request(iface_.mac, iface_.address, target);
    // A full send queue gets a short grace period, then the request is
    // skipped: the next round (or the caller's verdict) covers it.
    for (int tries = 0; tries < 2; ++tries) {
      if (::send(fd_.get(), frame.data(), frame.size(), 0) >= 0) return;
      if (errno != EAGAIN && errno != ENOBUFS && errno != EINTR) return;
      pollfd writable{fd_.get(), POLLOUT, 0};
      ::poll(&writable, 1, 10);
    }
  }

  void wait_for_answers(Clock::time_point deadline) {
    while (unanswered() > 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return;
      pollfd readable{fd_.get(), POLLIN, 0};
      if (::poll(&readable, 1, static_cast<int>(left)) > 0) drain();
    }
  }

  void drain() {
    std::uint8_t buffer[256];
    // Bounded: a flood of ARP traffic cannot keep us here forever.
    for (int frames = 0; frames < 65536; ++frames) {
      ssize_t size = ::recv(fd_.get(), buffer, sizeof buffer, 0);
      if (size < 0) return;
      auto answer = parse_arp_reply(buffer, static_cast<std::size_t>(size));
      if (!answer) continue;
      auto entry = answers_.find(answer->address.value);
      if (entry != answers_.end() && !entry->second) {
        entry->second = answer->mac;
        --unanswered_;
      }
    }
  }

  const InterfaceInfo& iface_;
  net_detail::UniqueFd fd_;
  std::unordered_map<std::uint32_t, std::optional<MacAddress>> answers_;
  std::size_t unanswered_ = 0;
};

}  // namespace

std::vector<std::pair<Ipv4, MacAddress>> arp_resolve(const InterfaceInfo& iface, const std::vector<Ipv4>& addresses,
                                                     int attempts, int timeout_ms) {
  if (addresses.empty() || attempts <= 0) return {};
  if (!iface.has_link_layer || iface.is_loopback) {
    throw SystemError("cannot ARP on interface '" + iface.name + "': it has no Ethernet link layer");
  }
  ArpSession session(iface, addresses);
  session.run(attempts, std::max(timeout_ms, 1));
  return session.results(addresses);
}

}  // namespace zeroscan
