// The scanner's NDJSON output as the lab suite reads it: the port,
// firewall and host-up records and the closing summary, plus every way the file broke
// the contract.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/ipv6_text.h"

namespace zeroscan::lab {

struct PortRecord {
  std::uint32_t ip = 0;
  std::optional<Ipv6> ip6;  // set (and ip 0) when the record's "ip" is IPv6
  std::uint16_t port = 0;
  std::string probe;   // syn | ack
  std::string state;
  std::string reason;
  std::optional<int> icmp_type;
  std::optional<int> icmp_code;
  std::optional<int> ttl;
  // What the answer looked like (TCP answers; absent otherwise).
  std::optional<int> window;
  std::optional<int> tcp_flags;       // "flags"
  std::optional<long long> ack;       // the acknowledgment number
  std::optional<int> mss;
  std::optional<std::string> options; // "MSTNW"
  std::optional<int> ip_id;
  std::optional<bool> df;
};

// A {"type":"firewall",...} record: the SYN x ACK verdict of one pair.
struct FirewallRecord {
  std::uint32_t ip = 0;
  std::optional<Ipv6> ip6;  // as in PortRecord
  std::uint16_t port = 0;
  std::string syn, syn_reason, ack, ack_reason;
  std::string verdict;
  bool forged_reset = false;
  std::optional<int> reset_ttl;
  std::optional<int> host_ttl;
};

// A {"type":"host-up",...} record of a discovery (-sn).
struct HostUpRecord {
  std::uint32_t ip = 0;
  std::optional<Ipv6> ip6;  // as in PortRecord
  std::string reason;  // echo-reply | syn-ack | reset | port-unreach ... | arp-response | nd-response
  std::string probe;   // echo | syn | ack; "" for arp-response and nd-response
};

struct ScanOutput {
  std::vector<PortRecord> ports;
  std::vector<FirewallRecord> firewall;
  std::vector<HostUpRecord> hosts_up;
  std::optional<nlohmann::json> summary;
  std::vector<std::string> problems;  // unparseable lines, missing fields, summary not last
};

ScanOutput read_ndjson(const std::string& path);

}  // namespace zeroscan::lab
