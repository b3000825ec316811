// ScriptedNetwork: scripts, the send side (record, parse, answer) and the
// capture side (dispatch counting, delays, hand-over outside the lock).
#include "support/scripted_network.h"

#include <chrono>

#include "support/scripted_replies.h"
#include "zeroscan/parse/ipv6_reply_parser.h"
#include "zeroscan/parse/reply_parser.h"

namespace zeroscan {

namespace {

std::int64_t realtime_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool is_syn_probe(std::uint8_t flags) { return (flags & tcp_flag::Syn) && !(flags & tcp_flag::Ack); }

bool is_ack_probe(std::uint8_t flags) {
  return (flags & tcp_flag::Ack) && !(flags & (tcp_flag::Syn | tcp_flag::Rst | tcp_flag::Fin));
}

}  // namespace

ScriptedNetwork::ScriptedNetwork() : ScriptedNetwork(realtime_ns) {}

ScriptedNetwork::ScriptedNetwork(Clock clock) : clock_(std::move(clock)) {}

void ScriptedNetwork::script(Ipv4 address, std::uint16_t port, const PortBehaviour& behaviour) {
  std::lock_guard<std::mutex> lock(mutex_);
  ports_[{address.value, port}] = behaviour;
}

void ScriptedNetwork::script_host(Ipv4 address, const PortBehaviour& behaviour) {
  std::lock_guard<std::mutex> lock(mutex_);
  hosts_[address.value] = behaviour;
}

void ScriptedNetwork::script(Ipv6 address, std::uint16_t port, const PortBehaviour& behaviour) {
  std::lock_guard<std::mutex> lock(mutex_);
  ports6_[{address, port}] = behaviour;
}

void ScriptedNetwork::script_host(Ipv6 address, const PortBehaviour& behaviour) {
  std::lock_guard<std::mutex> lock(mutex_);
  hosts6_[address] = behaviour;
}

void ScriptedNetwork::set_default(const PortBehaviour& behaviour) {
  std::lock_guard<std::mutex> lock(mutex_);
  default_ = behaviour;
}

void ScriptedNetwork::inject(Frame frame, int delay_dispatches) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue(std::move(frame), delay_dispatches);
  }
  arrived_.notify_all();
}

void ScriptedNetwork::accept_at_most(std::size_t frames_per_send) {
  std::lock_guard<std::mutex> lock(mutex_);
  accept_limit_ = frames_per_send;
}

std::size_t ScriptedNetwork::send(const FrameRef* frames, std::size_t count) {
  std::size_t accepted = count;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (accept_limit_ != 0) accepted = std::min(count, accept_limit_);
    for (std::size_t i = 0; i < accepted; ++i) {
      sent_.emplace_back(frames[i].data, frames[i].data + frames[i].size);
      answer(frames[i].data, frames[i].size);
    }
  }
  arrived_.notify_all();
  return accepted;
}

const PortBehaviour& ScriptedNetwork::behaviour_for(const Reply& probe) const {
  const std::uint16_t port = probe.tcp.dst_port;
  if (probe.family == IpFamily::V6) {
    if (auto exact = ports6_.find({probe.ip6.dst, port}); exact != ports6_.end()) return exact->second;
    if (auto host = hosts6_.find(probe.ip6.dst); host != hosts6_.end()) return host->second;
    return default_;
  }
  if (auto exact = ports_.find({probe.ip.dst.value, port}); exact != ports_.end()) return exact->second;
  if (auto host = hosts_.find(probe.ip.dst.value); host != hosts_.end()) return host->second;
  return default_;
}

ReplyFrame ScriptedNetwork::unreachable(const std::uint8_t* frame, std::size_t size, const Reply& probe,
                                        const PortBehaviour& behaviour) const {
  if (probe.family == IpFamily::V6)
    return build_icmpv6_unreachable(frame, size, probe, behaviour.icmp_code, behaviour.icmp_source6,
                                    behaviour.style);
  return build_icmp_unreachable(frame, size, probe, behaviour.icmp_code, behaviour.icmp_source, behaviour.style);
}

void ScriptedNetwork::script_echo(Ipv4 address, const PortBehaviour& behaviour) {
  std::lock_guard<std::mutex> lock(mutex_);
  echo_[address.value] = behaviour;
}

