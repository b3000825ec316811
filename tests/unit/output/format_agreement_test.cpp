// The same scan says the same thing in every format: the fixture's records
// go through the NDJSON, XML, grepable and CSV writers, each output is read
// back by an independent parser, and the (ip, port, probe, state, reason)
// sets must equal the records' own — for SYN, ACK and SYN+ACK scans, and a
// SYN scan over IPv4 and IPv6 hosts.
#include <gtest/gtest.h>

#include "format_parsers.h"
#include "mixed_family_records.h"
#include "output_fixture.h"
#include "zeroscan/output/csv_writer.h"
#include "zeroscan/output/grepable_writer.h"
#include "zeroscan/output/ndjson_writer.h"
#include "zeroscan/output/xml_writer.h"

namespace zeroscan {
namespace {

using namespace test;

struct ScanShape {
  const char* name;
  std::vector<PortRecord> records;
  std::string probes;
};

class FormatAgreementTest : public TempDirTest, public ::testing::WithParamInterface<int> {};

ScanShape shape(int which) {
  if (which == 0) return {"syn", fixture_records_of(ProbeKind::Syn), "syn"};
  if (which == 1) return {"ack", fixture_records_of(ProbeKind::Ack), "ack"};
  if (which == 3) return {"syn, IPv4 and IPv6", mixed_family_records(), "syn"};
  return {"syn+ack", fixture_records(), "syn,ack"};
}

TEST_P(FormatAgreementTest, EveryFormatSaysWhatTheRecordsSay) {
  const ScanShape scan = shape(GetParam());
  const ScanSummary summary = fixture_summary(scan.probes);
  const std::set<Fact> expected = facts_of(scan.records);
  ASSERT_GE(expected.size(), 9u) << "the fixture must exercise the formats";

  NdjsonWriter json(std::make_unique<OutputFile>(path("out.json")), fixture_annotator());
  XmlWriter xml(std::make_unique<OutputFile>(path("out.xml")), fixture_annotator());
  GrepableWriter grep(std::make_unique<OutputFile>(path("out.gnmap")), fixture_annotator());
  CsvWriter csv(std::make_unique<OutputFile>(path("out.csv")), fixture_annotator());
  for (ResultSink* sink : std::initializer_list<ResultSink*>{&json, &xml, &grep, &csv}) {
    write_all(*sink, scan.records, summary);
    EXPECT_EQ(sink->error(), "");
  }

  EXPECT_EQ(facts_from_ndjson(read_text(path("out.json"))), expected) << scan.name << " NDJSON";
  EXPECT_EQ(facts_from_xml(read_text(path("out.xml"))), expected) << scan.name << " XML";
  EXPECT_EQ(facts_from_grepable(read_text(path("out.gnmap"))), expected) << scan.name << " grepable";
  EXPECT_EQ(facts_from_csv(read_text(path("out.csv"))), expected) << scan.name << " CSV";
}

INSTANTIATE_TEST_SUITE_P(SynAckBothAndMixedFamilies, FormatAgreementTest, ::testing::Values(0, 1, 2, 3));

TEST(FormatParsersTest, CatchADroppedRecord) {
  // The agreement test is only as good as its parsers: a writer fed one
  // record fewer must produce a different fact set.
  auto records = fixture_records();
  const std::set<Fact> all = facts_of(records);
  records.erase(records.begin() + 2);  // 198.18.0.1:22 SYN open
  char dir[] = "/tmp/zs-output-test.XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  const std::string file = std::string(dir) + "/short.xml";
  {
    XmlWriter xml(std::make_unique<OutputFile>(file), fixture_annotator());
    write_all(xml, records, fixture_summary());
  }
  const std::set<Fact> read = facts_from_xml(read_text(file));
  std::filesystem::remove_all(dir);
  EXPECT_NE(read, all);
  EXPECT_EQ(read.size(), all.size() - 1);
}

}  // namespace
}  // namespace zeroscan
