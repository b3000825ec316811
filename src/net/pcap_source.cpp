// PcapSource: live capture set-up (buffer, snaplen, block timeout,
// direction, filter, non-blocking) and the poll + pcap_dispatch loop.
#include "zeroscan/net/pcap_source.h"

#include <poll.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "link_types.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/net/privileges.h"

namespace zeroscan {

namespace {

// After this many back-to-back pcap_dispatch rounds (each drains the
// blocks that are ready) dispatch() returns, so the caller's loop keeps
// its pace under a flood.
constexpr int kMaxRoundsPerDispatch = 16;

struct DispatchContext {
  const FrameHandler* handler;
  int handled;
};

void on_frame(u_char* user, const pcap_pkthdr* header, const u_char* bytes) noexcept {
  auto* context = reinterpret_cast<DispatchContext*>(user);
  // Nanosecond precision was requested, so tv_usec holds nanoseconds.
  std::int64_t timestamp_ns = std::int64_t(header->ts.tv_sec) * 1'000'000'000 + header->ts.tv_usec;
  (*context->handler)(bytes, header->caplen, timestamp_ns);
  ++context->handled;
}

std::string activation_error(pcap_t* handle, int status, const std::string& interface) {
  switch (status) {
    case PCAP_ERROR_PERM_DENIED: return packet_socket_privilege_advice();
    case PCAP_ERROR_NO_SUCH_DEVICE: return "no network interface named '" + interface + "' (see `ip link`)";
    case PCAP_ERROR_IFACE_NOT_UP: return "interface '" + interface + "' is down";
    default: return "cannot capture on '" + interface + "': " + pcap_geterr(handle);
  }
}

}  // namespace

PcapSource::PcapSource(const PcapSourceOptions& options) {
  char error[PCAP_ERRBUF_SIZE] = {};
  handle_.reset(pcap_create(options.interface.c_str(), error));
  if (!handle_) throw SystemError("cannot capture on '" + options.interface + "': " + error);
  pcap_t* handle = handle_.get();

  pcap_set_snaplen(handle, options.snaplen);
  pcap_set_promisc(handle, 0);  // replies are addressed to us
  pcap_set_timeout(handle, options.block_timeout_ms);
  pcap_set_buffer_size(handle, options.buffer_bytes);
  pcap_set_immediate_mode(handle, 0);  // keeps TPACKET_V3 blocks
  pcap_set_tstamp_precision(handle, PCAP_TSTAMP_PRECISION_NANO);
  int status = pcap_activate(handle);
  if (status < 0) throw SystemError(activation_error(handle, status, options.interface));

  auto link_type = net_detail::link_type_from_dlt(pcap_datalink(handle));
  if (!link_type) {
    throw SystemError("interface '" + options.interface + "' has link type " +
                      pcap_datalink_val_to_name(pcap_datalink(handle)) + ", which zeroscan cannot parse");
  }
  link_type_ = *link_type;
  incoming_only_ = options.incoming_only && pcap_setdirection(handle, PCAP_D_IN) == 0;

  bpf_program program{};
  if (pcap_compile(handle, &program, options.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
    throw UsageError("bad capture filter '" + options.filter + "': " + pcap_geterr(handle));
  }
  int installed = pcap_setfilter(handle, &program);
  pcap_freecode(&program);
  if (installed != 0) throw SystemError("cannot install capture filter: " + std::string(pcap_geterr(handle)));

  if (pcap_setnonblock(handle, 1, error) != 0) throw SystemError(std::string("cannot capture: ") + error);
  selectable_fd_ = pcap_get_selectable_fd(handle);
  if (selectable_fd_ < 0) throw SystemError("interface '" + options.interface + "' has no pollable capture descriptor");
}

PcapSource::~PcapSource() = default;

int PcapSource::dispatch(int timeout_ms, const FrameHandler& handler) {
  pollfd readable{selectable_fd_, POLLIN, 0};
  int ready = ::poll(&readable, 1, timeout_ms);
  if (ready < 0 && errno != EINTR) remember_error(std::strerror(errno));
  if (ready <= 0) {
    refresh_stats(true);
    return 0;
  }
  if (readable.revents & (POLLERR | POLLHUP | POLLNVAL)) {
    // The interface went away or down. Keep the caller's loop at its pace
    // instead of letting it spin on an error that returns at once.
    remember_error("capture descriptor reports an error (interface down?)");
    std::this_thread::sleep_for(std::chrono::milliseconds(timeout_ms));
    return 0;
  }

  DispatchContext context{&handler, 0};
  for (int round = 0; round < kMaxRoundsPerDispatch; ++round) {
    int got = pcap_dispatch(handle_.get(), -1, on_frame, reinterpret_cast<u_char*>(&context));
    if (got < 0) {
      remember_error(pcap_geterr(handle_.get()));
      break;
    }
    if (got == 0) break;
  }
  refresh_stats(context.handled == 0);
  return context.handled;
}

void PcapSource::refresh_stats(bool force) {
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_stats_refresh_ < std::chrono::milliseconds(50)) return;
  last_stats_refresh_ = now;
  pcap_stat counters{};
  if (pcap_stats(handle_.get(), &counters) != 0) return;
  received_.store(counters.ps_recv, std::memory_order_relaxed);
  kernel_dropped_.store(counters.ps_drop, std::memory_order_relaxed);
  if_dropped_.store(counters.ps_ifdrop, std::memory_order_relaxed);
}

CaptureStats PcapSource::stats() const {
  CaptureStats stats;
  stats.received = received_.load(std::memory_order_relaxed);
  stats.kernel_dropped = kernel_dropped_.load(std::memory_order_relaxed);
  stats.if_dropped = if_dropped_.load(std::memory_order_relaxed);
  return stats;
}

void PcapSource::remember_error(const char* message) {
  std::lock_guard<std::mutex> lock(error_mutex_);
  last_error_ = message;
}

std::string PcapSource::last_error() const {
  std::lock_guard<std::mutex> lock(error_mutex_);
  return last_error_;
}

}  // namespace zeroscan
