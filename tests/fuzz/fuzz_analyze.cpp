// libFuzzer target: what `zeroscan analyze` reads — the --pcap sidecar
// (JSON) and the capture (pcap). The first byte picks which: even, the rest
// is a sidecar, parsed and, when it describes a small scan, rebuilt; odd,
// the rest is a capture replayed against a fixed small scan of both
// families, so IPv6 frames reach the Receiver's IPv6 path and the Ipv6Cookie.
// The fixed scan is AnalyzeReplayTest's kMixedScan (tests/unit/cli), whose
// capture is the seed corpus/analyze/capture-mixed.
#include "fuzz_support.h"
#include "zeroscan/cli/pcap_sidecar.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/engine/offline_replay.h"
#include "zeroscan/net/pcap_files.h"
#include "zeroscan/output/result_sink.h"

namespace {

using namespace zeroscan;

PcapSidecar small_scan() {
  PcapSidecar s;
  s.seed = 7;
  s.source = Ipv4::from_octets(198, 19, 0, 1);
  s.source6 = Ipv6::parse("2001:2::ff");
  s.source_ports = SourcePortRange{40000, 1000};
  s.attempts = 2;
  s.targets = {{Ipv4::from_octets(198, 18, 0, 1), Ipv4::from_octets(198, 18, 0, 3)}};
  s.targets6 = {{*Ipv6::parse("2001:2::1"), *Ipv6::parse("2001:2::3")}};
  s.ports = "22,80,443";
  s.kinds = {ProbeKind::Syn, ProbeKind::Ack};
  return s;
}

void replay(const PcapSidecar& sidecar, const SidecarScan& scan, const std::string& capture_path) {
  OfflineReplayJob job(scan.space, scan.cookie);
  job.cookie6 = scan.cookie6 ? &*scan.cookie6 : nullptr;
  job.seed = sidecar.seed;
  job.shard = sidecar.shard;
  job.sender_threads = sidecar.sender_threads;
  PcapFileSource capture(capture_path);
  SinkList discard;
  replay_capture(job, capture, discard);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool capture = data[0] & 1;
  ++data;
  --size;
  static fuzz::MemoryFile file;
  // The fixed scan captures replay against: built once, not per input.
  static const PcapSidecar fixed = small_scan();
  static const SidecarScan fixed_scan(fixed);
  try {
    if (!capture) {
      const PcapSidecar sidecar = parse_pcap_sidecar(fuzz::text(data, size), "fuzz.scan.json");
      const SidecarScan scan(sidecar);  // rebuilt, but replayed only when small
      if (scan.space.size() <= 4096) replay(sidecar, scan, file.hold(nullptr, 0));
    } else {
      replay(fixed, fixed_scan, file.hold(data, size));
    }
  } catch (const Error&) {
  }
  return 0;
}
