// The receive path from raw frame to concluded record.
#include "zeroscan/engine/receiver.h"

#include "zeroscan/classify/classify.h"
#include "zeroscan/engine/os_evidence.h"

namespace zeroscan {

PortRecord make_port_record(const Reply& reply, const CookieMatch& match, PortState state,
                            StateReason reason) {
  PortRecord r;
  r.ip = match.target;
  r.port = match.port;
  r.probe = match.kind;
  r.state = state;
  r.reason = reason;
  r.attempt = match.attempt;
  r.answered = true;
  r.responder = reply.ip.src;
  r.ttl = reply.ip.ttl;
  r.ip_id = reply.ip.id;
  r.df = reply.ip.df;
  r.timestamp_ns = reply.timestamp_ns;
  if (reply.kind == ReplyKind::Tcp) {
    r.tcp_flags = reply.tcp.flags;
    r.window = reply.tcp.window;
    r.ack = reply.tcp.ack;
    if (reply.tcp.options.has_mss) r.mss = reply.tcp.options.mss;
    r.tcp_options = reply.tcp.options.layout.data();
  } else {
    r.icmp_type = reply.icmp.type;
    r.icmp_code = reply.icmp.code;
  }
  return r;
}

void Receiver::handle_frame(const std::uint8_t* data, std::size_t size, LinkType link,
                            std::int64_t timestamp_ns) {
  auto& c = ctx_.counters;
  c.received.fetch_add(1, std::memory_order_relaxed);
  const auto reply = parse_reply(data, size, link, timestamp_ns);
  if (!reply) {
    c.invalid.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  const auto match = ctx_.cookie.verify(*reply);
  if (!match) {
    c.invalid.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  // The OS evidence wants every verified reply, duplicates included: a
  // retransmitted SYN-ACK is the stack's timer speaking.
  if (ctx_.os) ctx_.os->add(*reply, *match);
  const auto index = ctx_.space.index_of(match->target, match->port, match->kind);
  if (!index) {
    // A verified answer to a follow-up probe (-O) lies outside the scan
    // space on purpose; anything else there is a stray.
    const bool follow_up = ctx_.os && ctx_.space.targets().contains(match->target);
    (follow_up ? c.follow_up_answers : c.invalid).fetch_add(1, std::memory_order_relaxed);
    return;
  }
  const auto verdict = classify_reply(*reply, match->kind);
  if (!verdict) {
    c.inconclusive.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  const bool first = ctx_.table ? ctx_.table->set_first(*index, StateTable::code_of(verdict->state))
                                : dedup_.first_time(*index);
  if (!first) {
    c.duplicates.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  c.matched.fetch_add(1, std::memory_order_relaxed);
  switch (verdict->state) {
    case PortState::Open: c.open.fetch_add(1, std::memory_order_relaxed); break;
    case PortState::Closed: c.closed.fetch_add(1, std::memory_order_relaxed); break;
    case PortState::Filtered: c.filtered.fetch_add(1, std::memory_order_relaxed); break;
    case PortState::Unfiltered: c.unfiltered.fetch_add(1, std::memory_order_relaxed); break;
    case PortState::Unknown: break;
  }
  ctx_.results.port(make_port_record(*reply, *match, verdict->state, verdict->reason));
}

void Receiver::run(PacketSource& source, const std::atomic<bool>& stop) {
  const LinkType link = source.link_type();
  const FrameHandler handler = [this, link](const std::uint8_t* data, std::size_t size,
                                            std::int64_t ts) { handle_frame(data, size, link, ts); };
  // pcap_stats is read here, on the capture's own thread, never elsewhere.
  auto sample_drops = [&] {
    ctx_.counters.kernel_dropped.store(source.stats().kernel_dropped, std::memory_order_relaxed);
  };
  int rounds = 0;
  while (!stop.load(std::memory_order_acquire)) {
    if (source.dispatch(20, handler) < 0) break;
    if (++rounds % 16 == 0) sample_drops();
  }
  // Drain what is already queued: replies that arrived before the stop.
  for (int i = 0; i < 8 && source.dispatch(0, handler) > 0; ++i) {
  }
  sample_drops();
}

}  // namespace zeroscan
