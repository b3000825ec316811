// netlink_dump: one rtnetlink dump request (routes, links, addresses,
// neighbours) and a walk over the answer. Private to src/net; the table
// readers (routes.cpp, interfaces.cpp, neighbours.cpp) build on it so each
// of them only decodes its own message type.
#pragma once

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace zeroscan::net_detail {

// Sends an NLM_F_DUMP request of `type` (RTM_GETROUTE, RTM_GETLINK, ...)
// whose body is `header` (rtmsg, ifinfomsg, ...) and calls `visit` for every
// answer message. Bounded: gives up after a 2 s silence. Throws SystemError
// naming `what` on any failure.
void netlink_dump(std::uint16_t type, const void* header, std::size_t header_size,
                  const std::function<void(const nlmsghdr&)>& visit, const std::string& what);

// Calls visit(type, payload, length) for each attribute in [first, first+length).
void for_each_attribute(const rtattr* first, std::size_t length,
                        const std::function<void(std::uint16_t, const void*, std::size_t)>& visit);

// The name of interface `index` in this network namespace, "" if none.
std::string interface_name(int index);

}  // namespace zeroscan::net_detail
