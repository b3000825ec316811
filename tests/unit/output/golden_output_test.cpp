// The report writers (text, XML, grepable) write the same bytes they wrote
// before they grouped records through a spool: tests/unit/output/golden/
// holds what the earlier writers produced for golden_records() (UTC).
// golden/mixed.* hold what every writer wrote for mixed_family_records()
// (IPv4 and IPv6 hosts, issue 11), checked by hand against nmap's spelling
// (addrtype="ipv6", "Host: 2001:2::1 ()", ICMPv6 reason names).
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "golden_records.h"
#include "mixed_family_records.h"
#include "output_fixture.h"
#include "zeroscan/output/csv_writer.h"
#include "zeroscan/output/grepable_writer.h"
#include "zeroscan/output/ndjson_writer.h"
#include "zeroscan/output/text_writer.h"
#include "zeroscan/output/xml_writer.h"

namespace zeroscan {
namespace {

using namespace test;

const std::string kGolden = std::string(ZEROSCAN_SOURCE_DIR) + "/tests/unit/output/golden/";

class GoldenOutputTest : public TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    setenv("TZ", "UTC", 1);  // wall-clock text in the headers
    tzset();
  }
  template <typename Writer>
  std::string write(const char* name) {
    return written<Writer>(name, golden_records(), fixture_summary());
  }
  template <typename Writer>
  std::string write_mixed(const char* name) {
    return written<Writer>(name, mixed_family_records(), mixed_family_summary());
  }
};

TEST_F(GoldenOutputTest, TextReport) { EXPECT_EQ(write<TextWriter>("g.nmap"), read_text(kGolden + "golden.nmap")); }
TEST_F(GoldenOutputTest, Xml) { EXPECT_EQ(write<XmlWriter>("g.xml"), read_text(kGolden + "golden.xml")); }
TEST_F(GoldenOutputTest, Grepable) {
  EXPECT_EQ(write<GrepableWriter>("g.gnmap"), read_text(kGolden + "golden.gnmap"));
}

TEST_F(GoldenOutputTest, MixedFamiliesText) {
  EXPECT_EQ(write_mixed<TextWriter>("m.nmap"), read_text(kGolden + "mixed.nmap"));
}
TEST_F(GoldenOutputTest, MixedFamiliesXml) {
  EXPECT_EQ(write_mixed<XmlWriter>("m.xml"), read_text(kGolden + "mixed.xml"));
}
TEST_F(GoldenOutputTest, MixedFamiliesGrepable) {
  EXPECT_EQ(write_mixed<GrepableWriter>("m.gnmap"), read_text(kGolden + "mixed.gnmap"));
}
TEST_F(GoldenOutputTest, MixedFamiliesCsv) {
  EXPECT_EQ(write_mixed<CsvWriter>("m.csv"), read_text(kGolden + "mixed.csv"));
}
TEST_F(GoldenOutputTest, MixedFamiliesNdjson) {
  EXPECT_EQ(write_mixed<NdjsonWriter>("m.json"), read_text(kGolden + "mixed.json"));
}

}  // namespace
}  // namespace zeroscan
