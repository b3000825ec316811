// PcapFileSource: replays a capture file in bounded batches.
#include <cstring>

#include "link_types.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/net/pcap_files.h"

namespace zeroscan {

namespace {

constexpr int kFramesPerBatch = 1024;

struct ReplayContext {
  const FrameHandler* handler;
  int handled;
};

void on_frame(u_char* user, const pcap_pkthdr* header, const u_char* bytes) noexcept {
  auto* context = reinterpret_cast<ReplayContext*>(user);
  std::int64_t timestamp_ns = std::int64_t(header->ts.tv_sec) * 1'000'000'000 + header->ts.tv_usec;
  (*context->handler)(bytes, header->caplen, timestamp_ns);
  ++context->handled;
}

}  // namespace

PcapFileSource::PcapFileSource(const std::string& path, const std::string& filter) : path_(path) {
  char error[PCAP_ERRBUF_SIZE] = {};
  // Microsecond files are scaled up by libpcap, so timestamps are always ns.
  handle_ = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, error);
  if (handle_ == nullptr) throw UsageError("cannot read capture file '" + path + "': " + error);
  auto link_type = net_detail::link_type_from_dlt(pcap_datalink(handle_));
  if (!link_type) {
    std::string name = pcap_datalink_val_to_name(pcap_datalink(handle_)) ? pcap_datalink_val_to_name(pcap_datalink(handle_))
                                                                         : std::to_string(pcap_datalink(handle_));
    pcap_close(handle_);
    throw UsageError("capture file '" + path + "' has link type " + name + ", which zeroscan cannot parse");
  }
  link_type_ = *link_type;
  if (!filter.empty()) {
    bpf_program program{};
    bool compiled = pcap_compile(handle_, &program, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) == 0;
    bool installed = compiled && pcap_setfilter(handle_, &program) == 0;
    if (compiled) pcap_freecode(&program);
    if (!installed) {
      std::string reason = pcap_geterr(handle_);
      pcap_close(handle_);
      throw UsageError("bad capture filter '" + filter + "': " + reason);
    }
  }
}

PcapFileSource::~PcapFileSource() {
  if (handle_ != nullptr) pcap_close(handle_);
}

int PcapFileSource::dispatch(int /*timeout_ms*/, const FrameHandler& handler) {
  if (finished_) return -1;
  ReplayContext context{&handler, 0};
  int status = pcap_dispatch(handle_, kFramesPerBatch, on_frame, reinterpret_cast<u_char*>(&context));
  stats_.received += static_cast<std::uint64_t>(context.handled);
  if (status < 0) {
    error_ = "capture file '" + path_ + "': " + pcap_geterr(handle_);
    finished_ = true;
  } else if (status == 0) {
    finished_ = true;  // a savefile returns 0 only at its end
  }
  // Frames handed over before an error still count; -1 comes next call.
  if (context.handled > 0) return context.handled;
  return finished_ ? -1 : 0;
}

}  // namespace zeroscan
