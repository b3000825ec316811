// The report writers (text, XML, grepable) write the same bytes they wrote
// before they grouped records through a spool: tests/unit/output/golden/
// holds what the earlier writers produced for golden_records() (UTC).
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "golden_records.h"
#include "output_fixture.h"
#include "zeroscan/output/grepable_writer.h"
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
    const std::string out = path(name);
    Writer writer(std::make_unique<OutputFile>(out), fixture_annotator());
    write_all(writer, golden_records(), fixture_summary());
    return read_text(out);
  }
};

TEST_F(GoldenOutputTest, TextReport) { EXPECT_EQ(write<TextWriter>("g.nmap"), read_text(kGolden + "golden.nmap")); }
TEST_F(GoldenOutputTest, Xml) { EXPECT_EQ(write<XmlWriter>("g.xml"), read_text(kGolden + "golden.xml")); }
TEST_F(GoldenOutputTest, Grepable) {
  EXPECT_EQ(write<GrepableWriter>("g.gnmap"), read_text(kGolden + "golden.gnmap"));
}

}  // namespace
}  // namespace zeroscan
