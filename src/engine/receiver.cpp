// The receive path from raw frame to concluded record.
#include "zeroscan/engine/receiver.h"

#include "zeroscan/classify/classify.h"
#include "zeroscan/classify/host_discovery.h"
#include "zeroscan/engine/os_evidence.h"
#include "zeroscan/parse/ipv6_reply_parser.h"

namespace zeroscan {

void Receiver::handle_frame(const std::uint8_t* data, std::size_t size, LinkType link,
                            std::int64_t timestamp_ns) {
  handle_parsed(parse(data, size, link, timestamp_ns));
}

std::optional<Reply> Receiver::parse(const std::uint8_t* data, std::size_t size, LinkType link,
                                     std::int64_t timestamp_ns) const {
  // One named result, returned on every path: built in place (NRVO), so
  // the capture thread copies no Reply on its way to handle_parsed.
  std::optional<Reply> reply = parse_reply(data, size, link, timestamp_ns);
  if (!reply && ctx_.cookie6) reply = parse_ipv6_reply(data, size, link, timestamp_ns);
  return reply;
}

void Receiver::handle_parsed(const std::optional<Reply>& reply) {
  auto& c = ctx_.counters;
  c.received.fetch_add(1, std::memory_order_relaxed);
  if (!reply) {
    c.invalid.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  if (reply->family == IpFamily::V4) return handle_ipv4(*reply);
  handle_ipv6(*reply);  // parse() yields IPv6 replies only when there is a cookie6
}

void Receiver::handle_ipv4(const Reply& reply) { handle_verified(reply, ctx_.cookie.verify(reply)); }

void Receiver::handle_ipv6(const Reply& reply) { handle_verified(reply, ctx_.cookie6->verify(reply)); }

// Both families alike once the reply's cookie has spoken.
template <class Match>
void Receiver::handle_verified(const Reply& reply, const std::optional<Match>& match) {
  auto& c = ctx_.counters;
  if (!match) {
    c.invalid.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  // The OS evidence wants every verified reply, duplicates included: a
  // retransmitted SYN-ACK is the stack's timer speaking.
  if (ctx_.os) ctx_.os->add(reply, *match);
  const auto index = ctx_.space.index_of(match->target, match->port, match->kind);
  if (!index) {
    // A verified answer to a follow-up probe (-O) lies outside the scan
    // space on purpose; anything else there is a stray.
    const bool follow_up = ctx_.os && ctx_.space.has_host(match->target);
    (follow_up ? c.follow_up_answers : c.invalid).fetch_add(1, std::memory_order_relaxed);
    return;
  }
  conclude(reply, *match, *index,
           ctx_.per_host ? classify_host_reply(reply, match->target) : classify_reply(reply, match->kind));
}

template <class Match>
void Receiver::conclude(const Reply& reply, const Match& match, std::uint64_t index,
                        const std::optional<Classification>& verdict) {
  auto& c = ctx_.counters;
  if (!verdict) {
    c.inconclusive.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  if (!first_answer(index, verdict->state)) {
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
  if (!ctx_.results.try_push(capture_result(reply, match, verdict->state, verdict->reason)))
    c.results_lost.fetch_add(1, std::memory_order_relaxed);
}

bool Receiver::first_answer(std::uint64_t index, PortState state) {
  const std::uint8_t code = StateTable::code_of(state);
  if (!ctx_.per_host) return ctx_.table ? ctx_.table->set_first(index, code) : dedup_.first_time(index);
  // Per host: its slots are consecutive indices. The first answer marks
  // them all, so checking this one index is enough afterwards (once per
  // host up, a loop over its few discovery probes).
  const std::uint64_t slots = ctx_.space.slots().size();
  const std::uint64_t host = index / slots;
  if (!ctx_.table) return dedup_.first_time(host);
  if (ctx_.table->answered(index)) return false;
  for (std::uint64_t slot = 0; slot < slots; ++slot) ctx_.table->set_first(host * slots + slot, code);
  return true;
}

void Receiver::run(PacketSource& source, const std::atomic<bool>& stop) {
  const LinkType link = source.link_type();
  auto on_frame = [this, link](const std::uint8_t* data, std::size_t size, std::int64_t ts) {
    handle_frame(data, size, link, ts);
  };
  const FrameHandler handler(on_frame);
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
