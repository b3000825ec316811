// --packet-trace: rings filled by the hot threads, drained by a printer.
#include "zeroscan/cli/packet_trace.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "zeroscan/engine/clock.h"

namespace zeroscan {

namespace {

// nmap's flag letters, in nmap's order.
std::string flag_letters(std::uint8_t flags) {
  static constexpr struct {
    std::uint8_t bit;
    char letter;
  } kLetters[] = {{tcp_flag::Fin, 'F'}, {tcp_flag::Syn, 'S'}, {tcp_flag::Rst, 'R'}, {tcp_flag::Psh, 'P'},
                  {tcp_flag::Ack, 'A'}, {tcp_flag::Urg, 'U'}, {tcp_flag::Ece, 'E'}, {tcp_flag::Cwr, 'C'}};
  std::string out;
  for (const auto& l : kLetters)
    if (flags & l.bit) out += l.letter;
  return out;
}

std::string ip_tail(const IpFields& ip) {
  return " ttl=" + std::to_string(ip.ttl) + " id=" + std::to_string(ip.id) +
         " iplen=" + std::to_string(ip.total_length);
}

}  // namespace

std::string format_trace_line(const char* direction, double seconds, const Reply& f) {
  char head[48];
  std::snprintf(head, sizeof head, "%s (%.4fs) ", direction, seconds);
  std::string line = head;
  if (f.kind == ReplyKind::Tcp) {
    line += "TCP " + f.ip.src.to_string() + ":" + std::to_string(f.tcp.src_port) + " > " +
            f.ip.dst.to_string() + ":" + std::to_string(f.tcp.dst_port) + " " + flag_letters(f.tcp.flags) +
            ip_tail(f.ip) + " seq=" + std::to_string(f.tcp.seq);
    if (f.tcp.flags & tcp_flag::Ack) line += " ack=" + std::to_string(f.tcp.ack);
    line += " win=" + std::to_string(f.tcp.window);
    if (f.tcp.options.has_mss) line += " <mss " + std::to_string(f.tcp.options.mss) + ">";
    return line;
  }
  if (f.kind == ReplyKind::IcmpEcho)
    return line + "ICMP [" + f.ip.src.to_string() + " > " + f.ip.dst.to_string() +
           (f.icmp.type == 0 ? " Echo reply" : " Echo request") + " (type=" + std::to_string(f.icmp.type) +
           "/code=0) id=" + std::to_string(f.icmp.echo >> 16) + " seq=" + std::to_string(f.icmp.echo & 0xffff) +
           "] IP [" + ip_tail(f.ip).substr(1) + "]";
  const QuotedProbe& q = f.icmp.quoted;
  return line + "ICMP [" + f.ip.src.to_string() + " > " + f.ip.dst.to_string() +
         " type=" + std::to_string(f.icmp.type) + "/code=" + std::to_string(f.icmp.code) + (q.protocol == 1 ? " quoting ICMP " : " quoting TCP ") +
         q.src.to_string() + ":" + std::to_string(q.src_port) + " > " + q.dst.to_string() + ":" +
         std::to_string(q.dst_port) + "] IP [" + ip_tail(f.ip).substr(1) + "]";
}

bool TraceRing::push(const std::uint8_t* data, std::size_t size, std::int64_t timestamp_ns) noexcept {
  const std::size_t tail = tail_.load(std::memory_order_relaxed);
  if (tail - head_.load(std::memory_order_acquire) >= kCapacity) {
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return false;
  }
  Slot& slot = slots_[tail % kCapacity];
  slot.timestamp_ns = timestamp_ns;
  slot.size = std::uint16_t(std::min(size, kHeadBytes));
  std::memcpy(slot.bytes.data(), data, slot.size);
  tail_.store(tail + 1, std::memory_order_release);
  return true;
}

const TraceRing::Slot* TraceRing::front() const noexcept {
  const std::size_t head = head_.load(std::memory_order_relaxed);
  if (head == tail_.load(std::memory_order_acquire)) return nullptr;
  return &slots_[head % kCapacity];
}

void TraceRing::pop() noexcept { head_.store(head_.load(std::memory_order_relaxed) + 1, std::memory_order_release); }

PacketTrace::PacketTrace(std::ostream& out, std::ostream& note, unsigned lines_per_second)
    : out_(out), note_(note), lines_per_second_(std::max(1u, lines_per_second)), start_ns_(realtime_ns()) {}

PacketTrace::~PacketTrace() {
  if (thread_.joinable()) stop();
}

TraceRing& PacketTrace::add_ring(const char* direction, LinkType link) {
  rings_.emplace_back(direction, link);
  return rings_.back();
}

void PacketTrace::start() {
  thread_ = std::thread([this] {
    const std::size_t per_tick = std::max<std::size_t>(1, lines_per_second_ / 10);
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(100), [this] { return stopping_; }))
      if (print(per_tick) > 0) out_.flush();  // live, not at exit
  });
}

void PacketTrace::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  print(std::max<std::size_t>(1, lines_per_second_ / 10));
  for (TraceRing& ring : rings_)
    for (; ring.front(); ring.pop()) ++unprinted_;
  if (const std::uint64_t left_out = suppressed())
    note_ << "zeroscan: --packet-trace: " << left_out << " frame(s) not shown (at most " << lines_per_second_
          << " lines/s)\n";
  out_.flush();
}

std::size_t PacketTrace::print(std::size_t budget) {
  std::size_t printed = 0;
  while (printed < budget) {
    TraceRing* oldest = nullptr;
    for (TraceRing& ring : rings_)
      if (const auto* slot = ring.front(); slot && (!oldest || slot->timestamp_ns < oldest->front()->timestamp_ns))
        oldest = &ring;
    if (!oldest) break;
    const TraceRing::Slot& slot = *oldest->front();
    if (const auto frame = parse_reply(slot.bytes.data(), slot.size, oldest->link())) {
      out_ << format_trace_line(oldest->direction(), double(slot.timestamp_ns - start_ns_) / 1e9, *frame) << '\n';
      ++printed;
    }
    oldest->pop();
  }
  return printed;
}

std::uint64_t PacketTrace::suppressed() const {
  std::uint64_t total = unprinted_;
  for (const TraceRing& ring : rings_) total += ring.dropped();
  return total;
}

}  // namespace zeroscan
