// Capture files: PcapFileSource replays a recorded capture through the
// PacketSource interface (for `zeroscan analyze` and replay tests);
// PcapFileWriter records frames with their timestamps (for --pcap).
// Nanosecond timestamps are kept when the file has them.
#pragma once

#include <pcap/pcap.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "zeroscan/net/packet_io.h"

namespace zeroscan {

class PcapFileSource final : public PacketSource {
 public:
  // Throws UsageError naming the file: missing, unreadable, not a capture,
  // a link type zeroscan cannot parse, or a filter that does not compile.
  explicit PcapFileSource(const std::string& path, const std::string& filter = "");
  ~PcapFileSource() override;
  PcapFileSource(const PcapFileSource&) = delete;
  PcapFileSource& operator=(const PcapFileSource&) = delete;

  LinkType link_type() const override { return link_type_; }
  // Hands the next batch of frames (at most 1024, so the caller stays
  // responsive) to `handler`; timeout_ms is ignored. Returns -1 once the
  // file is exhausted, or unreadable past this point (see error()).
  int dispatch(int timeout_ms, const FrameHandler& handler) override;
  CaptureStats stats() const override { return stats_; }
  // Why dispatch stopped early (e.g. a truncated file); "" after a clean end.
  const std::string& error() const { return error_; }

 private:
  std::string path_;
  pcap_t* handle_ = nullptr;
  LinkType link_type_ = LinkType::Ethernet;
  CaptureStats stats_;
  bool finished_ = false;
  std::string error_;
};

class PcapFileWriter {
 public:
  // Throws SystemError naming the file when it cannot be created.
  PcapFileWriter(const std::string& path, LinkType link_type, int snaplen = 65535);
  ~PcapFileWriter();  // closes; errors at that point are only reported by close()
  PcapFileWriter(const PcapFileWriter&) = delete;
  PcapFileWriter& operator=(const PcapFileWriter&) = delete;

  // Appends one frame. Never throws (it may run on the receive path):
  // returns false once writing has failed; ok()/error() say why.
  bool write(const std::uint8_t* data, std::size_t size, std::int64_t timestamp_ns);
  // Flushes and closes. Throws SystemError naming the file and the reason
  // ("No space left on device") if any write or the flush failed.
  void close();
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  void record_failure(int error_number);

  std::string path_;
  pcap_t* dead_ = nullptr;
  pcap_dumper_t* dumper_ = nullptr;
  int snaplen_;
  std::string error_;
};

}  // namespace zeroscan
