// Taps on the packet path: decorators around the real sink and source that
// hand a copy of every frame to a FrameTap, so the engine neither knows nor
// cares. --pcap records every probe sent and every frame captured for
// experiments re-analysed offline (`zeroscan analyze`): one PcapRecorder
// shared by all the taps serialises writes to the one file. --packet-trace
// taps the same way (cli/packet_trace).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "zeroscan/net/packet_io.h"
#include "zeroscan/net/pcap_files.h"

namespace zeroscan {

// Receives a copy of each frame. Called on the sending and capture
// threads: must be quick.
class FrameTap {
 public:
  virtual ~FrameTap() = default;
  virtual void take(const std::uint8_t* data, std::size_t size, std::int64_t timestamp_ns) = 0;
};

class PcapRecorder : public FrameTap {
 public:
  PcapRecorder(const std::string& path, LinkType link_type) : writer_(path, link_type) {}
  void take(const std::uint8_t* data, std::size_t size, std::int64_t timestamp_ns) override {
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

// Only frames the kernel took are tapped (a retried frame once, when it
// goes), stamped just before sending: on lo the answer can be captured
// before send() returns, and must not seem to precede its probe.
class TappedSink : public PacketSink {
 public:
  TappedSink(PacketSink& inner, FrameTap& tap) : inner_(inner), tap_(tap) {}
  std::size_t send(const FrameRef* frames, std::size_t count) override;

 private:
  PacketSink& inner_;
  FrameTap& tap_;
};

class TappedSource : public PacketSource {
 public:
  TappedSource(PacketSource& inner, FrameTap& tap) : inner_(inner), tap_(tap) {}
  LinkType link_type() const override { return inner_.link_type(); }
  int dispatch(int timeout_ms, const FrameHandler& handler) override;
  CaptureStats stats() const override { return inner_.stats(); }

 private:
  PacketSource& inner_;
  FrameTap& tap_;
};

// The --pcap names.
using RecordingSink = TappedSink;
using RecordingSource = TappedSource;

}  // namespace zeroscan
