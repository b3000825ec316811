// Receiver: turns captured frames into concluded PortRecords. Per frame:
// parse (never throws) -> cookie check -> is it part of this scan -> classify
// -> first answer wins (StateTable, or DedupWindow for huge scans) -> sink.
// Everything that fails a step is counted, never trusted.
#pragma once

#include <atomic>
#include <cstdint>

#include "zeroscan/cookie/cookie.h"
#include "zeroscan/engine/dedup_window.h"
#include "zeroscan/engine/scan_counters.h"
#include "zeroscan/engine/scan_space.h"
#include "zeroscan/engine/state_table.h"
#include "zeroscan/net/packet_io.h"
#include "zeroscan/output/result_sink.h"

namespace zeroscan {

class OsEvidenceCollector;

struct ReceiverContext {
  const ScanSpace& space;
  const Cookie& cookie;
  StateTable* table;  // nullptr for scans too large for one
  ResultSink& results;
  ScanCounters& counters;
  // -O: sees every verified reply — first answers, duplicates (retransmitted
  // SYN-ACKs), and answers to follow-up probes outside the scan space.
  OsEvidenceCollector* os = nullptr;
};

class Receiver {
 public:
  explicit Receiver(ReceiverContext context) : ctx_(context) {}

  // Handles one captured frame. Public so tests can feed bytes directly.
  void handle_frame(const std::uint8_t* data, std::size_t size, LinkType link,
                    std::int64_t timestamp_ns);

  // Dispatches from `source` until `stop` is set (checked every poll
  // timeout) or the source ends.
  void run(PacketSource& source, const std::atomic<bool>& stop);

 private:
  ReceiverContext ctx_;
  DedupWindow dedup_;
};

PortRecord make_port_record(const Reply& reply, const CookieMatch& match, PortState state,
                            StateReason reason);

}  // namespace zeroscan
