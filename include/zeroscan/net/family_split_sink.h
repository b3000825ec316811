// FamilySplitSink: one sender thread's sink for a scan of both families
// whose two families leave through different sockets (this machine: 127/8
// and ::1 through the two raw IP sinks). Each frame goes to the sink of its
// IP version (the nibble after the link header), consecutive frames of one
// family as one batch. Frames of both families through one AF_PACKET
// socket need no split.
#pragma once

#include <cstddef>

#include "zeroscan/net/packet_io.h"

namespace zeroscan {

class FamilySplitSink final : public PacketSink {
 public:
  FamilySplitSink(PacketSink& ipv4, PacketSink& ipv6, std::size_t link_header)
      : ipv4_(ipv4), ipv6_(ipv6), link_header_(link_header) {}

  // PacketSink's contract: a short count when either sink returned one.
  // Never throws, never allocates.
  std::size_t send(const FrameRef* frames, std::size_t count) override;

 private:
  bool is_ipv6(const FrameRef& frame) const {
    return frame.size > link_header_ && (frame.data[link_header_] >> 4) == 6;
  }

  PacketSink& ipv4_;
  PacketSink& ipv6_;
  std::size_t link_header_;
};

}  // namespace zeroscan
