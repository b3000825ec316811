// In-process libpcap capture of one interface; see wire_capture.h.
#include "support/wire_capture.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <stdexcept>

#include "support/netns_enter.h"

namespace zeroscan::lab {

namespace {

std::uint16_t be16(const std::uint8_t* p) { return std::uint16_t(p[0] << 8 | p[1]); }
std::uint32_t be32(const std::uint8_t* p) {
  return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3];
}

// A 100k pps sweep plus its retries is ~40 MB of ring at this snap length:
// leave room so the witness itself never drops.
constexpr int kBufferBytes = 256 << 20;
constexpr int kSnapLength = 128;
constexpr int kTimeoutMs = 20;

}  // namespace

WireCapture::WireCapture(const std::string& netns, const std::string& interface,
                         Direction direction) {
  char err[PCAP_ERRBUF_SIZE] = {};
  std::optional<NetnsEnter> inside;
  if (!netns.empty()) inside.emplace(netns);  // the packet socket is born in netns
  pcap_ = pcap_create(interface.c_str(), err);
  if (!pcap_) throw std::runtime_error("pcap_create(" + interface + "): " + err);
  pcap_set_snaplen(pcap_, kSnapLength);
  pcap_set_promisc(pcap_, 0);
  pcap_set_timeout(pcap_, kTimeoutMs);
  pcap_set_buffer_size(pcap_, kBufferBytes);
  pcap_set_tstamp_precision(pcap_, PCAP_TSTAMP_PRECISION_NANO);
  if (pcap_activate(pcap_) < 0 ||
      pcap_setdirection(pcap_, direction == Direction::In ? PCAP_D_IN : PCAP_D_OUT) != 0) {
    const std::string why = pcap_geterr(pcap_);
    pcap_close(pcap_);
    throw std::runtime_error("pcap on " + interface + ": " + why);
  }
  if (pcap_datalink(pcap_) != DLT_EN10MB) {
    pcap_close(pcap_);
    throw std::runtime_error(interface + " is not an Ethernet interface");
  }
  inside.reset();
  frames_.reserve(1 << 20);
  thread_ = std::thread([this] { loop(); });
}

WireCapture::~WireCapture() {
  stop();
  if (pcap_) pcap_close(pcap_);
}

void WireCapture::loop() {
  while (!stopping_.load()) {
    const int n = pcap_dispatch(pcap_, -1, &WireCapture::on_frame,
                                reinterpret_cast<std::uint8_t*>(this));
    if (n == PCAP_ERROR) break;
  }
}

void WireCapture::stop() {
  if (!thread_.joinable()) return;
  // TPACKET_V3 hands over a ring block only when it is full or its retire
  // timer (the pcap timeout) fires: wait a few timeouts so the last,
  // partly filled block reaches us. Then wake the blocked poll (libpcap
  // >= 1.10 breakloop does) and drain what is left without blocking.
  std::this_thread::sleep_for(std::chrono::milliseconds(10 * kTimeoutMs));
  stopping_.store(true);
  pcap_breakloop(pcap_);
  thread_.join();
  char err[PCAP_ERRBUF_SIZE] = {};
  pcap_setnonblock(pcap_, 1, err);
  while (pcap_dispatch(pcap_, -1, &WireCapture::on_frame, reinterpret_cast<std::uint8_t*>(this)) > 0) {
  }
  pcap_stat st{};
  if (pcap_stats(pcap_, &st) == 0) dropped_ = std::uint64_t(st.ps_drop) + st.ps_ifdrop;
}

void WireCapture::on_frame(std::uint8_t* self, const pcap_pkthdr* h, const std::uint8_t* d) {
  auto* capture = reinterpret_cast<WireCapture*>(self);
  if (h->caplen < 14) return;
  CapturedFrame f;
  // With nanosecond precision, tv_usec holds nanoseconds.
  f.ts_ns = std::int64_t(h->ts.tv_sec) * 1000000000 + h->ts.tv_usec;
  for (int i = 0; i < 6; ++i) f.dst_mac[i] = d[i];
  f.ethertype = be16(d + 12);
  const std::uint8_t* p = d + 14;
  const std::uint32_t len = h->caplen - 14;
  if (f.ethertype == 0x0800 && len >= 20) {
    const std::uint32_t ihl = (p[0] & 15u) * 4;
    f.proto = p[9];
    f.src = be32(p + 12);
    f.dst = be32(p + 16);
    if (f.proto == 6 && len >= ihl + 14) {
      f.sport = be16(p + ihl);
      f.dport = be16(p + ihl + 2);
      f.tcp_flags = p[ihl + 13];
    }
  } else if (f.ethertype == 0x0806 && len >= 28) {
    f.arp_op = be16(p + 6);
    f.arp_target = be32(p + 24);
  } else if (f.ethertype == 0x86dd && len >= 40) {
    // The fixed header only: the scanner's probes and NDP carry no
    // extension headers.
    f.proto = p[6];
    std::copy(p + 8, p + 24, f.src6.begin());
    std::copy(p + 24, p + 40, f.dst6.begin());
    if (f.proto == 6 && len >= 40 + 14) {
      f.sport = be16(p + 40);
      f.dport = be16(p + 42);
      f.tcp_flags = p[40 + 13];
    } else if (f.proto == 58 && len >= 40 + 4) {
      f.icmp6_type = p[40];
      if (f.icmp6_type == 135 && len >= 40 + 24) std::copy(p + 48, p + 64, f.nd_target.begin());
    }
  }
  capture->frames_.push_back(f);
}

std::string format_mac(const std::array<std::uint8_t, 6>& m) {
  char s[18];
  std::snprintf(s, sizeof s, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
  return s;
}

}  // namespace zeroscan::lab
