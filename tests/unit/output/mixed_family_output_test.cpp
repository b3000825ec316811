// IPv6 records in the writers (issue 11): the per-host formats list IPv4
// hosts first, then IPv6, each in numeric order; XML says addrtype="ipv6";
// the reasons name ICMPv6 codes in ICMPv6's own numbering (code 1 is
// admin-prohibited, not ICMP's host-unreach). The bytes of every format
// for these records are golden (golden_output_test.cpp, golden/mixed.*).
#include <gtest/gtest.h>

#include "format_parsers.h"
#include "mixed_family_records.h"
#include "zeroscan/output/csv_writer.h"
#include "zeroscan/output/grepable_writer.h"
#include "zeroscan/output/ndjson_writer.h"
#include "zeroscan/output/record_reader.h"
#include "zeroscan/output/text_writer.h"
#include "zeroscan/output/xml_writer.h"

namespace zeroscan {
namespace {

using namespace test;

class MixedFamilyOutputTest : public TempDirTest {
 protected:
  template <typename Writer>
  std::string write(const char* name) {
    return written<Writer>(name, mixed_family_records(), mixed_family_summary());
  }
};

TEST_F(MixedFamilyOutputTest, PerHostFormatsListIpv4FirstThenIpv6Numerically) {
  std::vector<std::string> text_hosts, xml_hosts, grep_hosts;
  for (const std::string& line : lines_of(write<TextWriter>("m.nmap")))
    if (line.rfind("Host ", 0) == 0) text_hosts.push_back(line.substr(5));
  const auto root = parse_xml(write<XmlWriter>("m.xml"));
  for (const XmlNode* host : root->first("nmaprun")->all("host"))
    xml_hosts.push_back(host->first("address")->attr("addr"));
  for (const std::string& line : lines_of(write<GrepableWriter>("m.gnmap")))
    if (line.rfind("Host: ", 0) == 0 && line.find("Status: ") != std::string::npos)
      grep_hosts.push_back(line.substr(6, line.find(" ()") - 6));
  std::vector<std::string> answered = mixed_family_hosts();
  answered.pop_back();  // 2001:2:0:1::20 answered nothing: the text report leaves it out
  EXPECT_EQ(text_hosts, answered);
  EXPECT_EQ(xml_hosts, mixed_family_hosts());
  EXPECT_EQ(grep_hosts, mixed_family_hosts());
}

TEST_F(MixedFamilyOutputTest, XmlAddressTypeAndIcmpv6ReasonsAreNmaps) {
  const auto root = parse_xml(write<XmlWriter>("m.xml"));
  std::map<std::string, std::string> type_of;
  std::map<std::pair<std::string, int>, const XmlNode*> state_of;
  for (const XmlNode* host : root->first("nmaprun")->all("host")) {
    const XmlNode* address = host->first("address");
    type_of[address->attr("addr")] = address->attr("addrtype");
    for (const XmlNode* port : host->first("ports")->all("port"))
      state_of[{address->attr("addr"), std::stoi(port->attr("portid"))}] = port->first("state");
  }
  EXPECT_EQ(type_of["198.18.0.1"], "ipv4");
  EXPECT_EQ(type_of["::1"], "ipv6");
  EXPECT_EQ(type_of["2001:2:0:1::20"], "ipv6");
  const std::map<std::pair<std::string, int>, std::string> reasons = {
      {{"2001:2::1", 443}, "admin-prohibited"}, {{"2001:2::1", 25}, "port-unreach"},
      {{"2001:2::9", 22}, "no-route"},          {{"2001:2::9", 23}, "reject-route"},
      {{"2001:2::9", 24}, "addr-unreach"},      {{"2001:2::9", 26}, "icmp-unreach"}};
  for (const auto& [where, reason] : reasons) {
    ASSERT_TRUE(state_of.count(where)) << where.first << ":" << where.second;
    EXPECT_EQ(state_of[where]->attr("reason"), reason) << where.first << ":" << where.second;
  }
  const XmlNode* from_router = state_of[std::make_pair(std::string("2001:2::1"), 443)];
  const XmlNode* from_host = state_of[std::make_pair(std::string("2001:2::1"), 25)];
  EXPECT_EQ(from_router->attr("reason_ip"), "2001:2:ff::1");
  EXPECT_EQ(from_host->attr("reason_ip"), "") << "the host's own ICMPv6";
}

// An on-link target that never answered NDP was never probed: its reason
// is NDP's "nd-timeout", never ARP's name, in every writer that lists
// silent ports, and it reads back as written.
TEST_F(MixedFamilyOutputTest, AnOnLinkIpv6TargetWithoutNdpAnswerIsNdTimeoutEverywhere) {
  const std::vector<PortRecord> records{silence("2001:2:0:1901::30", 22, ProbeKind::Syn, StateReason::NdTimeout),
                                        silence("198.19.1.30", 22, ProbeKind::Syn, StateReason::ArpTimeout)};
  ScanSummary summary = fixture_summary("syn");
  summary.targets = 2;
  summary.ports = 1;
  const std::string json = written<NdjsonWriter>("n.json", records, summary);
  const auto first = nlohmann::json::parse(lines_of(json).at(0));
  EXPECT_EQ(first["ip"], "2001:2:0:1901::30");
  EXPECT_EQ(first["reason"], "nd-timeout");
  EXPECT_EQ(port_record_from_json(first).reason, StateReason::NdTimeout);
  EXPECT_EQ(nlohmann::json::parse(lines_of(json).at(1))["reason"], "arp-timeout");
  for (const std::string& text : {written<XmlWriter>("n.xml", records, summary),
                                  written<GrepableWriter>("n.gnmap", records, summary),
                                  written<CsvWriter>("n.csv", records, summary)}) {
    const auto count = [&text](const std::string& word) {
      std::size_t n = 0;
      for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++n;
      return n;
    };
    // The two targets' records have the same shape: each name as often.
    EXPECT_GT(count("nd-timeout"), 0u) << text;
    EXPECT_EQ(count("nd-timeout"), count("arp-timeout")) << "ARP's name only for the IPv4 target\n" << text;
  }
}

TEST_F(MixedFamilyOutputTest, TextNamesIcmpv6CodesAndTheRouter) {
  const std::string text = write<TextWriter>("m.nmap");
  EXPECT_NE(text.find("icmp-unreach (admin-prohibited) from 2001:2:ff::1 ttl 63"), std::string::npos) << text;
  EXPECT_NE(text.find("icmp-unreach (port-unreach) ttl 64"), std::string::npos) << text;
  EXPECT_NE(text.find("icmp-unreach (code 12) ttl 64"), std::string::npos) << text;
}

}  // namespace
}  // namespace zeroscan
