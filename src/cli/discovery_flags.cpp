// Host discovery flags: nmap spellings, definitions, checks and probe slots.
#include "zeroscan/cli/discovery_flags.h"

#include <CLI/CLI.hpp>

#include "zeroscan/cli/scan_options.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/targets/port_set.h"

namespace zeroscan {

namespace {

// nmap's port when -PS/-PA come without a list.
constexpr const char* kDefaultPingPort = "80";

// nmap's default discovery for a privileged scan (echo, SYN 443, ACK 80;
// nmap adds an ICMP timestamp request, which zeroscan does not send).
constexpr std::uint16_t kDefaultSynPort = 443, kDefaultAckPort = 80;

void add_ports(const std::string& list, ProbeKind kind, const char* flag, std::vector<ProbeSlot>& slots) {
  PortSet ports;
  try {
    ports = PortSet::parse(list);
  } catch (const UsageError& e) {
    throw UsageError(std::string(flag) + ": " + e.what());
  }
  for (std::uint16_t port : ports.ports()) {
    if (port == 0) throw UsageError(std::string(flag) + ": port 0 is no discovery probe (use -sZ in a port scan)");
    slots.push_back({port, kind});
  }
}

}  // namespace

bool translate_discovery_flag(const std::string& arg, std::vector<std::string>& out) {
  if (arg == "-sn") {
    out.push_back("--ping-scan");
  } else if (arg == "-PE") {
    out.push_back("--ping-echo");
  } else if (arg.rfind("-PS", 0) == 0 || arg.rfind("-PA", 0) == 0) {
    // nmap glues the list to the flag: -PS22,443. Alone it means port 80.
    const std::string list = arg.size() > 3 ? arg.substr(3) : kDefaultPingPort;
    out.push_back((arg[2] == 'S' ? "--ping-syn=" : "--ping-ack=") + list);
  } else {
    return false;
  }
  return true;
}

void define_discovery_flags(CLI::App& app, DiscoveryFlags& f) {
  app.add_flag("--ping-scan", f.ping_scan,
               "Host discovery only: report the hosts that are up (one record each, with the reason) "
               "and scan no port; nmap -sn");
  app.add_flag("--discover", f.discover,
               "Run host discovery first, then port-scan only the hosts found up (the default, as "
               "nmap -Pn, probes every target)");
  app.add_flag("--ping-echo", f.echo, "Discovery probe: ICMP echo request; nmap -PE");
  app.add_option("--ping-syn", f.syn_ports, "Discovery probe: TCP SYN to these ports; nmap -PS[LIST] (alone: 80)")
      ->type_name("PORTS");
  app.add_option("--ping-ack", f.ack_ports, "Discovery probe: TCP ACK to these ports; nmap -PA[LIST] (alone: 80)")
      ->type_name("PORTS");
}

void check_discovery_flags(const CLI::App& app, const ScanOptions& o) {
  const DiscoveryFlags& f = o.discovery;
  const bool probes_chosen = f.echo || !f.syn_ports.empty() || !f.ack_ports.empty();
  if (probes_chosen && !f.any())
    throw CLI::ValidationError("-PE/-PS/-PA", "choose host discovery probes: add -sn or --discover");
  if (f.ping_scan && f.discover)
    throw CLI::ValidationError("-sn", "is discovery only; --discover scans ports after it: give one");
  if (!f.ping_scan) return;
  for (const char* option : {"--ports", "--top-ports", "--fast", "--exclude-ports", "--ack", "--syn", "--port0", "--os"})
    if (app.count(option) > 0)
      throw CLI::ValidationError("-sn", std::string("scans no ports: drop ") + option +
                                            " (or use --discover to scan the hosts found up)");
}

std::vector<ProbeSlot> discovery_slots(const DiscoveryFlags& f) {
  if (!f.echo && f.syn_ports.empty() && f.ack_ports.empty())
    return {{0, ProbeKind::Echo}, {kDefaultSynPort, ProbeKind::Syn}, {kDefaultAckPort, ProbeKind::Ack}};
  std::vector<ProbeSlot> slots;
  if (f.echo) slots.push_back({0, ProbeKind::Echo});
  if (!f.syn_ports.empty()) add_ports(f.syn_ports, ProbeKind::Syn, "-PS", slots);
  if (!f.ack_ports.empty()) add_ports(f.ack_ports, ProbeKind::Ack, "-PA", slots);
  return slots;
}

std::string discovery_label(const std::vector<ProbeSlot>& slots) {
  std::string label;
  for (const ProbeSlot& slot : slots) {
    if (!label.empty()) label += ',';
    label += to_string(slot.kind);
    if (slot.kind != ProbeKind::Echo) label += ":" + std::to_string(slot.port);
  }
  return label;
}

}  // namespace zeroscan
