// The --pcap sidecar's IPv6 side (issue 11): a scan with IPv6 targets
// records the resolved IPv6 ranges and the IPv6 source its Ipv6Cookie
// used, and `analyze` rebuilds the mixed ScanSpace (IPv4 hosts, then IPv6)
// and the Ipv6Cookie from them. Sidecars written before (version 2, IPv4
// only) still load. A sidecar is hostile input: every bad IPv6 field is one
// DataError naming the file.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "support/scratch_file.h"
#include "zeroscan/cli/pcap_sidecar.h"
#include "zeroscan/cli/scan_inputs.h"
#include "zeroscan/core/errors.h"

namespace zeroscan {
namespace {

Ipv6 v6(const char* text) { return *Ipv6::parse(text); }

PcapSidecar mixed_sidecar() {
  PcapSidecar s;
  s.args = {"-p", "22,80", "198.18.0.1-198.18.0.2", "2001:2::1-2001:2::3", "2001:2:0:1::/126"};
  s.seed = 9;
  s.source = Ipv4::from_octets(198, 19, 0, 1);
  s.source6 = v6("2001:2::ff");
  s.source_ports = SourcePortRange{40000, 1000};
  s.attempts = 2;
  s.ts_val = 7;
  s.targets = {{Ipv4::from_octets(198, 18, 0, 1), Ipv4::from_octets(198, 18, 0, 2)}};
  s.targets6 = {{v6("2001:2::1"), v6("2001:2::3")}, {v6("2001:2:0:1::"), v6("2001:2:0:1::3")}};
  s.ports = "22,80";
  s.kinds = {ProbeKind::Syn, ProbeKind::Ack};
  return s;
}

// A version 3 sidecar as text, for the hostile variants below.
std::string mixed_text() {
  return R"({"type":"zeroscan-pcap","version":3,"args":[],"seed":5,)"
         R"("source":"198.19.0.1","source6":"2001:2::ff","source_ports":{"first":40000,"count":1000},)"
         R"("attempts":2,"ts_val":1,"targets":[["198.18.0.1","198.18.0.1"]],)"
         R"("targets6":[["2001:2::1","2001:2::3"]],"ports":"22","kinds":["syn"],"port0":false,)"
         R"("shard":{"index":0,"count":1},"sender_threads":1,"os":false,"os_rto":false,)"
         R"("all_states":false,"responders_only":false,"config":{"targets":"x","ports":"22",)"
         R"("probes":"syn","rate":10000,"retries":1,"wait_seconds":2,"ttl":64,)"
         R"("responders_only":false,"open_only":false}})";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) ADD_FAILURE() << "no '" << from << "' in the sidecar text";
  else text.replace(at, from.size(), to);
  return text;
}

TEST(PcapSidecarIpv6, RoundTripKeepsTheIpv6RangesAndSource) {
  const std::string path = scratch_path("mixed.scan.json");
  const PcapSidecar written = mixed_sidecar();
  write_pcap_sidecar(path, written);
  const PcapSidecar read = read_pcap_sidecar(path);
  std::remove(path.c_str());
  ASSERT_TRUE(read.source6);
  EXPECT_EQ(*read.source6, *written.source6);
  EXPECT_EQ(read.targets6, written.targets6);
  EXPECT_EQ(read.targets.size(), 1u);
  EXPECT_EQ(read.seed, 9u);
}

TEST(PcapSidecarIpv6, RebuiltSpaceHasIpv4HostsThenIpv6AndBothCookies) {
  const PcapSidecar s = mixed_sidecar();
  const SidecarScan scan(s);
  ASSERT_EQ(scan.space.hosts(), 2u + 3u + 4u);
  const std::uint64_t slots = scan.space.slots().size();
  EXPECT_EQ(slots, 4u);  // 2 ports x SYN, ACK
  EXPECT_FALSE(scan.space.at(0).v6);
  EXPECT_EQ(scan.space.at(1 * slots).ip, Ipv4::from_octets(198, 18, 0, 2));
  const ProbeTarget first6 = scan.space.at(2 * slots);
  EXPECT_TRUE(first6.v6);
  EXPECT_EQ(first6.ip6, v6("2001:2::1"));
  EXPECT_EQ(scan.space.at(8 * slots + 3).ip6, v6("2001:2:0:1::3"));
  ASSERT_TRUE(scan.space.index_of(v6("2001:2:0:1::2"), 80, ProbeKind::Ack));

  // The cookies are the live scan's: the key from the seed, the recorded
  // sources, source ports and attempts.
  ASSERT_TRUE(scan.cookie6);
  const Ipv6Cookie live6(cookie_key_from_seed(s.seed, s.shard), *s.source6, s.source_ports, 2);
  const auto a = scan.cookie6->probe_fields(v6("2001:2::2"), 22, ProbeKind::Syn, 1);
  const auto b = live6.probe_fields(v6("2001:2::2"), 22, ProbeKind::Syn, 1);
  EXPECT_EQ(a.src_port, b.src_port);
  EXPECT_EQ(a.seq, b.seq);
  EXPECT_EQ(scan.cookie6->source(), *s.source6);
  EXPECT_EQ(scan.cookie.source(), s.source);
}

TEST(PcapSidecarIpv6, Ipv6OnlyScanHasNoIpv4Range) {
  PcapSidecar s = mixed_sidecar();
  s.targets.clear();
  s.source = Ipv4();  // an IPv6-only scan has no IPv4 route
  const std::string path = scratch_path("v6only.scan.json");
  write_pcap_sidecar(path, s);
  const SidecarScan scan(read_pcap_sidecar(path));
  std::remove(path.c_str());
  EXPECT_EQ(scan.space.hosts(), 7u);
  EXPECT_TRUE(scan.space.at(0).v6);
}

TEST(PcapSidecarIpv6, Ipv4OnlySidecarHasNoIpv6Side) {
  PcapSidecar s = mixed_sidecar();
  s.targets6.clear();
  s.source6.reset();
  const std::string path = scratch_path("v4only.scan.json");
  write_pcap_sidecar(path, s);
  const PcapSidecar read = read_pcap_sidecar(path);
  std::remove(path.c_str());
  EXPECT_FALSE(read.source6);
  EXPECT_TRUE(read.targets6.empty());
  const SidecarScan scan(read);
  EXPECT_FALSE(scan.cookie6);
  EXPECT_EQ(scan.space.hosts(), 2u);
}

// Sidecars recorded before IPv6 (version 2) have no IPv6 fields and still load.
TEST(PcapSidecarIpv6, VersionTwoSidecarStillLoads) {
  std::string text = replaced(mixed_text(), R"("version":3)", R"("version":2)");
  text = replaced(text, R"("source6":"2001:2::ff",)", "");
  text = replaced(text, R"("targets6":[["2001:2::1","2001:2::3"]],)", "");
  const PcapSidecar s = parse_pcap_sidecar(text, "old.scan.json");
  EXPECT_TRUE(s.targets6.empty());
  EXPECT_FALSE(s.source6);
  EXPECT_EQ(SidecarScan(s).space.hosts(), 1u);
}

TEST(PcapSidecarIpv6, TheGoodTextLoads) {
  const PcapSidecar s = parse_pcap_sidecar(mixed_text(), "good.scan.json");
  EXPECT_EQ(SidecarScan(s).space.hosts(), 4u);
}

TEST(PcapSidecarIpv6, HostileIpv6FieldsAreOneErrorNamingTheFile) {
  const std::string targets6 = R"("targets6":[["2001:2::1","2001:2::3"]])";
  const std::string source6 = R"("source6":"2001:2::ff",)";
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {targets6, R"("targets6":[["2001:2::3","2001:2::1"]])"},       // ends before it starts
           {targets6, R"("targets6":[["2001:2::1"]])"},                    // not a pair
           {targets6, R"("targets6":[["2001:2::1","2001:2::3","::"]])"},  // not a pair
           {targets6, R"("targets6":[["198.18.0.1","198.18.0.2"]])"},     // IPv4 in the IPv6 list
           {targets6, R"("targets6":[["2001:2::/64","2001:2::3"]])"},     // a prefix, not an address
           {targets6, R"("targets6":"2001:2::1")"},                       // wrong type
           {targets6, R"("targets6":[[1,2]])"},                           // wrong type
           {source6, ""},                                                 // IPv6 targets, no IPv6 source
           {source6, R"("source6":"198.19.0.1",)"},
           {source6, R"("source6":"2001:2::ff::1",)"},
           {source6, R"("source6":42,)"},
           {R"("version":3)", R"("version":2)"},  // version 2 has no IPv6 side
           {R"("targets":[["198.18.0.1","198.18.0.1"]],)" + targets6, R"("targets":[],"targets6":[])"},
           // 2^64 addresses or more: no index names them all.
           {targets6, R"("targets6":[["2001:2::","2001:2:0:1::"],["2001:3::","2001:3:0:0:ffff:ffff:ffff:ffff"]])"},
           {targets6, R"("targets6":[["::","ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]])"},
       }) {
    const std::string text = replaced(mixed_text(), from, to);
    try {
      const PcapSidecar s = parse_pcap_sidecar(text, "bad.scan.json");
      const SidecarScan scan(s);
      ADD_FAILURE() << "accepted: " << text;
    } catch (const DataError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("bad.scan.json"), std::string::npos) << what;
      EXPECT_EQ(what.find('\n'), std::string::npos) << what;
      EXPECT_LT(what.size(), 400u) << what;
    }
  }
}

TEST(PcapSidecarIpv6, TooManyRangesInAllIsRefused) {
  // The range limit counts both families: 2^20 in all.
  std::string list;
  for (std::uint32_t i = 0; i < (1u << 19) + 1; ++i) {
    const std::string a = Ipv6(0x20010002ull << 32, std::uint64_t(i) * 4).to_string();
    list += (i ? ",[\"" : "[\"") + a + "\",\"" + a + "\"]";
  }
  std::string v4;
  for (std::uint32_t i = 0; i < (1u << 19); ++i) {
    const std::string a = Ipv4(0xc6120000u + i * 2).to_string();
    v4 += (i ? ",[\"" : "[\"") + a + "\",\"" + a + "\"]";
  }
  std::string text = replaced(mixed_text(), R"([["2001:2::1","2001:2::3"]])", "[" + list + "]");
  text = replaced(text, R"([["198.18.0.1","198.18.0.1"]])", "[" + v4 + "]");
  try {
    parse_pcap_sidecar(text, "many.scan.json");
    ADD_FAILURE() << "2^20 + 1 ranges accepted";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("many.scan.json"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace zeroscan
