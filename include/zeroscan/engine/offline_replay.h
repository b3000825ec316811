// Offline replay: a recorded scan (--pcap) concluded again from its capture,
// for `zeroscan analyze`. The capture holds both what we sent (the
// RecordingSink's probes) and what came back (the RecordingSource's frames),
// in the order they happened. Replies go through the same Receiver the live
// scan used (cookie check, classification, first answer wins, -O evidence);
// our own probes say which (address, port, kind) were really probed, so
// silence is concluded exactly where the live scan concluded it. A scan
// with IPv6 targets replays its IPv6 frames the same way, through the
// Receiver's IPv6 path (parse_ipv6_reply, the Ipv6Cookie, classify).
//
// Pure apart from the PacketSource it reads: no clock, no sockets.
#pragma once

#include <cstdint>
#include <optional>

#include "zeroscan/cookie/cookie.h"
#include "zeroscan/cookie/ipv6_cookie.h"
#include "zeroscan/engine/scan_space.h"
#include "zeroscan/fingerprint/host_evidence.h"
#include "zeroscan/fingerprint/matcher.h"
#include "zeroscan/net/packet_io.h"
#include "zeroscan/output/result_sink.h"
#include "zeroscan/parse/reply.h"
#include "zeroscan/targets/permutation.h"

namespace zeroscan {

// The -O side of a recorded scan.
struct OfflineOs {
  const fingerprint::Matcher& matcher;
  std::uint32_t our_ts_val = 0;  // the TSval our SYN probes carried
  fingerprint::RetransmitTiming timing = fingerprint::RetransmitTiming::Off;  // --os-rto
};

struct OfflineReplayJob {
  OfflineReplayJob(const ScanSpace& scan_space, const Cookie& scan_cookie)
      : space(scan_space), cookie(scan_cookie) {}
  const ScanSpace& space;
  const Cookie& cookie;  // the recorded key, source address, source ports, attempts
  const Ipv6Cookie* cookie6 = nullptr;  // the same over the IPv6 source; the space holds IPv6 targets
  std::uint64_t seed = 0;
  ShardSpec shard;
  // How many sender threads the recorded scan had: silence is concluded
  // slice by slice, in the live scan's order.
  unsigned sender_threads = 1;
  std::uint64_t state_table_limit = std::uint64_t(1) << 28;
  bool report_silence = true;    // !--responders-only
  const OfflineOs* os = nullptr;  // -O was recorded
  // Config, version, command line as the live scan described itself (see
  // ScanJob::description); the summary starts from it. start_unix, when 0,
  // becomes the capture's first timestamp.
  ScanSummary description;
};

// What the replay saw beside the records it produced.
struct OfflineReplayStats {
  std::uint64_t probes = 0;      // our own probes found in the capture (follow-ups included)
  std::uint64_t follow_ups = 0;  // of those, outside the scan space (-O follow-up probes)
  std::uint64_t other_sent = 0;  // frames from our address that are no probe of this scan
  std::uint64_t replies = 0;     // frames handed to the receiver
  std::uint64_t unreachable = 0; // covered indices of targets never probed: ARP timeouts
};

// Is this frame one of our own probes? True when it comes from the cookie's
// source address, is a bare SYN or a bare ACK, and its source port and
// sequence number (and ack, for ACK probes) are the ones the cookie gives
// that (target, port, kind) at some attempt. Our stack's RSTs and every
// reply fail the test, even on loopback where both ends share the address.
std::optional<CookieMatch> own_probe(const Reply& frame, const Cookie& cookie);
// The same test for an IPv6 frame (parse_ipv6_reply) against the Ipv6Cookie.
std::optional<Ipv6CookieMatch> own_probe(const Reply& frame, const Ipv6Cookie& cookie);

// Reads `capture` to its end and writes every record the live scan wrote to
// `results`: port records in capture order, then silence (filtered /
// no-response, or ARP timeouts for covered targets that got no probe at all)
// in the permutation's order, then -O host records, then the summary. The
// summary's counters are the replay's; times come from the capture's
// timestamps; kernel drops and interruptions cannot be known (0 / false).
ScanSummary replay_capture(const OfflineReplayJob& job, PacketSource& capture, ResultSink& results,
                           OfflineReplayStats* stats = nullptr);

}  // namespace zeroscan
