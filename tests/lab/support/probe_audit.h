// What the capture says the scanner sent: probes per (address, port), the
// pass each probe belongs to, and the send rate over full seconds of each
// pass. Pure functions over captured frames, so the arithmetic is plain.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "support/wire_capture.h"

namespace zeroscan::lab {

struct Probe {
  std::int64_t ts_ns = 0;
  std::uint32_t dst = 0;
  std::uint16_t dport = 0;
  int attempt = 0;  // 0 for the first probe of the pair, 1 for the first retry...
};

// The probes among frames (SYN-only or ACK-only TCP from `source`), in
// capture order, each tagged with its attempt number. The root namespace's
// own RSTs answering SYN-ACKs are not probes and are left out.
std::vector<Probe> extract_probes(const std::vector<CapturedFrame>& frames, std::uint32_t source,
                                  bool ack_probes);

struct RateWindow {
  int pass = 0;
  double start_s = 0;  // seconds after the pass's first probe
  std::uint64_t probes = 0;
};

// One window per whole second that fits between the first and the last
// probe of each pass (pass k = probes with attempt k). A pass shorter than a
// second yields no window: its rate cannot be judged over a full second.
std::vector<RateWindow> full_second_windows(const std::vector<Probe>& probes);

std::string describe(const std::vector<RateWindow>& windows);

// A pass as a whole: its probes over the time from its first to its last
// (passes shorter than a second are left out, as for the windows).
struct PassRate {
  int pass = 0;
  std::uint64_t probes = 0;
  double seconds = 0;
  double rate() const { return seconds > 0 ? double(probes - 1) / seconds : 0; }
};
std::vector<PassRate> pass_rates(const std::vector<Probe>& probes);

}  // namespace zeroscan::lab