void ScriptedNetwork::answer_echo(const std::uint8_t* frame, std::size_t size, const Reply& probe) {
  auto it = echo_.find(probe.ip.dst.value);
  if (it == echo_.end() || it->second.kind == PortBehaviour::Kind::Drop || it->second.kind == PortBehaviour::Kind::Closed)
    return;
  const PortBehaviour& behaviour = it->second;
  const ReplyFrame reply =
      behaviour.kind == PortBehaviour::Kind::Open
          ? build_echo_reply(frame, probe, behaviour.style)
          : build_icmp_unreachable(frame, size, probe, behaviour.icmp_code, behaviour.icmp_source, behaviour.style);
  for (int copy = 0; copy < behaviour.copies; ++copy) queue(reply, behaviour.delay_dispatches);
}

void ScriptedNetwork::answer(const std::uint8_t* frame, std::size_t size) {
  auto probe = parse_reply(frame, size, LinkType::Ethernet);
  if (!probe) probe = parse_ipv6_reply(frame, size, LinkType::Ethernet);
  if (probe && probe->kind == ReplyKind::IcmpEcho && probe->icmp.type == 8) return answer_echo(frame, size, *probe);
  if (!probe || probe->kind != ReplyKind::Tcp) return;
  const std::uint8_t flags = probe->tcp.flags;
  if (!is_syn_probe(flags) && !is_ack_probe(flags)) return;
  const PortBehaviour& behaviour = behaviour_for(*probe);

  ReplyFrame reply;
  switch (behaviour.kind) {
    case PortBehaviour::Kind::Drop: return;
    case PortBehaviour::Kind::Open:
      reply = is_syn_probe(flags) ? build_syn_ack(frame, size, *probe, behaviour.style)
                                  : build_rst_for_ack(frame, size, *probe, behaviour.style);
      break;
    case PortBehaviour::Kind::Closed:
      reply = is_syn_probe(flags) ? build_rst_ack(frame, size, *probe, behaviour.style)
                                  : build_rst_for_ack(frame, size, *probe, behaviour.style);
      break;
    case PortBehaviour::Kind::IcmpUnreachable:
      reply = unreachable(frame, size, *probe, behaviour);
      break;
  }
  for (int copy = 0; copy < behaviour.copies; ++copy) queue(reply, behaviour.delay_dispatches);
}

void ScriptedNetwork::queue(Frame bytes, int delay_dispatches) {
  // The call in progress (or the next one) is number completed + 1.
  std::uint64_t release_at = completed_dispatches_ + 1 + std::uint64_t(std::max(delay_dispatches, 0));
  pending_.push_back(Pending{std::move(bytes), release_at});
}

int ScriptedNetwork::dispatch(int timeout_ms, const FrameHandler& handler) {
  std::vector<Frame> ready;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    const std::uint64_t call = completed_dispatches_ + 1;
    auto any_ready = [&] {
      return std::any_of(pending_.begin(), pending_.end(), [&](const Pending& p) { return p.release_at <= call; });
    };
    if (!any_ready() && timeout_ms > 0) {
      arrived_.wait_for(lock, std::chrono::milliseconds(timeout_ms), any_ready);
    }
    // Stable partition keeps the frames in the order they were queued.
    auto split = std::stable_partition(pending_.begin(), pending_.end(),
                                       [&](const Pending& p) { return p.release_at <= call; });
    for (auto it = pending_.begin(); it != split; ++it) ready.push_back(std::move(it->bytes));
    pending_.erase(pending_.begin(), split);
    completed_dispatches_ = call;
    delivered_ += ready.size();
  }
  // Outside the lock: the handler may well send (or read sent_frames()).
  for (const Frame& frame : ready) handler(frame.data(), frame.size(), clock_());
  return static_cast<int>(ready.size());
}

CaptureStats ScriptedNetwork::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  CaptureStats stats;
  stats.received = delivered_;
  return stats;
}

std::vector<ScriptedNetwork::Frame> ScriptedNetwork::sent_frames() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sent_;
}

std::size_t ScriptedNetwork::sent_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sent_.size();
}

std::size_t ScriptedNetwork::pending_frames() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return pending_.size();
}

std::uint64_t ScriptedNetwork::dispatch_calls() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return completed_dispatches_;
}

}  // namespace zeroscan
