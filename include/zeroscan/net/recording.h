// --pcap: record every probe sent and every frame captured, for experiments
// that are re-analysed offline (`zeroscan analyze`). Decorators around the
// real sink and source, so the engine neither knows nor cares; one
// PcapRecorder shared by all of them serialises writes to the one file.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "zeroscan/net/packet_io.h"
#include "zeroscan/net/pcap_files.h"

namespace zeroscan {

class PcapRecorder {
 public:
  PcapRecorder(const std::string& path, LinkType link_type) : writer_(path, link_type) {}
  void write(const std::uint8_t* data, std::size_t size, std::int64_t timestamp_ns) {
    std::lock_guard<std::mutex> lock(mutex_);
    writer_.write(data, size, timestamp_ns);
  }
  // Throws SystemError if any write failed (full disk, ...).
  void close() {
    std::lock_guard<std::mutex> lock(mutex_);
    writer_.close();
  }

 private:
  std::mutex mutex_;
  PcapFileWriter writer_;
};

class RecordingSink : public PacketSink {
 public:
  RecordingSink(PacketSink& inner, PcapRecorder& recorder) : inner_(inner), recorder_(recorder) {}
  std::size_t send(const FrameRef* frames, std::size_t count) override;

 private:
  PacketSink& inner_;
  PcapRecorder& recorder_;
};

class RecordingSource : public PacketSource {
 public:
  RecordingSource(PacketSource& inner, PcapRecorder& recorder) : inner_(inner), recorder_(recorder) {}
  LinkType link_type() const override { return inner_.link_type(); }
  int dispatch(int timeout_ms, const FrameHandler& handler) override;
  CaptureStats stats() const override { return inner_.stats(); }

 private:
  PacketSource& inner_;
  PcapRecorder& recorder_;
};

}  // namespace zeroscan
