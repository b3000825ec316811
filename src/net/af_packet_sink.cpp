// AfPacketSink (Ethernet frames) and IpLayerSink (frames from the IP header)
// as thin set-ups over BatchSender.
#include "zeroscan/net/af_packet_sink.h"

#include <arpa/inet.h>
#include <linux/if_ether.h>

#include "batch_sender.h"

namespace zeroscan {

AfPacketSink::AfPacketSink(const InterfaceInfo& iface, const AfPacketSinkOptions& options) {
  auto socket = net_detail::open_send_socket(SOCK_RAW, iface, options);
  qdisc_bypassed_ = socket.qdisc_bypassed;
  sender_ = std::make_unique<net_detail::BatchSender>(std::move(socket.fd), std::nullopt, options.max_batch);
}

AfPacketSink::~AfPacketSink() = default;

std::size_t AfPacketSink::send(const FrameRef* frames, std::size_t count) { return sender_->send(frames, count); }

SinkStats AfPacketSink::stats() const { return sender_->stats(); }

IpLayerSink::IpLayerSink(const InterfaceInfo& iface, const AfPacketSinkOptions& options) {
  auto socket = net_detail::open_send_socket(SOCK_DGRAM, iface, options);
  qdisc_bypassed_ = socket.qdisc_bypassed;
  // The socket is bound with protocol 0 so that it receives nothing; each
  // message therefore names its protocol (and device) itself.
  sockaddr_ll destination{};
  destination.sll_family = AF_PACKET;
  destination.sll_protocol = htons(ETH_P_IP);
  destination.sll_ifindex = iface.index;
  sender_ = std::make_unique<net_detail::BatchSender>(std::move(socket.fd), destination, options.max_batch);
}

IpLayerSink::~IpLayerSink() = default;

std::size_t IpLayerSink::send(const FrameRef* frames, std::size_t count) { return sender_->send(frames, count); }

SinkStats IpLayerSink::stats() const { return sender_->stats(); }

}  // namespace zeroscan
