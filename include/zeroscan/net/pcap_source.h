// PcapSource: the production receive path. libpcap on a live interface in
// its default (not immediate) mode, where Linux hands frames over in
// TPACKET_V3 blocks: one wake-up per block instead of per frame. The kernel
// BPF filter drops everything but candidate replies before any copy.
//
// dispatch() runs in one thread (the receiver); stats() and last_error()
// may be read from any other.
#pragma once

#include <pcap/pcap.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "zeroscan/net/packet_io.h"

namespace zeroscan {

struct PcapSourceOptions {
  std::string interface;               // e.g. "eth0", "lo"
  std::string filter;                  // BPF, e.g. "dst host 198.19.0.1 and (tcp or icmp)"; "" = all
  int buffer_bytes = 64 << 20;         // kernel ring; large, so bursts of replies are not dropped
  int snaplen = 256;                   // Ethernet + IP + TCP with options + an ICMP quote fit
  int block_timeout_ms = 10;           // a partly filled block is handed over after this long
  bool incoming_only = true;           // pcap_setdirection(PCAP_D_IN), where supported
};

class PcapSource final : public PacketSource {
 public:
  // Throws SystemError (privilege, no such interface, unsupported link
  // type) or UsageError (a filter that does not compile, quoted back).
  explicit PcapSource(const PcapSourceOptions& options);
  ~PcapSource() override;
  PcapSource(const PcapSource&) = delete;
  PcapSource& operator=(const PcapSource&) = delete;

  LinkType link_type() const override { return link_type_; }
  // Polls the capture descriptor for up to timeout_ms, then hands every
  // frame that is ready to `handler` (which must not throw: an exception
  // escaping into libpcap terminates). Returns the count handled, 0 on
  // timeout; never -1 (a live capture is never finished). Never throws.
  int dispatch(int timeout_ms, const FrameHandler& handler) override;
  // From pcap_stats, refreshed by dispatch() (at least every 50 ms while
  // busy, on every idle call), so stats() never touches the handle.
  CaptureStats stats() const override;

  // Whether the kernel or libpcap accepted PCAP_D_IN for this interface.
  bool incoming_only() const { return incoming_only_; }
  // The last libpcap error seen by dispatch, "" if none.
  std::string last_error() const;

 private:
  struct PcapCloser {
    void operator()(pcap_t* handle) const { pcap_close(handle); }
  };
  void refresh_stats(bool force);
  void remember_error(const char* message);

  std::unique_ptr<pcap_t, PcapCloser> handle_;
  int selectable_fd_ = -1;
  LinkType link_type_ = LinkType::Ethernet;
  bool incoming_only_ = false;
  std::chrono::steady_clock::time_point last_stats_refresh_{};
  std::atomic<std::uint64_t> received_{0};
  std::atomic<std::uint64_t> kernel_dropped_{0};
  std::atomic<std::uint64_t> if_dropped_{0};
  mutable std::mutex error_mutex_;
  std::string last_error_;
};

}  // namespace zeroscan
