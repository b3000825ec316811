// Host discovery (-sn) records in every format that has a place for them:
// NDJSON "host-up" lines (keys as documented), the text report's "is up"
// lines, nmap XML <status state="up" reason=...>, grepable "Status: Up";
// hosts in address order, the summary counting hosts up.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "output_fixture.h"
#include "zeroscan/cli/merge_command.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/output/record_reader.h"
#include "zeroscan/output/grepable_writer.h"
#include "zeroscan/output/host_discovery_sink.h"
#include "zeroscan/output/ndjson_writer.h"
#include "zeroscan/output/text_writer.h"
#include "zeroscan/output/xml_writer.h"

namespace zeroscan {
namespace {

using namespace test;

HostUpRecord answer(const char* address, StateReason reason, ProbeKind probe, std::uint16_t port) {
  HostUpRecord r;
  r.ip = *IpAddress::parse(address);
  r.reason = reason;
  r.probe = probe;
  r.port = port;
  r.answered = true;
  r.ttl = 63;
  return r;
}

HostUpRecord arp(const char* address) {
  HostUpRecord r;
  r.ip = *Ipv4::parse(address);
  r.reason = StateReason::ArpResponse;
  return r;
}

// Arrival order, not address order: writers that group sort.
std::vector<HostUpRecord> discovered() {
  HostUpRecord unreach = answer("198.18.0.9", StateReason::IcmpUnreachable, ProbeKind::Syn, 443);
  unreach.icmp_code = 3;
  return {answer("198.18.0.5", StateReason::EchoReply, ProbeKind::Echo, 0),
          arp("198.19.1.10"),
          answer("198.18.0.2", StateReason::SynAck, ProbeKind::Syn, 443),
          unreach,
          answer("198.18.0.3", StateReason::Rst, ProbeKind::Ack, 80)};
}

ScanSummary discovery_summary() {
  ScanSummary s = fixture_summary("discovery:echo,syn:443,ack:80");
  s.ports = 0;
  s.targets = 16;
  return s;
}

void write_through_discovery(ResultSink& writer) {
  HostDiscoverySink sink(writer);
  for (const HostUpRecord& r : discovered()) sink.host_up(r);
  sink.finish(discovery_summary());
}

class HostUpOutputTest : public TempDirTest {};

TEST_F(HostUpOutputTest, NdjsonWritesOneHostUpLinePerHostWithTheDocumentedKeys) {
  NdjsonWriter w(std::make_unique<OutputFile>(path("out.json")), fixture_annotator());
  write_through_discovery(w);
  const auto lines = lines_of(read_text(path("out.json")));
  ASSERT_EQ(lines.size(), 6u);
  const auto echo = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(echo.dump(),
            R"({"ip":"198.18.0.5","probe":"echo","reason":"echo-reply","status":"up","ttl":63,"type":"host-up"})");
  const auto by_arp = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(by_arp.dump(), R"({"ip":"198.19.1.10","reason":"arp-response","status":"up","type":"host-up"})");
  const auto syn = nlohmann::json::parse(lines[2]);
  EXPECT_EQ(syn["reason"], "syn-ack");
  EXPECT_EQ(syn["port"], 443);
  const auto unreach = nlohmann::json::parse(lines[3]);
  EXPECT_EQ(unreach["reason"], "port-unreach");
  EXPECT_EQ(unreach["icmp_code"], 3);
  EXPECT_EQ(nlohmann::json::parse(lines[4])["reason"], "reset");
  const auto summary = nlohmann::json::parse(lines[5]);
  EXPECT_EQ(summary["type"], "summary");
  EXPECT_EQ(summary["hosts_up"], 5);
}

TEST_F(HostUpOutputTest, TextReportSaysIsUpWithTheReasonInAddressOrder) {
  TextWriter w(std::make_unique<OutputFile>(path("out.txt")), fixture_annotator());
  write_through_discovery(w);
  const std::string text = read_text(path("out.txt"));
  const auto at = [&](const char* line) { return text.find(line); };
  EXPECT_NE(at("Host 198.18.0.2 is up (syn-ack ttl 63)\n"), std::string::npos) << text;
  EXPECT_NE(at("Host 198.18.0.3 is up (reset ttl 63)\n"), std::string::npos) << text;
  EXPECT_NE(at("Host 198.18.0.5 is up (echo-reply ttl 63)\n"), std::string::npos) << text;
  EXPECT_NE(at("Host 198.18.0.9 is up (port-unreach ttl 63)\n"), std::string::npos) << text;
  EXPECT_NE(at("Host 198.19.1.10 is up (arp-response)\n"), std::string::npos) << text;
  EXPECT_LT(at("198.18.0.2 is"), at("198.18.0.3 is"));
  EXPECT_LT(at("198.18.0.9 is"), at("198.19.1.10 is"));
  EXPECT_NE(at("zeroscan done: 16 address(es), 5 host(s) up in 2.50 s"), std::string::npos) << text;
  EXPECT_EQ(at("PORT"), std::string::npos) << "no port table in a discovery report";
}

TEST_F(HostUpOutputTest, XmlHasAnUpStatusPerHostAndCountsThem) {
  XmlWriter w(std::make_unique<OutputFile>(path("out.xml")), fixture_annotator());
  write_through_discovery(w);
  const std::string xml = read_text(path("out.xml"));
  EXPECT_NE(xml.find("<host><status state=\"up\" reason=\"echo-reply\" reason_ttl=\"63\"/>\n"
                     "<address addr=\"198.18.0.5\" addrtype=\"ipv4\"/>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<status state=\"up\" reason=\"arp-response\" reason_ttl=\"0\"/>\n"
                     "<address addr=\"198.19.1.10\""),
            std::string::npos);
  EXPECT_NE(xml.find("<hosts up=\"5\" down=\"11\" total=\"16\"/>"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("<scaninfo"), std::string::npos) << "nmap -sn writes no scaninfo";
  EXPECT_NE(xml.find("</nmaprun>"), std::string::npos);
}

TEST_F(HostUpOutputTest, GrepableSaysStatusUp) {
  GrepableWriter w(std::make_unique<OutputFile>(path("out.gnmap")), fixture_annotator());
  write_through_discovery(w);
  const auto lines = lines_of(read_text(path("out.gnmap")));
  ASSERT_EQ(lines.size(), 8u);
  EXPECT_EQ(lines[2], "Host: 198.18.0.2 ()\tStatus: Up");
  EXPECT_EQ(lines[6], "Host: 198.19.1.10 ()\tStatus: Up");
  EXPECT_NE(lines[7].find("16 IP address(es) (5 host(s) up)"), std::string::npos) << lines[7];
}

TEST_F(HostUpOutputTest, DiscoverySinkTurnsAnsweredProbesIntoHostUpAndIgnoresSilence) {
  PortRecord answered;
  answered.ip = *Ipv4::parse("198.18.0.7");
  answered.probe = ProbeKind::Echo;
  answered.reason = StateReason::EchoReply;
  answered.state = PortState::Open;
  answered.answered = true;
  answered.ttl = 57;
  const HostUpRecord up = host_up_from(answered);
  EXPECT_EQ(up.ip, answered.ip);
  EXPECT_EQ(up.reason, StateReason::EchoReply);
  EXPECT_EQ(up.ttl, 57);
  EXPECT_TRUE(up.answered);

  NdjsonWriter w(std::make_unique<OutputFile>(path("out.json")), fixture_annotator());
  HostDiscoverySink sink(w);
  PortRecord silent = answered;
  silent.answered = false;
  sink.port(silent);
  sink.port(answered);
  sink.finish(discovery_summary());
  EXPECT_EQ(sink.hosts_up(), 1u);
  EXPECT_EQ(lines_of(read_text(path("out.json"))).size(), 2u);
}

TEST_F(HostUpOutputTest, NdjsonHostUpRecordsReadBackAsWritten) {
  for (const HostUpRecord& r : discovered()) {
    const HostUpRecord back = host_up_record_from_json(nlohmann::json::parse(host_up_record_json(r).dump()));
    EXPECT_EQ(back.ip, r.ip);
    EXPECT_EQ(back.reason, r.reason);
    EXPECT_EQ(back.answered, r.answered);
    EXPECT_EQ(back.icmp_code, r.icmp_code);
    if (!r.answered) continue;
    EXPECT_EQ(back.probe, r.probe);
    EXPECT_EQ(back.port, r.port);
    EXPECT_EQ(back.ttl, r.ttl);
  }
  EXPECT_THROW(host_up_record_from_json(nlohmann::json::parse(R"({"ip":"198.18.0.1","status":"down","reason":"echo-reply"})")),
               DataError);
  EXPECT_THROW(host_up_record_from_json(nlohmann::json::parse(R"({"ip":"198.18.0.1","status":"up","reason":"nope"})")),
               DataError);
  EXPECT_THROW(host_up_record_from_json(nlohmann::json::parse(
                   R"({"ip":"198.18.0.1","status":"up","reason":"syn-ack","probe":"fin","port":1,"ttl":1})")),
               DataError);
}

TEST_F(HostUpOutputTest, Icmpv6CodesAreNamedAndReadBackInIcmpv6Numbering) {
  // The same name means a different code per family: port unreachable is
  // ICMP code 3 but ICMPv6 code 4; admin-prohibited 13 and 1.
  const struct {
    const char* ip;
    std::uint8_t code;
    const char* name;
  } cases[] = {{"2001:2::5", 4, "port-unreach"}, {"2001:2::5", 1, "admin-prohibited"},
               {"2001:2::5", 0, "no-route"},     {"2001:2::5", 3, "addr-unreach"},
               {"198.18.0.9", 3, "port-unreach"}, {"198.18.0.9", 13, "admin-prohibited"}};
  for (const auto& c : cases) {
    HostUpRecord r = answer(c.ip, StateReason::IcmpUnreachable, ProbeKind::Syn, 443);
    r.icmp_code = c.code;
    nlohmann::json j = nlohmann::json::parse(host_up_record_json(r).dump());
    EXPECT_EQ(j["reason"], c.name) << c.ip << " code " << int(c.code);
    j.erase("icmp_code");  // the name alone must say which code
    EXPECT_EQ(host_up_record_from_json(j).icmp_code, c.code) << c.ip << " " << c.name;
  }
}

// An IPv6 -sn: on-link hosts by NDP ("nd-response", nmap's name), others
// by their answers; in every writer the IPv4 hosts come first.
std::vector<HostUpRecord> discovered_both_families() {
  HostUpRecord nd;
  nd.ip = *IpAddress::parse("2001:2:0:1901::10");
  nd.reason = StateReason::NdResponse;
  return {nd, answer("2001:2:0:1800::5", StateReason::EchoReply, ProbeKind::Echo, 0),
          answer("198.18.0.5", StateReason::SynAck, ProbeKind::Syn, 443)};
}

void write_both_families(ResultSink& writer) {
  HostDiscoverySink sink(writer);
  for (const HostUpRecord& r : discovered_both_families()) sink.host_up(r);
  sink.finish(discovery_summary());
}

TEST_F(HostUpOutputTest, Ipv6HostsUpByNdpOrByAnswerInEveryWriterAfterTheIpv4Ones) {
  NdjsonWriter json(std::make_unique<OutputFile>(path("out.json")), fixture_annotator());
  write_both_families(json);
  const auto lines = lines_of(read_text(path("out.json")));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(nlohmann::json::parse(lines[0]).dump(),
            R"({"ip":"2001:2:0:1901::10","reason":"nd-response","status":"up","type":"host-up"})");
  for (const std::string& line : lines) {
    const auto j = nlohmann::json::parse(line);
    if (j["type"] != "host-up") continue;
    const HostUpRecord back = host_up_record_from_json(j);
    EXPECT_TRUE(back.reason == StateReason::NdResponse || back.answered) << line;
  }

  TextWriter text(std::make_unique<OutputFile>(path("out.txt")), fixture_annotator());
  write_both_families(text);
  const std::string report = read_text(path("out.txt"));
  const auto at = [&](const char* line) { return report.find(line); };
  EXPECT_NE(at("Host 2001:2:0:1901::10 is up (nd-response)\n"), std::string::npos) << report;
  EXPECT_NE(at("Host 2001:2:0:1800::5 is up (echo-reply ttl 63)\n"), std::string::npos) << report;
  EXPECT_LT(at("Host 198.18.0.5 is up"), at("Host 2001:2:0:1800::5 is up"));
  EXPECT_LT(at("Host 2001:2:0:1800::5 is up"), at("Host 2001:2:0:1901::10 is up"));

  XmlWriter xml(std::make_unique<OutputFile>(path("out.xml")), fixture_annotator());
  write_both_families(xml);
  const std::string x = read_text(path("out.xml"));
  EXPECT_NE(x.find("<status state=\"up\" reason=\"nd-response\" reason_ttl=\"0\"/>\n"
                   "<address addr=\"2001:2:0:1901::10\" addrtype=\"ipv6\"/>"),
            std::string::npos)
      << x;
  EXPECT_LT(x.find("198.18.0.5"), x.find("2001:2:0:1800::5"));

  GrepableWriter grepable(std::make_unique<OutputFile>(path("out.gnmap")), fixture_annotator());
  write_both_families(grepable);
  const std::string g = read_text(path("out.gnmap"));
  EXPECT_NE(g.find("Host: 2001:2:0:1901::10 ()\tStatus: Up"), std::string::npos) << g;
  EXPECT_LT(g.find("Host: 198.18.0.5"), g.find("Host: 2001:2:0:1800::5"));
}

TEST_F(HostUpOutputTest, MergeOfDiscoveryShardsKeepsEveryHostUp) {
  // Two -sn shards, each with some of the hosts: nothing may be dropped.
  const std::vector<HostUpRecord> hosts = discovered();
  std::vector<std::string> files;
  for (std::uint32_t shard = 0; shard < 2; ++shard) {
    const std::string file = path("shard" + std::to_string(shard) + ".json");
    NdjsonWriter w(std::make_unique<OutputFile>(file), fixture_annotator());
    HostDiscoverySink sink(w);
    for (std::size_t i = shard; i < hosts.size(); i += 2) sink.host_up(hosts[i]);
    sink.host_up(hosts.front());  // found by both shards (each had one of its probes)
    ScanSummary s = discovery_summary();
    s.shard_index = shard;
    s.shard_count = 2;
    sink.finish(s);
    files.push_back(file);
  }
  std::vector<std::string> args{"-oJ", path("merged.json"), "-oG", path("merged.gnmap")};
  args.insert(args.end(), files.begin(), files.end());
  std::ostringstream out, err;
  ASSERT_EQ(run_merge(args, out, err), 0) << err.str();
  const auto lines = lines_of(read_text(path("merged.json")));
  ASSERT_EQ(lines.size(), hosts.size() + 1);
  std::set<std::string> merged_ips;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    const auto j = nlohmann::json::parse(lines[i]);
    EXPECT_EQ(j["type"], "host-up");
    merged_ips.insert(j["ip"].get<std::string>());
  }
  EXPECT_EQ(merged_ips.size(), hosts.size()) << "each host once";
  const auto summary = nlohmann::json::parse(lines.back());
  EXPECT_EQ(summary["hosts_up"], hosts.size());
  EXPECT_EQ(summary["merged_from"], 2);
  EXPECT_NE(read_text(path("merged.gnmap")).find("Host: 198.19.1.10 ()\tStatus: Up"), std::string::npos);
}

}  // namespace
}  // namespace zeroscan
