// Receiver: the capture thread's work per frame, and nothing more: parse
// (never throws) -> cookie check -> is it part of this scan -> classify ->
// first answer wins (StateTable, or DedupWindow for huge scans) -> a
// fixed-size CapturedResult into the result queue. Formatting and writing
// happen on the output thread (engine/output_thread). Everything that fails
// a step is counted, never trusted; so is a result the full queue refused.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

#include "zeroscan/classify/classify.h"
#include "zeroscan/cookie/cookie.h"
#include "zeroscan/cookie/ipv6_cookie.h"
#include "zeroscan/engine/dedup_window.h"
#include "zeroscan/engine/scan_counters.h"
#include "zeroscan/engine/scan_space.h"
#include "zeroscan/engine/state_table.h"
#include "zeroscan/net/packet_io.h"
#include "zeroscan/parse/reply.h"
#include "zeroscan/engine/result_queue.h"

namespace zeroscan {

class OsEvidenceCollector;

struct ReceiverContext {
  const ScanSpace& space;
  const Cookie& cookie;
  StateTable* table;  // nullptr for scans too large for one
  ResultQueue& results;  // the output thread (or the replay) drains it
  ScanCounters& counters;
  // -O: sees every verified reply — first answers, duplicates (retransmitted
  // SYN-ACKs), and answers to follow-up probes outside the scan space.
  OsEvidenceCollector* os = nullptr;
  // Host discovery (-sn): replies are classified as "host up" evidence and
  // only a host's first one becomes a result; it marks every slot of the
  // host answered, so retries skip the whole host.
  bool per_host = false;
  // IPv6 targets in the space: frames parse_reply declines go to
  // parse_ipv6_reply and verify against this cookie. nullptr: IPv4 only.
  const Ipv6Cookie* cookie6 = nullptr;
};

class Receiver {
 public:
  // The dedup window (8 MiB) only where there is no state table to dedup.
  explicit Receiver(ReceiverContext context) : ctx_(context), dedup_(context.table ? 0 : 20) {}

  // Handles one captured frame. Public so tests can feed bytes directly.
  void handle_frame(const std::uint8_t* data, std::size_t size, LinkType link,
                    std::int64_t timestamp_ns);
  // The same for a frame already parsed (nullopt: it parsed as neither
  // family): the offline replay parses each frame once, to tell our own
  // probes apart, and hands the result on.
  void handle_parsed(const std::optional<Reply>& reply);
  // parse_reply, then parse_ipv6_reply when the scan has IPv6 targets.
  std::optional<Reply> parse(const std::uint8_t* data, std::size_t size, LinkType link,
                             std::int64_t timestamp_ns) const;

  // Dispatches from `source` until `stop` is set (checked every poll
  // timeout) or the source ends.
  void run(PacketSource& source, const std::atomic<bool>& stop);

 private:
  void handle_ipv4(const Reply& reply);
  void handle_ipv6(const Reply& reply);
  template <class Match>
  void handle_verified(const Reply& reply, const std::optional<Match>& match);
  // Queues a verified, classified reply to `index` if it is the first answer.
  template <class Match>
  void conclude(const Reply& reply, const Match& match, std::uint64_t index,
                const std::optional<Classification>& verdict);
  // The first answer for this index (per_host: for its host)? Records it.
  bool first_answer(std::uint64_t index, PortState state);

  ReceiverContext ctx_;
  DedupWindow dedup_;
};

}  // namespace zeroscan
