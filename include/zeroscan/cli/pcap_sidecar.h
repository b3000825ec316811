// The --pcap sidecar (FILE.scan.json): what a live scan RECORDED about
// itself — resolved target ranges of both families (after excludes), the
// IPv4 and IPv6 source addresses its cookies used, ports, probe kinds,
// shard, seed, source address and ports, attempts, sender threads, -O
// settings and the config its outputs described — so `zeroscan analyze`
// rebuilds the scan from values, never by parsing a command line again: no
// file is read and no name is looked up on its behalf. The sidecar is
// hostile input: every field is checked, sizes are bounded.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zeroscan/cli/scan_inputs.h"
#include "zeroscan/cli/scan_options.h"
#include "zeroscan/cookie/cookie.h"
#include "zeroscan/cookie/ipv6_cookie.h"
#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/ipv6_range.h"
#include "zeroscan/core/probe_kind.h"
#include "zeroscan/core/scan_results.h"
#include "zeroscan/engine/scan_space.h"
#include "zeroscan/targets/ipv4_range.h"
#include "zeroscan/targets/ipv6_target_set.h"
#include "zeroscan/targets/permutation.h"

namespace zeroscan {

struct PcapSidecar {
  std::vector<std::string> args;  // the command line, for the outputs' description only
  std::uint64_t seed = 0;
  Ipv4 source;                     // 0.0.0.0 when the scan had IPv4 targets only
  std::optional<Ipv6> source6;     // the Ipv6Cookie's source; set when targets6 is not empty
  SourcePortRange source_ports;
  unsigned attempts = 1;
  std::uint32_t ts_val = 0;
  std::vector<Ipv4Range> targets;  // resolved, excludes and reserved blocks already subtracted
  std::vector<Ipv6Range> targets6; // the same for IPv6: hosts after the IPv4 ones (version 3)
  std::string ports;               // normalised list, "22,80,8000-8100"
  std::vector<ProbeKind> kinds;
  bool port0 = false;              // -sZ
  ShardSpec shard;
  unsigned sender_threads = 1;
  bool os = false;
  bool os_rto = false;
  bool all_states = false;
  bool responders_only = false;
  ScanConfig config;               // as the live outputs described the scan
};

// What the live scan records (the scan command calls this once its routes,
// and so its source addresses, are known; `source6` for IPv6 targets).
PcapSidecar record_sidecar(const ScanOptions& options, const ScanInputs& inputs, Ipv4 source,
                           std::optional<Ipv6> source6, unsigned sender_threads, std::uint32_t ts_val);

// Throws SystemError when the file cannot be written.
void write_pcap_sidecar(const std::string& path, const PcapSidecar& sidecar);

// Throws UsageError (unreadable file) or DataError (not JSON, not a
// sidecar, an unknown version, a field missing, of the wrong type or out of
// range), one line naming the file. Version 2 sidecars (IPv4 only, written
// before IPv6) still load; version 3 adds "targets6" and "source6".
PcapSidecar read_pcap_sidecar(const std::string& path);
PcapSidecar parse_pcap_sidecar(std::string_view text, const std::string& name);

// The scan rebuilt from a sidecar, as the live scan built it: the scan
// space (IPv4 hosts, then IPv6; targets and ports owned here) and the
// cookies (key from the seed and shard, the recorded sources, source ports
// and attempts).
class SidecarScan {
 public:
  explicit SidecarScan(const PcapSidecar& sidecar);  // throws DataError
  SidecarScan(const SidecarScan&) = delete;
  SidecarScan& operator=(const SidecarScan&) = delete;
  TargetSet targets;
  Ipv6TargetSet targets6;
  PortSet ports;
  ScanSpace space;
  Cookie cookie;
  std::optional<Ipv6Cookie> cookie6;  // the scan had IPv6 targets
};

}  // namespace zeroscan
