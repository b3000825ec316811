// Result values the engine hands to output writers. Writers see only these,
// never the engine, so a new output format needs nothing but this header.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zeroscan/core/ip_address.h"
#include "zeroscan/core/port_state.h"
#include "zeroscan/core/probe_kind.h"

namespace zeroscan {

// One concluded probe of one (address, port): the first verified answer, or
// silence after every attempt and the cooldown.
struct PortRecord {
  IpAddress ip;
  std::uint16_t port = 0;
  ProbeKind probe = ProbeKind::Syn;
  PortState state = PortState::Unknown;
  StateReason reason = StateReason::None;
  std::uint8_t attempt = 0;  // which attempt was answered (0 = first)

  bool answered = false;     // false: silence; the fields below are unset
  IpAddress responder;       // differs from ip when a router sent the ICMP
  std::uint8_t ttl = 0;
  std::uint16_t ip_id = 0;
  bool df = false;
  std::uint8_t tcp_flags = 0;
  std::uint16_t window = 0;
  std::uint32_t ack = 0;      // RST fingerprinting: the ack field as sent
  std::optional<std::uint16_t> mss;
  std::string tcp_options;    // option layout letters, e.g. "MSTNW"
  // The error's numbers in the record's own family: ICMP for an IPv4
  // record (3 = destination unreachable), ICMPv6 for IPv6 (1); the writers
  // name the codes by ip's family (output/port_reason.h).
  std::optional<std::uint8_t> icmp_type;
  std::optional<std::uint8_t> icmp_code;
  std::int64_t timestamp_ns = 0;
};

// The firewall verdict for one (address, port) probed with both SYN and ACK
// (see classify/firewall_verdict.h for the table). Verdict names are the
// strings of FirewallVerdict, e.g. "stateless-filter".
struct FirewallRecord {
  IpAddress ip;
  std::uint16_t port = 0;
  PortState syn_state = PortState::Filtered;
  StateReason syn_reason = StateReason::NoResponse;
  PortState ack_state = PortState::Filtered;
  StateReason ack_reason = StateReason::NoResponse;
  std::string verdict;       // "open", "stateless-filter", ...
  std::string explanation;   // "SYN blocked, ACK passes: stateless filter"
  std::optional<std::uint8_t> syn_icmp_code;
  std::optional<std::uint8_t> ack_icmp_code;
  bool forged_reset = false; // the SYN's RST did not come from the host itself
  std::uint8_t reset_ttl = 0;          // when forged_reset: the RST's TTL
  std::optional<std::uint8_t> host_ttl;  // the TTL of the host's own SYN-ACKs
};

// Host discovery (-sn): one host found up, and the first answer that said
// so. `probe`/`port` name the discovery probe answered (echo; syn or ack
// and its port); an ARP answer (reason ArpResponse) has no probe: answered
// is false there and the fields after it are unset.
struct HostUpRecord {
  IpAddress ip;
  StateReason reason = StateReason::None;  // echo-reply, syn-ack, reset, icmp-unreach, arp-response
  ProbeKind probe = ProbeKind::Echo;
  std::uint16_t port = 0;
  bool answered = false;     // a probe's reply (not ARP)
  std::uint8_t ttl = 0;
  std::optional<std::uint8_t> icmp_code;  // icmp-unreach: which one (ICMPv6's numbering for IPv6)
  std::int64_t timestamp_ns = 0;
};

// What was asked for: the part of the command line that decides which
// records a scan produces. All shards of one scan share it, and `zeroscan
// merge` refuses outputs whose configs differ, so it travels in every
// summary. Filled by the composition root (cli/scan_command.cpp).
struct ScanConfig {
  std::string targets;        // target specs as given, then "-iL F", "--exclude X", "--excludefile F"
  std::string ports;          // normalised port list, "22,80,443,8080" (output/port_list.h)
  std::string probes;         // "syn", "ack" or "syn,ack"; -sn: "discovery:" + its probes (discovery_label)
  double rate = 0;            // packets/s
  unsigned retries = 0;
  double wait_seconds = 0;
  unsigned ttl = 0;
  bool responders_only = false;
  bool open_only = false;

  friend bool operator==(const ScanConfig& a, const ScanConfig& b) {
    return a.targets == b.targets && a.ports == b.ports && a.probes == b.probes &&
           a.rate == b.rate && a.retries == b.retries && a.wait_seconds == b.wait_seconds &&
           a.ttl == b.ttl && a.responders_only == b.responders_only && a.open_only == b.open_only;
  }
  friend bool operator!=(const ScanConfig& a, const ScanConfig& b) { return !(a == b); }
};

// One OS guess: a database label, its family and device class, and the
// matcher's score in [0, 1].
struct OsGuess {
  std::string label;
  std::string family;
  std::string device;
  double score = 0;
};

// What zeroscan concluded about one responsive host (-O): its OS, how sure
// it is, hop distance, and the raw evidence as a JSON object (kept as text
// so writers need no fingerprint types).
struct HostRecord {
  IpAddress ip;
  bool known = false;            // best.label is a database label above the threshold
  OsGuess best;                  // label "unknown" when !known
  double family_score = 0;       // the best family's summed score
  std::vector<OsGuess> alternatives;
  std::optional<int> distance;   // hops, from the initial TTL
  std::vector<std::string> evidence;  // "options=MSTNW": the features that decided, strongest first
  std::string observed_entry;         // the host's features as an unnamed fingerprints/ line
  std::string features_json;     // {"syn_ack":{...},"syn_rst":{...},...}
};

struct ScanSummary {
  std::uint64_t targets = 0;        // addresses after excludes
  std::uint64_t ports = 0;
  std::uint64_t probes_planned = 0; // pairs x kinds in this shard, one attempt
  std::uint64_t sent = 0;           // frames the kernel accepted
  std::uint64_t received = 0;       // frames the capture passed to us
  std::uint64_t matched = 0;        // verified replies (first answers)
  std::uint64_t invalid = 0;        // failed the cookie check or unparsable
  std::uint64_t duplicates = 0;     // verified again after a first answer
  std::uint64_t inconclusive = 0;   // verified but said nothing (e.g. TTL exceeded)
  std::uint64_t kernel_dropped = 0; // capture ring overflow (pcap_stats)
  std::uint64_t results_lost = 0;   // first answers the output thread had no room for (queue full)
  std::uint64_t open = 0, closed = 0, filtered = 0, unfiltered = 0;
  std::uint64_t seed = 0;
  std::uint32_t shard_index = 0, shard_count = 1;
  double elapsed_seconds = 0;
  double send_seconds = 0;
  bool interrupted = false;
  // Host discovery (-sn): the summary speaks of hosts, not ports.
  bool host_discovery = false;
  std::uint64_t hosts_up = 0;       // HostUpRecords written (-sn only)

  // Coverage: which part of the whole scan this output speaks for. A shard
  // covers about space_size / shard_count; merged shards add up to
  // space_size unless one was interrupted or is missing.
  std::uint64_t space_size = 0;     // probes of the whole scan, all shards: addresses x ports x kinds
  std::uint64_t covered = 0;        // of those, the ones this output's first pass concluded
  std::uint32_t merged_from = 0;    // shard outputs `zeroscan merge` combined; 0 = one run
  ScanConfig config;
  std::string version;              // zeroscan version that wrote the output
  std::string args;                 // the command line, for reports (never compared)
  std::int64_t start_unix = 0;      // wall-clock start, seconds since the epoch (0 = unknown)
};

}  // namespace zeroscan
