// XmlWriter: nmap's document layout, validity against the nmap.dtd Debian
// ships (xmllint), ndiff between two outputs, and the details that carry
// zeroscan's extra knowledge (router ICMP, SYN+ACK, scan identity).
#include "zeroscan/output/xml_writer.h"

#include <gtest/gtest.h>

#include "format_parsers.h"
#include "mixed_family_records.h"
#include "output_fixture.h"

namespace zeroscan {
namespace {

using namespace test;

constexpr const char* kDtd = "/usr/share/nmap/nmap.dtd";

class XmlWriterTest : public TempDirTest {
 protected:
  std::string write(const std::string& name, const std::vector<PortRecord>& records,
                    const ScanSummary& summary, const std::vector<FirewallRecord>& verdicts = {}) {
    XmlWriter xml(std::make_unique<OutputFile>(path(name)), fixture_annotator());
    for (const PortRecord& r : records) xml.port(r);
    for (const FirewallRecord& v : verdicts) xml.firewall(v);
    xml.finish(summary);
    EXPECT_EQ(xml.error(), "");
    return path(name);
  }
  // Skips (with the reason) where the validator is missing; scripts/setup
  // installs both, so CI runs it.
  void require_xmllint() {
    if (!have_program("xmllint") || !std::filesystem::exists(kDtd))
      GTEST_SKIP() << "xmllint (libxml2-utils) or " << kDtd << " (nmap) not installed";
  }
  int validate(const std::string& file) {
    return run_status(std::string("xmllint --noout --dtdvalid ") + kDtd + " " + file + " 2>" +
                      path("xmllint.err"));
  }
};

TEST_F(XmlWriterTest, ValidatesAgainstNmapDtdForEveryScanShape) {
  require_xmllint();
  ScanSummary interrupted = fixture_summary("syn");
  interrupted.interrupted = true;
  ScanSummary bare;  // a summary with nothing filled in (old or hand-made)
  const std::vector<std::pair<std::string, std::string>> files = {
      {"syn", write("syn.xml", fixture_records_of(ProbeKind::Syn), fixture_summary("syn"))},
      {"ack", write("ack.xml", fixture_records_of(ProbeKind::Ack), fixture_summary("ack"))},
      {"both", write("both.xml", fixture_records(), fixture_summary())},
      {"empty", write("empty.xml", {}, fixture_summary())},
      {"interrupted", write("int.xml", fixture_records_of(ProbeKind::Syn), interrupted)},
      {"bare", write("bare.xml", fixture_records(), bare)},
      {"IPv4 and IPv6", write("mixed.xml", mixed_family_records(), mixed_family_summary())},
  };
  for (const auto& [name, file] : files)
    EXPECT_EQ(validate(file), 0) << name << ": " << read_text(path("xmllint.err"));
}

TEST_F(XmlWriterTest, ValidatorRejectsWhatNmapDtdForbids) {
  // Guards the test above: the same command must fail on a document the
  // DTD does not allow (scanner="zeroscan" is the classic mistake).
  require_xmllint();
  std::string doc = read_text(write("ok.xml", fixture_records(), fixture_summary()));
  const std::size_t at = doc.find("scanner=\"nmap\"");
  ASSERT_NE(at, std::string::npos);
  doc.replace(at, 14, "scanner=\"zeroscan\"");
  std::ofstream(path("bad.xml")) << doc;
  EXPECT_NE(validate(path("bad.xml")), 0);
}

TEST_F(XmlWriterTest, NdiffComparesTwoOutputs) {
  if (!have_program("ndiff")) GTEST_SKIP() << "ndiff (Debian package ndiff) not installed";
  const auto records = fixture_records_of(ProbeKind::Syn);
  const std::string a = write("a.xml", records, fixture_summary("syn"));
  const std::string again = write("again.xml", records, fixture_summary("syn"));
  auto changed = records;
  for (PortRecord& r : changed)
    if (r.ip.to_string() == "198.18.0.1" && r.port == 80) {
      r.state = PortState::Open;
      r.reason = StateReason::SynAck;
    }
  const std::string b = write("b.xml", changed, fixture_summary("syn"));

  EXPECT_EQ(run_status("ndiff " + a + " " + again + " >" + path("same.txt") + " 2>&1"), 0)
      << read_text(path("same.txt"));
  EXPECT_EQ(run_status("ndiff " + a + " " + b + " >" + path("diff.txt") + " 2>&1"), 1)
      << read_text(path("diff.txt"));
  const std::string diff = read_text(path("diff.txt"));
  EXPECT_NE(diff.find("198.18.0.1"), std::string::npos) << diff;
  EXPECT_NE(diff.find("-80/tcp closed"), std::string::npos) << diff;
  EXPECT_NE(diff.find("+80/tcp open"), std::string::npos) << diff;
  EXPECT_EQ(diff.find("22/tcp"), std::string::npos) << "only the changed port differs:\n" << diff;
}

TEST_F(XmlWriterTest, NdiffComparesIpv6Hosts) {
  if (!have_program("ndiff")) GTEST_SKIP() << "ndiff (Debian package ndiff) not installed";
  const auto records = mixed_family_records();
  const std::string a = write("a.xml", records, mixed_family_summary());
  auto changed = records;
  for (PortRecord& r : changed)
    if (r.ip.to_string() == "2001:2::1" && r.port == 80) {
      r.state = PortState::Open;
      r.reason = StateReason::SynAck;
    }
  const std::string b = write("b.xml", changed, mixed_family_summary());
  EXPECT_EQ(run_status("ndiff " + a + " " + b + " >" + path("diff.txt") + " 2>&1"), 1)
      << read_text(path("diff.txt"));
  const std::string diff = read_text(path("diff.txt"));
  EXPECT_NE(diff.find("2001:2::1"), std::string::npos) << diff;
  EXPECT_NE(diff.find("-80/tcp closed"), std::string::npos) << diff;
  EXPECT_NE(diff.find("+80/tcp open"), std::string::npos) << diff;
  EXPECT_EQ(diff.find("443/tcp"), std::string::npos) << "only the changed port differs:\n" << diff;
}

TEST_F(XmlWriterTest, HostsPortsAndRunstats) {
  const auto root = parse_xml(read_text(write("x.xml", fixture_records(), fixture_summary())));
  const XmlNode* run = root->first("nmaprun");
  ASSERT_NE(run, nullptr);
  EXPECT_EQ(run->attr("scanner"), "nmap");
  EXPECT_EQ(run->attr("profile_name"), "zeroscan");
  EXPECT_EQ(run->attr("args"), fixture_summary().args);  // escaped and read back intact
  EXPECT_EQ(run->attr("start"), "1700000000");
  ASSERT_EQ(run->all("scaninfo").size(), 2u);
  EXPECT_EQ(run->all("scaninfo")[0]->attr("services"), "0,22,80,443,8080,31337");

  const auto hosts = run->all("host");
  ASSERT_EQ(hosts.size(), 4u);
  // Address order, whatever order the records came in.
  EXPECT_EQ(hosts[0]->first("address")->attr("addr"), "198.18.0.1");
  EXPECT_EQ(hosts[3]->first("address")->attr("addr"), "198.19.1.20");
  // .1 is up on its own SYN-ACK; .2 answered nothing.
  EXPECT_EQ(hosts[0]->first("status")->attr("state"), "up");
  EXPECT_EQ(hosts[0]->first("status")->attr("reason"), "syn-ack");
  EXPECT_EQ(hosts[1]->first("status")->attr("state"), "down");

  const XmlNode* ports = hosts[0]->first("ports");
  EXPECT_TRUE(ports->all("extraports").empty()) << "a handful of silent ports is listed, as nmap does";
  std::map<std::string, const XmlNode*> by_port;
  for (const XmlNode* p : ports->all("port")) by_port[p->attr("portid")] = p;
  ASSERT_EQ(by_port.size(), 6u);
  EXPECT_EQ(by_port["8080"]->first("state")->attr("reason"), "no-response");
  // The router's ICMP: nmap's name for code 13, and who sent it.
  const XmlNode* https = by_port["443"]->first("state");
  EXPECT_EQ(https->attr("reason"), "admin-prohibited");
  EXPECT_EQ(https->attr("reason_ttl"), "63");
  EXPECT_EQ(https->attr("reason_ip"), "198.19.0.2");
  EXPECT_EQ(by_port["22"]->first("service")->attr("name"), "ssh");
  EXPECT_EQ(by_port["0"]->first("service"), nullptr);  // no name known: no service element
  // SYN silent, ACK answered: listed, SYN in <state>, both in the script.
  EXPECT_EQ(by_port["31337"]->first("state")->attr("state"), "filtered");
  EXPECT_EQ(by_port["31337"]->first("script")->attr("output"),
            "syn: filtered (no-response); ack: unfiltered (reset, ttl 64)");

  const XmlNode* stats = run->first("runstats");
  EXPECT_EQ(stats->first("hosts")->attr("up"), "2");
  EXPECT_EQ(stats->first("hosts")->attr("down"), "2");
  EXPECT_EQ(stats->first("hosts")->attr("total"), "4");
  EXPECT_EQ(stats->first("finished")->attr("exit"), "success");
  EXPECT_EQ(stats->first("finished")->attr("elapsed"), "2.50");
}

TEST_F(XmlWriterTest, FoldsLargeStatesIntoExtraportsLikeNmap) {
  // Host .9: 30 silent + 25 port-unreach (filtered: 55), 26 closed, 27
  // open. Host .10: 25 closed. nmap folds a non-open state from 26 ports.
  std::vector<PortRecord> records;
  std::uint16_t port = 1000;
  auto add = [&](int n, const std::function<PortRecord(std::uint16_t)>& make) {
    for (int i = 0; i < n; ++i) records.push_back(make(port++));
  };
  add(30, [](std::uint16_t p) { return silence("198.18.0.9", p, ProbeKind::Syn); });
  add(25, [](std::uint16_t p) { return icmp_answer("198.18.0.9", p, ProbeKind::Syn, 3); });
  add(26, [](std::uint16_t p) {
    return tcp_answer("198.18.0.9", p, ProbeKind::Syn, PortState::Closed, StateReason::Rst, 0x14);
  });
  add(27, [](std::uint16_t p) {
    return tcp_answer("198.18.0.9", p, ProbeKind::Syn, PortState::Open, StateReason::SynAck, 0x12);
  });
  for (std::uint16_t p = 2000; p < 2025; ++p)
    records.push_back(tcp_answer("198.18.0.10", p, ProbeKind::Syn, PortState::Closed, StateReason::Rst, 0x14));
  ScanSummary s = fixture_summary("syn");
  s.config.ports = "1000-1107,2000-2024";
  const std::string file = write("fold.xml", records, s);
  const std::string doc = read_text(file);
  EXPECT_EQ(facts_from_xml(doc), facts_of(records));

  const auto root = parse_xml(doc);
  const auto hosts = root->first("nmaprun")->all("host");
  ASSERT_EQ(hosts.size(), 2u);
  std::map<std::string, const XmlNode*> extra;
  for (const XmlNode* e : hosts[0]->first("ports")->all("extraports")) extra[e->attr("state")] = e;
  ASSERT_EQ(extra.size(), 2u);
  EXPECT_EQ(extra["filtered"]->attr("count"), "55");
  ASSERT_EQ(extra["filtered"]->all("extrareasons").size(), 2u);
  std::map<std::string, std::string> reasons;
  for (const XmlNode* r : extra["filtered"]->all("extrareasons")) reasons[r->attr("reason")] = r->attr("ports");
  EXPECT_EQ(reasons["no-response"], "1000-1029");
  EXPECT_EQ(reasons["port-unreach"], "1030-1054");
  EXPECT_EQ(extra["closed"]->attr("count"), "26");
  EXPECT_EQ(hosts[0]->first("ports")->all("port").size(), 27u) << "open ports are always listed";
  EXPECT_TRUE(hosts[1]->first("ports")->all("extraports").empty());
  EXPECT_EQ(hosts[1]->first("ports")->all("port").size(), 25u);
  if (have_program("xmllint") && std::filesystem::exists(kDtd)) {
    EXPECT_EQ(validate(file), 0) << read_text(path("xmllint.err"));
  }
}

TEST_F(XmlWriterTest, ScanIdentityRecordsSeedShardAndCoverage) {
  const auto root = parse_xml(read_text(write("x.xml", fixture_records(), fixture_summary())));
  const XmlNode* script = root->first("nmaprun")->first("prescript")->first("script");
  ASSERT_NE(script, nullptr);
  EXPECT_EQ(script->attr("id"), "zeroscan-scan");
  EXPECT_EQ(script->attr("output"), "seed 42, shard 1/4, coverage 12/48 probes (25.00%)");
  std::map<std::string, std::string> e;
  for (const XmlNode* el : script->all("elem")) e[el->attr("key")] = el->text;
  EXPECT_EQ(e["targets"], "198.18.0.1-198.18.0.3 198.19.1.20");
  EXPECT_EQ(e["probes"], "syn,ack");
  EXPECT_EQ(e["retries"], "1");
  EXPECT_EQ(e["covered"], "12");
}

TEST_F(XmlWriterTest, FirewallVerdictJoinsTheProbesScript) {
  FirewallRecord v;
  v.ip = *Ipv4::parse("198.18.0.1");
  v.port = 31337;
  v.verdict = "stateless-filter";
  const auto root = parse_xml(read_text(write("x.xml", fixture_records(), fixture_summary(), {v})));
  for (const XmlNode* p : root->first("nmaprun")->first("host")->first("ports")->all("port")) {
    const std::string output = p->first("script")->attr("output");
    if (p->attr("portid") == "31337")
      EXPECT_NE(output.find("verdict: stateless-filter"), std::string::npos) << output;
    else
      EXPECT_EQ(output.find("verdict"), std::string::npos) << output;
  }
}

TEST_F(XmlWriterTest, InterruptedScanSaysSo) {
  ScanSummary s = fixture_summary("syn");
  s.interrupted = true;
  const auto root = parse_xml(read_text(write("x.xml", fixture_records_of(ProbeKind::Syn), s)));
  const XmlNode* finished = root->first("nmaprun")->first("runstats")->first("finished");
  EXPECT_EQ(finished->attr("exit"), "error");
  EXPECT_EQ(finished->attr("errormsg"), "interrupted: results are partial");
}

TEST_F(XmlWriterTest, ServicesComeFromTheConfigOrTheRecords) {
  ScanSummary s = fixture_summary("syn");
  s.ports = 0;  // e.g. a summary read back from an older file
  s.config.ports = "20-23,80,x-y,443";
  auto root = parse_xml(read_text(write("a.xml", fixture_records_of(ProbeKind::Syn), s)));
  EXPECT_EQ(root->first("nmaprun")->first("scaninfo")->attr("numservices"), "6");
  s.config.ports.clear();
  root = parse_xml(read_text(write("b.xml", fixture_records_of(ProbeKind::Syn), s)));
  EXPECT_EQ(root->first("nmaprun")->first("scaninfo")->attr("services"), "0,22,80,443,8080,31337");
  EXPECT_EQ(root->first("nmaprun")->first("scaninfo")->attr("numservices"), "6");
}

TEST(XmlEscapeTest, MarkupAndControlCharacters) {
  EXPECT_EQ(xml_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
  EXPECT_EQ(xml_escape(std::string("x\x01y\tz")), "x?y\tz");
}

}  // namespace
}  // namespace zeroscan
