// Packet-socket opening and binding with uniform error messages, and the
// start-up privilege check built on them.
#include "packet_socket.h"

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "zeroscan/core/errors.h"
#include "zeroscan/net/privileges.h"

namespace zeroscan {

std::string packet_socket_privilege_advice() {
  return "zeroscan needs root or CAP_NET_RAW (and CAP_NET_ADMIN) to send raw packets: run it with sudo, "
         "or grant them once with `sudo setcap cap_net_raw,cap_net_admin+eip <path to zeroscan>`";
}

void require_packet_socket_privilege() {
  net_detail::open_packet_socket(SOCK_RAW, 0, "a raw packet socket");
}

namespace net_detail {

UniqueFd open_packet_socket(int type, int protocol, const std::string& purpose, int extra_flags) {
  UniqueFd fd(::socket(AF_PACKET, type | SOCK_CLOEXEC | extra_flags, htons(static_cast<std::uint16_t>(protocol))));
  if (fd.valid()) return fd;
  if (errno == EPERM || errno == EACCES) throw SystemError(packet_socket_privilege_advice());
  throw SystemError("cannot open " + purpose + ": " + std::strerror(errno));
}

void bind_packet_socket(int fd, int interface_index, int protocol, const std::string& purpose) {
  sockaddr_ll address{};
  address.sll_family = AF_PACKET;
  address.sll_ifindex = interface_index;
  address.sll_protocol = htons(static_cast<std::uint16_t>(protocol));
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    throw SystemError("cannot bind " + purpose + " to interface #" + std::to_string(interface_index) + ": " +
                      std::strerror(errno));
  }
}

}  // namespace net_detail
}  // namespace zeroscan
