// GrepableWriter: nmap's -oG line layout with zeroscan's reason slot,
// hosts in order, ignored silence, and the closing line as completeness mark.
#include "zeroscan/output/grepable_writer.h"

#include <gtest/gtest.h>

#include "output_fixture.h"

namespace zeroscan {
namespace {

using namespace test;

class GrepableWriterTest : public TempDirTest {
 protected:
  std::vector<std::string> write(const std::vector<PortRecord>& records, const ScanSummary& s,
                                 PortAnnotator annotate = fixture_annotator()) {
    GrepableWriter w(std::make_unique<OutputFile>(path("out.gnmap")), std::move(annotate));
    write_all(w, records, s);
    EXPECT_EQ(w.error(), "");
    return lines_of(read_text(path("out.gnmap")));
  }
};

TEST_F(GrepableWriterTest, SynScanLines) {
  const auto lines = write(fixture_records_of(ProbeKind::Syn), fixture_summary("syn"));
  ASSERT_EQ(lines.size(), 11u);
  EXPECT_EQ(lines[0].rfind("# zeroscan 0.1.0 scan started ", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find(" as: zeroscan -sS -sA"), std::string::npos);
  EXPECT_EQ(lines[1], "# seed 42, shard 1/4, coverage 12/48 probes (25.00%)");
  EXPECT_EQ(lines[2], "Host: 198.18.0.1 ()\tStatus: Up");
  EXPECT_EQ(lines[3],
            "Host: 198.18.0.1 ()\tProbe: syn\tPorts: 0/closed/tcp////reset/, 22/open/tcp//ssh//syn-ack/, "
            "80/closed/tcp//http//reset/, 443/filtered/tcp//https//admin-prohibited/\t"
            "Ignored State: filtered (2)\tIgnored Ports: 8080,31337");
  EXPECT_EQ(lines[4], "Host: 198.18.0.2 ()\tStatus: Down");
  EXPECT_EQ(lines[5], "Host: 198.18.0.2 ()\tProbe: syn\tIgnored State: filtered (2)\tIgnored Ports: 22,80");
  EXPECT_EQ(lines[7],
            "Host: 198.18.0.3 ()\tProbe: syn\tPorts: 22/filtered/tcp//ssh//port-unreach/, "
            "80/filtered/tcp//http//icmp-unreach/");
  EXPECT_EQ(lines[9], "Host: 198.19.1.20 ()\tProbe: syn\tPorts: 22/filtered/tcp//ssh//arp-timeout/");
  EXPECT_EQ(lines[10].rfind("# zeroscan done at ", 0), 0u) << lines[10];
  EXPECT_NE(lines[10].find(" -- 4 IP address(es) (2 host(s) up) scanned in 2.50 seconds"), std::string::npos)
      << lines[10];
}

TEST_F(GrepableWriterTest, OneLinePerProbeKind) {
  const auto lines = write(fixture_records(), fixture_summary());
  int syn = 0, ack = 0;
  for (const std::string& l : lines) {
    syn += l.find("\tProbe: syn") != std::string::npos;
    ack += l.find("\tProbe: ack") != std::string::npos;
  }
  EXPECT_EQ(syn, 4);
  EXPECT_EQ(ack, 4);
}

TEST_F(GrepableWriterTest, SeparatorsInServiceNamesCannotBreakTheSlots) {
  const auto lines = write(fixture_records_of(ProbeKind::Syn), fixture_summary("syn"),
                           [](std::uint16_t) { return PortAnnotation{"a/b,c", ""}; });
  EXPECT_NE(lines[3].find("22/open/tcp//a|b|c//syn-ack/"), std::string::npos) << lines[3];
}

TEST_F(GrepableWriterTest, InterruptedAndWithoutStartTime) {
  ScanSummary s;
  s.interrupted = true;
  const auto lines = write({}, s);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "# zeroscan unknown scan as: zeroscan");
  EXPECT_EQ(lines[2],
            "# zeroscan done -- 0 IP address(es) (0 host(s) up) scanned in 0.00 seconds "
            "(interrupted: results are partial)");
}

}  // namespace
}  // namespace zeroscan
