// NeighbourSession (private to src/net): asks the link who has each
// address — ARP for IPv4, NDP neighbour solicitation for IPv6 — over an
// AF_PACKET socket. `Protocol` supplies the address type, the EtherType,
// the request frame and the answer parser. Bounded in rounds and time by
// construction: every wait has a deadline, and nothing loops on the
// network's goodwill.
#pragma once

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "packet_socket.h"
#include "zeroscan/core/mac_address.h"

namespace zeroscan::net_detail {

template <typename Protocol>
class NeighbourSession {
 public:
  using Address = typename Protocol::Address;

  NeighbourSession(const Protocol& protocol, int interface_index, const std::vector<Address>& addresses)
      : protocol_(protocol) {
    fd_ = open_packet_socket(SOCK_RAW, Protocol::kEtherType, Protocol::kPurpose, SOCK_NONBLOCK);
    bind_packet_socket(fd_.get(), interface_index, Protocol::kEtherType, Protocol::kPurpose);
    int receive_buffer = 4 << 20;
    ::setsockopt(fd_.get(), SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    for (const Address& address : addresses) answers_.emplace(address, std::nullopt);
    unanswered_ = answers_.size();
  }

  void run(int attempts, int timeout_ms) {
    for (int round = 0; round < attempts && unanswered_ > 0; ++round) {
      send_round();
      wait_for_answers(Clock::now() + std::chrono::milliseconds(timeout_ms));
    }
  }

  // Answers in the caller's order; an address listed twice appears once.
  std::vector<std::pair<Address, MacAddress>> results(const std::vector<Address>& order) const {
    std::vector<std::pair<Address, MacAddress>> found;
    std::set<Address> reported;
    for (const Address& address : order) {
      auto entry = answers_.find(address);
      if (entry != answers_.end() && entry->second && reported.insert(address).second)
        found.emplace_back(address, *entry->second);
    }
    return found;
  }

 private:
  using Clock = std::chrono::steady_clock;
  // Requests go out in chunks with the socket drained in between, so a large
  // on-link target list cannot overflow our receive buffer with early answers.
  static constexpr std::size_t kRequestsPerChunk = 256;

  void send_round() {
    std::size_t in_chunk = 0;
    for (const auto& [address, mac] : answers_) {
      if (mac) continue;
      send_request(address);
      if (++in_chunk == kRequestsPerChunk) {
        in_chunk = 0;
        drain();
      }
    }
  }

  void send_request(const Address& target) {
    const auto frame = protocol_.request(target);
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
    while (unanswered_ > 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return;
      pollfd readable{fd_.get(), POLLIN, 0};
      if (::poll(&readable, 1, static_cast<int>(left)) > 0) drain();
    }
  }

  void drain() {
    std::uint8_t buffer[512];
    // Bounded: a flood of traffic cannot keep us here forever.
    for (int frames = 0; frames < 65536; ++frames) {
      const ssize_t size = ::recv(fd_.get(), buffer, sizeof buffer, 0);
      if (size < 0) return;
      const auto answer = protocol_.parse(buffer, static_cast<std::size_t>(size));
      if (!answer) continue;
      auto entry = answers_.find(answer->address);
      if (entry != answers_.end() && !entry->second) {
        entry->second = answer->mac;
        --unanswered_;
      }
    }
  }

  const Protocol& protocol_;
  UniqueFd fd_;
  std::map<Address, std::optional<MacAddress>> answers_;
  std::size_t unanswered_ = 0;
};

}  // namespace zeroscan::net_detail
