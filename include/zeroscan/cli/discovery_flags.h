// Host discovery flags with nmap's meaning and spellings: -sn (ping scan:
// discovery only), --discover (discovery, then the port scan of the hosts
// found up), and the probes they send: -PE (ICMP echo), -PS[ports] (TCP
// SYN), -PA[ports] (TCP ACK). Without -PE/-PS/-PA a discovery sends nmap's
// default set: echo, SYN to 443, ACK to 80. -PS/-PA without ports mean 80,
// as in nmap.
#pragma once

#include <string>
#include <vector>

#include "zeroscan/engine/scan_space.h"

namespace CLI {
class App;
}

namespace zeroscan {

struct ScanOptions;

struct DiscoveryFlags {
  bool ping_scan = false;  // -sn / --ping-scan: report hosts up, scan no ports
  bool discover = false;   // --discover: discovery first, then scan only hosts up
  bool echo = false;       // -PE / --ping-echo
  std::string syn_ports;   // -PS[LIST] / --ping-syn LIST
  std::string ack_ports;   // -PA[LIST] / --ping-ack LIST

  bool any() const { return ping_scan || discover; }
};

// -sn, -PE, -PS[LIST], -PA[LIST] as long options; false for anything else.
bool translate_discovery_flag(const std::string& arg, std::vector<std::string>& out);

void define_discovery_flags(CLI::App& app, DiscoveryFlags& flags);

// After parsing: refuses -PE/-PS/-PA without -sn or --discover, -sn with
// --discover, and -sn with port-scan options (-p, --top-ports, -F,
// --exclude-ports, -sA, -sZ, -O). Throws CLI::ValidationError.
void check_discovery_flags(const CLI::App& app, const ScanOptions& options);

// The probe slots of one discovery: echo at port 0, SYN and ACK at their
// ports. Throws UsageError for a bad port list (port 0 included).
std::vector<ProbeSlot> discovery_slots(const DiscoveryFlags& flags);

// "echo,syn:443,ack:80": the slots as the summary's config records them.
std::string discovery_label(const std::vector<ProbeSlot>& slots);

}  // namespace zeroscan
