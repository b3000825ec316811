// The --pcap sidecar (FILE.scan.json): what a live scan RECORDED about
// itself — resolved target ranges (after excludes), ports, probe kinds,
// shard, seed, source address and ports, attempts, sender threads, -O
// settings and the config its outputs described — so `zeroscan analyze`
// rebuilds the scan from values, never by parsing a command line again: no
// file is read and no name is looked up on its behalf. The sidecar is
// hostile input: every field is checked, sizes are bounded.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "zeroscan/cli/scan_inputs.h"
#include "zeroscan/cli/scan_options.h"
#include "zeroscan/cookie/cookie.h"
#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/probe_kind.h"
#include "zeroscan/core/scan_results.h"
#include "zeroscan/engine/scan_space.h"
#include "zeroscan/targets/ipv4_range.h"
#include "zeroscan/targets/permutation.h"

namespace zeroscan {

struct PcapSidecar {
  std::vector<std::string> args;  // the command line, for the outputs' description only
  std::uint64_t seed = 0;
  Ipv4 source;
  SourcePortRange source_ports;
  unsigned attempts = 1;
  std::uint32_t ts_val = 0;
  std::vector<Ipv4Range> targets;  // resolved, excludes and reserved blocks already subtracted
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

// What the live scan records (the scan command calls this once its route,
// and so its source address, is known).
PcapSidecar record_sidecar(const ScanOptions& options, const ScanInputs& inputs, Ipv4 source,
                           unsigned sender_threads, std::uint32_t ts_val);

// Throws SystemError when the file cannot be written.
void write_pcap_sidecar(const std::string& path, const PcapSidecar& sidecar);

// Throws UsageError (unreadable file) or DataError (not JSON, not a
// sidecar, an older version, a field missing, of the wrong type or out of
// range), one line naming the file.
PcapSidecar read_pcap_sidecar(const std::string& path);
PcapSidecar parse_pcap_sidecar(std::string_view text, const std::string& name);

// The scan space rebuilt from a sidecar (targets and ports owned here).
class SidecarScan {
 public:
  explicit SidecarScan(const PcapSidecar& sidecar);  // throws DataError
  SidecarScan(const SidecarScan&) = delete;
  SidecarScan& operator=(const SidecarScan&) = delete;
  TargetSet targets;
  PortSet ports;
  ScanSpace space;
};

}  // namespace zeroscan
