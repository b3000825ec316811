// ScriptedNetwork: an in-memory network for engine tests. It is both the
// PacketSink the sender writes probes into and the PacketSource the
// receiver captures from (Ethernet link type). Every frame sent is recorded,
// parsed with parse_reply and answered as scripted per (address, port):
//
//   net.script(ip, 22, PortBehaviour::open());
//   net.script(ip, 80, PortBehaviour::closed().duplicate(3));
//   net.script(ip, 443, PortBehaviour::icmp_unreachable(13).from(router));
//   net.script_host(other, PortBehaviour::drop());
//   net.set_default(PortBehaviour::closed());   // every pair not scripted
//
// Lookup order: exact (address, port), then the host's script, then the
// default (drop unless set). TCP probes are answered: SYN (SYN without
// ACK) and ACK (ACK without SYN/RST/FIN); so are ICMP echo requests, as
// script_echo says (open: an echo reply; icmp_unreachable: that error;
// default drop). Anything else is recorded only.
//
//   net.script_echo(ip, PortBehaviour::open());
//
// IPv6 probes are answered the same way over IPv6 (script/script_host take
// an Ipv6 too; the default covers both families; icmp_unreachable becomes
// ICMPv6 destination unreachable with that code, from(Ipv6) its router).
//
// Timing is counted in dispatch() calls, not in time, so tests are
// deterministic: a reply with delay(n) is withheld from the next n dispatch
// calls (a call already waiting counts as the first of them) and handed over
// by the call after those; delay 0 means the waiting or next call.
//
// Thread-safe: the engine sends from one thread while another dispatches.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "support/port_behaviour.h"
#include "support/scripted_replies.h"
#include "zeroscan/net/packet_io.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan {

class ScriptedNetwork final : public PacketSink, public PacketSource {
 public:
  using Frame = std::vector<std::uint8_t>;
  // Capture timestamps for delivered frames (CLOCK_REALTIME ns by default).
  using Clock = std::function<std::int64_t()>;

  ScriptedNetwork();
  explicit ScriptedNetwork(Clock clock);

  void script(Ipv4 address, std::uint16_t port, const PortBehaviour& behaviour);
  void script_host(Ipv4 address, const PortBehaviour& behaviour);
  void script(Ipv6 address, std::uint16_t port, const PortBehaviour& behaviour);
  void script_host(Ipv6 address, const PortBehaviour& behaviour);
  void set_default(const PortBehaviour& behaviour);
  void script_echo(Ipv4 address, const PortBehaviour& behaviour);
  // Queues a raw frame (garbage, hostile, or a hand-made reply) for capture.
  void inject(Frame frame, int delay_dispatches = 0);
  // Accepts at most this many frames per send() call, like a full NIC queue
  // returning ENOBUFS (0: no limit).
  void accept_at_most(std::size_t frames_per_send);

  // PacketSink
  std::size_t send(const FrameRef* frames, std::size_t count) override;
  // PacketSource
  LinkType link_type() const override { return LinkType::Ethernet; }
  int dispatch(int timeout_ms, const FrameHandler& handler) override;
  CaptureStats stats() const override;

  std::vector<Frame> sent_frames() const;
  std::size_t sent_count() const;
  std::size_t pending_frames() const;  // queued for capture, not yet handed over
  std::uint64_t dispatch_calls() const;

 private:
  struct Pending {
    Frame bytes;
    std::uint64_t release_at;  // the dispatch call number that may hand it over
  };
  const PortBehaviour& behaviour_for(const Reply& probe) const;
  ReplyFrame unreachable(const std::uint8_t* frame, std::size_t size, const Reply& probe,
                         const PortBehaviour& behaviour) const;
  void queue(Frame bytes, int delay_dispatches);  // caller holds mutex_
  void answer(const std::uint8_t* frame, std::size_t size);  // caller holds mutex_
  void answer_echo(const std::uint8_t* frame, std::size_t size, const Reply& probe);  // caller holds mutex_

  Clock clock_;
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::map<std::pair<std::uint32_t, std::uint16_t>, PortBehaviour> ports_;
  std::map<std::uint32_t, PortBehaviour> hosts_;
  std::map<std::uint32_t, PortBehaviour> echo_;
  std::map<std::pair<Ipv6, std::uint16_t>, PortBehaviour> ports6_;
  std::map<Ipv6, PortBehaviour> hosts6_;
  PortBehaviour default_ = PortBehaviour::drop();
  std::size_t accept_limit_ = 0;
  std::vector<Frame> sent_;
  std::vector<Pending> pending_;
  std::uint64_t completed_dispatches_ = 0;
  std::uint64_t delivered_ = 0;
};

}  // namespace zeroscan
