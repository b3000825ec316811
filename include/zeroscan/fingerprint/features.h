// Features: what one host's replies reveal about its TCP/IP stack. Derived by
// HostEvidence from live replies (or imported from recorded data), read by
// the matcher, the learner, the signature printer and the output layer.
// Every field that a scan may not observe is optional: "not seen" must never
// look like "seen as zero".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zeroscan::fingerprint {

// Stacks start their TTL at 32, 64, 128 or 255 and every router takes one
// off, so the received TTL rounded up to the next of those is the sender's.
// An IPv6 hop limit works the same way (stacks start it where they start
// their IPv4 TTL), so replies of both families share this feature.
std::uint8_t initial_ttl(std::uint8_t received_ttl);

// The TTL as the matcher compares it: initial_ttl(), except that 33..60
// reads as 60. AIX starts its TTL at 60 (its tcp_ttl default), so a
// received 61..64 rules AIX out, while 33..60 is AIX nearby or a 64-stack
// four or more hops away; the matcher weighs both (MatcherOptions::
// ttl_four_hops). initial_ttl() stays the one for hop counts.
std::uint8_t ttl_class(std::uint8_t received_ttl);

// window / mss, or window / (mss - 12) when a timestamp option eats 12 bytes
// of each segment; nullopt when neither divides the window evenly.
std::optional<std::uint16_t> window_mss_multiple(std::uint16_t window, std::uint16_t mss,
                                                 bool timestamp);

// A TCP option layout as the live parser writes it (parse_tcp_options): the
// end-of-list option ends the list, so it reads as one 'E' and whatever
// follows (zero padding, which some recorders write as more 'E's) is cut:
// "MNWNNTSEE" -> "MNWNNTSE".
std::string canonical_layout(std::string_view layout);

// The SYN-ACK a stack sends to our SYN on an open port.
struct SynAckFeatures {
  std::uint8_t ttl = 0;          // as received
  std::uint8_t initial_ttl = 0;  // see initial_ttl()
  // DF and "IP ID zero" are IPv4 header fields: nullopt for a reply that
  // came over IPv6 (its header has neither), so they are neither rewarded
  // nor penalised there; ip_id_zero is also nullopt where imported data
  // lacks it.
  std::optional<bool> df;
  std::optional<bool> ip_id_zero;
  std::uint16_t window = 0;
  // window / MSS when the window is a whole multiple of the MSS (or of
  // MSS-12, the payload left beside a timestamp option): Linux-like stacks
  // size their window in segments, so the multiple survives MSS clamping.
  std::optional<std::uint16_t> window_mss_multiple;
  std::string options;  // layout letters in order (M N W S T E ?); "" = none
  std::optional<std::uint16_t> mss;
  std::optional<std::uint8_t> wscale;
  bool sack_permitted = false;
  bool timestamp = false;
  // TSecr == the TSval we sent; nullopt without a timestamp either way.
  std::optional<bool> timestamp_echoes_ours;
  // The host's own TSval is zero (some stacks start their clock at 0 for
  // each connection); nullopt without a timestamp.
  std::optional<bool> timestamp_value_zero;
};

// A RST, to a SYN on a closed port or to a bare ACK.
struct RstFeatures {
  std::uint8_t ttl = 0;
  std::uint8_t initial_ttl = 0;
  std::optional<bool> df;          // nullopt over IPv6, as in SynAckFeatures
  std::optional<bool> ip_id_zero;  // likewise
  std::uint16_t window = 0;
  bool ack_flag = false;     // RST+ACK rather than bare RST
  bool ack_nonzero = false;  // the acknowledgment field, whatever the flag says
};

// How a host numbers the IP IDs of its replies, across all of them in
// capture order: all zero; a counter (steps of at most 2048); a counter
// kept in the other byte order (steps that are multiples of 256); random;
// or zero in some replies and not in others (Linux: zero with DF).
enum class IpIdClass : std::uint8_t { Zero, Incremental, Times256, Random, Mixed };

// nullopt for fewer than two IDs.
std::optional<IpIdClass> classify_ip_ids(const std::uint16_t* ids, std::size_t count);

// How a host sets the IPv6 flow label (RFC 6437) of its TCP replies, from
// the first reply of each connection (our source port, its port): zero on
// all; one nonzero label on every connection; a label of each connection's
// own (Linux's auto flow labels hash the flow); or zero on some and not on
// others. Later replies of a connection are left out: Linux draws a new
// label when it retransmits a SYN-ACK, which says nothing of the default.
enum class FlowLabelClass : std::uint8_t { Zero, Constant, PerConnection, Mixed };

struct FlowLabelSample {
  std::uint32_t connection = 0;  // our port << 16 | the host's port
  std::uint32_t label = 0;       // 20 bits
};

// Samples are one per connection; nullopt for fewer than two (one label
// cannot tell constant from per connection). A host that reflected our
// probes' labels (hashed per probe) would read as per-connection.
std::optional<FlowLabelClass> classify_flow_labels(const FlowLabelSample* samples, std::size_t count);

// What comes back from TCP port 0, which no stack can have open, so the
// answer is pure stack policy.
enum class Port0Answer : std::uint8_t { None, Rst, RstAck, SynAck, Icmp, Other };

// What a stack sends when it gives up on our half-open connection.
enum class GiveUp : std::uint8_t { None, Rst, RstAck };

// SYN-ACK retransmissions, timed only with --os-rto (we must stay silent
// after the SYN-ACK for the stack to retransmit at all).
struct RetransmissionFeatures {
  std::vector<double> arrivals_s;  // seconds after the first SYN-ACK, ascending
  GiveUp give_up = GiveUp::None;
  std::optional<std::uint16_t> give_up_window;
  std::optional<bool> give_up_seq_advanced;  // RST seq differs from the SYN-ACK's
};

struct Features {
  std::optional<SynAckFeatures> syn_ack;
  std::optional<RstFeatures> syn_rst;  // RST to a SYN on a closed port
  std::optional<RstFeatures> ack_rst;  // RST to an ACK probe
  std::optional<Port0Answer> port0_syn;
  std::optional<Port0Answer> port0_ack;
  std::optional<RetransmissionFeatures> retransmissions;  // nullopt: not timed
  std::optional<IpIdClass> ip_id_class;  // across the host's TCP replies
  // IPv6 replies only. The database has no IPv6 expectations yet, so the
  // matcher does not read it; it is reported in the features.
  std::optional<FlowLabelClass> flow_label;
};

// Hops to the host as nmap counts them (on our link: 1), from the first TTL
// we have (SYN-ACK first).
std::optional<int> hop_distance(const Features& features);

std::string_view to_string(Port0Answer answer);  // none rst rst-ack syn-ack icmp other
std::optional<Port0Answer> parse_port0_answer(std::string_view text);
std::string_view to_string(IpIdClass id_class);  // zero incremental x256 random mixed
std::optional<IpIdClass> parse_ip_id_class(std::string_view text);
std::string_view to_string(FlowLabelClass flow_label);  // zero constant per-connection mixed
std::optional<FlowLabelClass> parse_flow_label_class(std::string_view text);
std::string_view to_string(GiveUp give_up);  // none rst rst-ack
std::optional<GiveUp> parse_give_up(std::string_view text);

}  // namespace zeroscan::fingerprint
