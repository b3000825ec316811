// HostEvidence: everything observed of one host, fed by the engine one
// verified reply at a time, distilled into Features on demand. Pure: no I/O,
// no clock; time comes only from the replies' capture timestamps.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "zeroscan/core/probe_kind.h"
#include "zeroscan/fingerprint/features.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan::fingerprint {

// Whether the scan stays silent after SYN-ACKs so the host retransmits them
// (--os-rto). Without it "no retransmission seen" means nothing.
enum class RetransmitTiming : std::uint8_t { Off, On };

class HostEvidence {
 public:
  // our_ts_val: the TSval our SYN probes carry, to judge whether the host
  // echoes it; nullopt if our probes carry no timestamp option.
  explicit HostEvidence(std::optional<std::uint32_t> our_ts_val,
                        RetransmitTiming timing = RetransmitTiming::Off);

  // One verified reply to a probe of `kind` sent to `probed_port`; for ICMP
  // errors pass the quoted probe's kind and port. Replies are expected in
  // capture order. The first SYN-ACK from a port other than 0 is "the"
  // SYN-ACK; a later one from the same port with the same sequence number is
  // its retransmission; a RST from that port after it is the give-up RST.
  void add(const Reply& reply, ProbeKind kind, std::uint16_t probed_port);

  // A probe that got no answer. Only port 0 silences are stack policy;
  // silence elsewhere says more about filters and is ignored.
  void add_silence(ProbeKind kind, std::uint16_t probed_port);

  // For engines that deduplicate replies before they get here: the capture
  // time (same clock as Reply::timestamp_ns) of a retransmission of the first
  // SYN-ACK. Ignored before the first SYN-ACK. Feed each retransmission either
  // here or through add(), not both.
  void add_synack_retransmit(std::int64_t timestamp_ns);

  Features features() const;

 private:
  void add_flow_label(const Reply& reply);

  std::optional<std::uint32_t> our_ts_val_;
  RetransmitTiming timing_;
  std::optional<Reply> syn_ack_;
  std::uint16_t syn_ack_port_ = 0;
  std::vector<std::int64_t> retransmit_times_ns_;
  std::optional<Reply> give_up_rst_;
  std::optional<Reply> syn_rst_;
  std::optional<Reply> ack_rst_;
  std::optional<Port0Answer> port0_syn_;
  std::optional<Port0Answer> port0_ack_;
  // IP IDs of the TCP replies in capture order (the first few: no
  // allocation on the receive path).
  std::array<std::uint16_t, 8> ip_ids_{};
  std::size_t ip_id_count_ = 0;
  // IPv6: the flow label of the first TCP reply of each connection (the
  // first few connections, likewise without allocation).
  std::array<FlowLabelSample, 8> flow_labels_{};
  std::size_t flow_label_count_ = 0;
};

}  // namespace zeroscan::fingerprint
