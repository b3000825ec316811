// open_packet_socket: every AF_PACKET socket of src/net is opened here, so
// privilege failures always produce the same one-line advice. Private to
// src/net.
#pragma once

#include <string>

#include "unique_fd.h"

namespace zeroscan::net_detail {

// socket(AF_PACKET, type | SOCK_CLOEXEC | extra_flags, htons(protocol)).
// Throws SystemError: the privilege advice on EPERM/EACCES, otherwise
// "cannot open <purpose>: <strerror>".
UniqueFd open_packet_socket(int type, int protocol, const std::string& purpose, int extra_flags = 0);

// bind() to the interface with `protocol` (0: receive nothing). Throws SystemError.
void bind_packet_socket(int fd, int interface_index, int protocol, const std::string& purpose);

}  // namespace zeroscan::net_detail
