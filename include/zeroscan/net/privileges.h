// Privilege check: raw packet sockets need root or CAP_NET_RAW. Checked once
// at start-up so the user gets one clear line instead of a failure deep in
// the sender.
#pragma once

#include <string>

namespace zeroscan {

// The one-line advice used whenever the kernel refuses a packet socket.
std::string packet_socket_privilege_advice();

// Opens (and closes) an AF_PACKET raw socket. Throws SystemError with
// packet_socket_privilege_advice() on EPERM/EACCES, and a SystemError
// naming the errno for anything else (e.g. a kernel without AF_PACKET).
void require_packet_socket_privilege();

}  // namespace zeroscan
