// rtnetlink dump transport: request, receive loop, error mapping.
#include "netlink_dump.h"

#include <net/if.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "unique_fd.h"
#include "zeroscan/core/errors.h"

namespace zeroscan::net_detail {

namespace {

[[noreturn]] void fail(const std::string& what, int error) {
  throw SystemError("cannot read " + what + " from the kernel (netlink): " + std::strerror(error));
}

}  // namespace

void netlink_dump(std::uint16_t type, const void* header, std::size_t header_size,
                  const std::function<void(const nlmsghdr&)>& visit, const std::string& what) {
  UniqueFd fd(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
  if (!fd.valid()) fail(what, errno);

  // A dump normally answers within microseconds; the timeout only exists
  // so that a wedged kernel interface can never hang start-up.
  timeval timeout{2, 0};
  ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);

  std::vector<std::uint8_t> request(NLMSG_SPACE(header_size), 0);
  auto* request_header = reinterpret_cast<nlmsghdr*>(request.data());
  request_header->nlmsg_len = NLMSG_LENGTH(header_size);
  request_header->nlmsg_type = type;
  request_header->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  request_header->nlmsg_seq = 1;
  std::memcpy(NLMSG_DATA(request_header), header, header_size);

  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  if (::sendto(fd.get(), request.data(), request_header->nlmsg_len, 0,
               reinterpret_cast<const sockaddr*>(&kernel), sizeof kernel) < 0) {
    fail(what, errno);
  }

  // Dump parts are at most 32 KiB on current kernels; 64 KiB leaves room,
  // and MSG_TRUNC tells us if that ever stops being true.
  std::vector<std::uint8_t> buffer(64 * 1024);
  for (;;) {
    iovec io{buffer.data(), buffer.size()};
    msghdr message{};
    message.msg_iov = &io;
    message.msg_iovlen = 1;
    ssize_t received = ::recvmsg(fd.get(), &message, 0);
    if (received < 0) {
      if (errno == EINTR) continue;
      fail(what, errno == EAGAIN ? ETIMEDOUT : errno);
    }
    if (message.msg_flags & MSG_TRUNC) fail(what, EMSGSIZE);

    int remaining = static_cast<int>(received);
    for (auto* part = reinterpret_cast<nlmsghdr*>(buffer.data()); NLMSG_OK(part, remaining);
         part = NLMSG_NEXT(part, remaining)) {
      if (part->nlmsg_type == NLMSG_DONE) return;
      if (part->nlmsg_type == NLMSG_ERROR) {
        const auto* error = static_cast<const nlmsgerr*>(NLMSG_DATA(part));
        if (error->error == 0) continue;  // an ACK, not a failure
        fail(what, -error->error);
      }
      visit(*part);
    }
  }
}

void for_each_attribute(const rtattr* first, std::size_t length,
                        const std::function<void(std::uint16_t, const void*, std::size_t)>& visit) {
  auto remaining = static_cast<unsigned int>(length);
  for (const rtattr* attribute = first; RTA_OK(attribute, remaining);
       attribute = RTA_NEXT(attribute, remaining)) {
    visit(attribute->rta_type, RTA_DATA(attribute), RTA_PAYLOAD(attribute));
  }
}

std::string interface_name(int index) {
  char name[IF_NAMESIZE] = {};
  if (index <= 0 || ::if_indextoname(static_cast<unsigned>(index), name) == nullptr) return {};
  return name;
}

}  // namespace zeroscan::net_detail
