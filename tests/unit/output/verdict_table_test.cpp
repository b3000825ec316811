// Firewall verdicts of SYN+ACK scans are spooled like port records
// (VerdictTable): with a tiny run size most of them wait in the temporary
// file, yet every host gets all of its verdicts back in order and the text
// and XML reports are byte for byte those of the in-memory run.
#include "zeroscan/output/verdict_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "output_fixture.h"
#include "zeroscan/output/text_writer.h"
#include "zeroscan/output/xml_writer.h"

namespace zeroscan {
namespace {

using namespace test;

constexpr int kHosts = 40, kPortsPerHost = 12;

std::string host_ip(int h) { return "198.18." + std::to_string(h / 200) + "." + std::to_string(1 + h % 200); }

FirewallRecord verdict(const std::string& ip, std::uint16_t port, const char* name, const char* explanation) {
  FirewallRecord r;
  r.ip = *Ipv4::parse(ip);
  r.port = port;
  r.verdict = name;
  r.explanation = explanation;
  return r;
}

// Every (host, port) of the scan with a verdict that depends on both, in a
// shuffled (but fixed) order as an aggregator over merged shards might give.
std::vector<FirewallRecord> many_verdicts() {
  std::vector<FirewallRecord> out;
  for (int h = 0; h < kHosts; ++h)
    for (int p = 0; p < kPortsPerHost; ++p) {
      const std::uint16_t port = std::uint16_t(20 + 7 * p);
      if ((h + p) % 3 == 0)
        out.push_back(verdict(host_ip(h), port, "open", "open, no filter in the way"));
      else if ((h + p) % 3 == 1)
        out.push_back(verdict(host_ip(h), port, "stateless-filter", "SYN blocked, ACK passes: stateless filter"));
      else {
        FirewallRecord r = verdict(host_ip(h), port, "rejected", "rejected with ICMP unreachable");
        r.syn_icmp_code = std::uint8_t(h % 2 ? 13 : 10);
        out.push_back(r);
      }
    }
  std::shuffle(out.begin(), out.end(), std::mt19937(9));
  return out;
}

// The SYN and ACK answers of the same ports: open ports never fold, so
// every port is listed and carries its verdict in XML.
std::vector<PortRecord> many_records() {
  std::vector<PortRecord> out;
  for (int h = 0; h < kHosts; ++h)
    for (int p = 0; p < kPortsPerHost; ++p) {
      const std::uint16_t port = std::uint16_t(20 + 7 * p);
      out.push_back(tcp_answer(host_ip(h).c_str(), port, ProbeKind::Syn, PortState::Open, StateReason::SynAck, 0x12));
      out.push_back(tcp_answer(host_ip(h).c_str(), port, ProbeKind::Ack, PortState::Unfiltered, StateReason::Rst, 0x04));
    }
  std::shuffle(out.begin(), out.end(), std::mt19937(10));
  return out;
}

TEST(VerdictTableTest, SpilledVerdictsComeBackOneHostAtATimeInOrder) {
  VerdictTable table(8);
  const std::vector<FirewallRecord> verdicts = many_verdicts();
  for (const FirewallRecord& v : verdicts) table.add(v);
  ASSERT_EQ(table.error(), "");
  EXPECT_EQ(table.size(), verdicts.size());
  // Memory holds one run of 8; the rest were written out.
  EXPECT_GE(table.runs(), verdicts.size() / 8 - 1);

  std::vector<IpAddress> hosts;
  std::size_t largest_host = 0, seen = 0;
  table.for_each_host([&](IpAddress ip, const VerdictEntry* first, const VerdictEntry* last) {
    hosts.push_back(ip);
    largest_host = std::max(largest_host, std::size_t(last - first));
    for (const VerdictEntry* e = first; e != last; ++e) {
      ++seen;
      EXPECT_EQ(e->ip, ip);
      if (e != first) {
        EXPECT_LT(e[-1].port, e->port);
      }
      const auto original = std::find_if(verdicts.begin(), verdicts.end(), [&](const FirewallRecord& r) {
        return r.ip == ip && r.port == e->port;
      });
      ASSERT_NE(original, verdicts.end());
      EXPECT_EQ(table.texts(*e).verdict, original->verdict);
      EXPECT_EQ(table.texts(*e).explanation, original->explanation);
      EXPECT_EQ(e->has_icmp, original->syn_icmp_code.has_value());
    }
  });
  EXPECT_EQ(seen, verdicts.size());
  EXPECT_EQ(hosts.size(), std::size_t(kHosts));
  EXPECT_TRUE(std::is_sorted(hosts.begin(), hosts.end()));
  EXPECT_EQ(largest_host, std::size_t(kPortsPerHost));  // what a writer holds at once
}

class VerdictReportTest : public TempDirTest {
 protected:
  template <typename Writer>
  std::string report(const std::string& name, Writer&& writer,
                     const std::vector<PortRecord>& records, const std::vector<FirewallRecord>& verdicts) {
    for (const PortRecord& r : records) writer.port(r);
    for (const FirewallRecord& v : verdicts) writer.firewall(v);
    writer.finish(fixture_summary());
    EXPECT_EQ(writer.error(), "");
    return read_text(path(name));
  }
  std::string text(std::size_t run_size, const std::vector<PortRecord>& records,
                   const std::vector<FirewallRecord>& verdicts) {
    const std::string name = "report" + std::to_string(run_size) + ".txt";
    return report(name, TextWriter(std::make_unique<OutputFile>(path(name)), fixture_annotator(), true, run_size),
                  records, verdicts);
  }
  std::string xml(std::size_t run_size, const std::vector<PortRecord>& records,
                  const std::vector<FirewallRecord>& verdicts) {
    const std::string name = "report" + std::to_string(run_size) + ".xml";
    return report(name, XmlWriter(std::make_unique<OutputFile>(path(name)), fixture_annotator(), run_size),
                  records, verdicts);
  }
};

TEST_F(VerdictReportTest, TextRulesAreTheSameWhenVerdictsSpill) {
  const std::string spilled = text(4, many_records(), many_verdicts());
  const std::string in_memory = text(kSpoolRunSize, many_records(), many_verdicts());
  EXPECT_EQ(spilled, in_memory);
  EXPECT_NE(spilled.find("Firewall rules"), std::string::npos);
  for (int h = 0; h < kHosts; ++h) EXPECT_NE(spilled.find("  " + host_ip(h) + "\n"), std::string::npos) << h;
}

TEST_F(VerdictReportTest, TextRulesKeepFirstSeenOrderCodesAndDropOnlyCount) {
  std::vector<FirewallRecord> verdicts = {
      verdict("198.18.0.1", 443, "stateless-filter", "SYN blocked, ACK passes: stateless filter"),
      verdict("198.18.0.9", 22, "drop", "SYN and ACK dropped: drop rule"),
      verdict("198.18.0.1", 22, "open", "open, no filter in the way"),
      verdict("198.18.0.1", 80, "stateless-filter", "SYN blocked, ACK passes: stateless filter"),
      verdict("198.18.0.9", 80, "drop", "SYN and ACK dropped: drop rule"),
      verdict("198.18.0.1", 8080, "rejected", "rejected with ICMP unreachable"),
      verdict("198.18.0.1", 25, "reset-by-filter", "reset forged by a filter on the path"),
  };
  verdicts[5].ack_icmp_code = 13;
  verdicts[6].forged_reset = true;
  verdicts[6].reset_ttl = 250;
  verdicts[6].host_ttl = 61;
  const std::string expected =
      "\nFirewall rules (SYN and ACK probes combined)\n"
      "  198.18.0.1\n"
      "    80,443           SYN blocked, ACK passes: stateless filter [stateless-filter]\n"
      "    22               open, no filter in the way [open]\n"
      "    8080             rejected with ICMP unreachable [rejected] (ICMP code 13)\n"
      "    25               reset forged by a filter on the path [reset-by-filter] (RST ttl 250, host ttl 61)\n"
      "  1 host(s) drop every probed port (SYN and ACK)\n"
      "\nzeroscan done:";
  for (std::size_t run_size : {std::size_t(2), kSpoolRunSize}) {
    const std::string out = text(run_size, {}, verdicts);
    EXPECT_NE(out.find(expected), std::string::npos) << "run size " << run_size << ":\n" << out;
  }
}

TEST_F(VerdictReportTest, XmlIsTheSameWhenVerdictsSpillAndEachVerdictSitsInItsPort) {
  const std::string spilled = xml(4, many_records(), many_verdicts());
  EXPECT_EQ(spilled, xml(kSpoolRunSize, many_records(), many_verdicts()));
  std::size_t ports = 0;
  for (const FirewallRecord& v : many_verdicts()) {
    const std::string host = "<address addr=\"" + v.ip.to_string() + "\"";
    const std::size_t host_at = spilled.find(host);
    ASSERT_NE(host_at, std::string::npos) << host;
    const std::size_t port_at = spilled.find("portid=\"" + std::to_string(v.port) + "\"", host_at);
    ASSERT_NE(port_at, std::string::npos);
    const std::size_t port_end = spilled.find("</port>", port_at);
    const std::string element = spilled.substr(port_at, port_end - port_at);
    EXPECT_NE(element.find("verdict: " + v.verdict + "\""), std::string::npos) << element;
    EXPECT_NE(element.find("<elem key=\"verdict\">" + v.verdict + "</elem>"), std::string::npos) << element;
    ++ports;
  }
  EXPECT_EQ(ports, std::size_t(kHosts * kPortsPerHost));
}

TEST_F(VerdictReportTest, XmlPortWithoutVerdictHasNone) {
  // A port of a SYN+ACK scan whose verdict never came (interrupted scan)
  // gets the probe script without a verdict; its neighbour keeps its own.
  std::vector<PortRecord> records = {
      tcp_answer("198.18.0.1", 22, ProbeKind::Syn, PortState::Open, StateReason::SynAck, 0x12),
      tcp_answer("198.18.0.1", 22, ProbeKind::Ack, PortState::Unfiltered, StateReason::Rst, 0x04),
      tcp_answer("198.18.0.1", 80, ProbeKind::Syn, PortState::Open, StateReason::SynAck, 0x12),
      tcp_answer("198.18.0.1", 80, ProbeKind::Ack, PortState::Unfiltered, StateReason::Rst, 0x04),
  };
  const std::string out = xml(2, records, {verdict("198.18.0.1", 80, "open", "open, no filter in the way")});
  const std::size_t p22 = out.find("portid=\"22\"");
  const std::size_t p80 = out.find("portid=\"80\"");
  ASSERT_NE(p22, std::string::npos);
  ASSERT_NE(p80, std::string::npos);
  EXPECT_EQ(out.substr(p22, p80 - p22).find("verdict"), std::string::npos);
  EXPECT_NE(out.substr(p80, out.find("</port>", p80) - p80).find("verdict: open"), std::string::npos);
}

}  // namespace
}  // namespace zeroscan
