// CsvWriter: header row, NDJSON's fields per record, RFC 4180 quoting.
#include "zeroscan/output/csv_writer.h"

#include <gtest/gtest.h>

#include "format_parsers.h"
#include "output_fixture.h"

namespace zeroscan {
namespace {

using namespace test;

class CsvWriterTest : public TempDirTest {};

TEST_F(CsvWriterTest, EmptyScanIsJustTheHeader) {
  {
    CsvWriter w(std::make_unique<OutputFile>(path("out.csv")), nullptr);
    w.finish(ScanSummary());
    EXPECT_EQ(w.error(), "");
  }
  EXPECT_EQ(read_text(path("out.csv")), CsvWriter::header());
}

TEST_F(CsvWriterTest, CellsMatchTheRecord) {
  {
    CsvWriter w(std::make_unique<OutputFile>(path("out.csv")), fixture_annotator());
    write_all(w, fixture_records(), fixture_summary());
  }
  const auto rows = parse_csv(read_text(path("out.csv")));
  ASSERT_EQ(rows.size(), fixture_records().size() + 1);
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < rows[0].size(); ++i) col[rows[0][i]] = i;
  ASSERT_EQ(col.size(), 20u);
  auto find = [&](const std::string& ip, const std::string& port, const std::string& probe) {
    for (const auto& row : rows)
      if (row[col["ip"]] == ip && row[col["port"]] == port && row[col["probe"]] == probe) return row;
    ADD_FAILURE() << "no row " << ip << ":" << port << " " << probe;
    return std::vector<std::string>(20);
  };
  const auto open = find("198.18.0.1", "22", "syn");
  EXPECT_EQ(open[col["state"]], "open");
  EXPECT_EQ(open[col["window"]], "65160");
  EXPECT_EQ(open[col["flags"]], "18");
  EXPECT_EQ(open[col["mss"]], "1460");
  EXPECT_EQ(open[col["options"]], "MSTNW");
  EXPECT_EQ(open[col["icmp_type"]], "");
  EXPECT_EQ(open[col["df"]], "true");
  EXPECT_EQ(open[col["service"]], "ssh");
  const auto icmp = find("198.18.0.1", "443", "syn");
  EXPECT_EQ(icmp[col["icmp_code"]], "13");
  EXPECT_EQ(icmp[col["responder"]], "198.19.0.2");
  EXPECT_EQ(icmp[col["window"]], "");
  const auto silent = find("198.18.0.2", "22", "syn");
  EXPECT_EQ(silent[col["reason"]], "no-response");
  EXPECT_EQ(silent[col["ttl"]], "");
  EXPECT_EQ(silent[col["attempt"]], "");
  // Port 0 keeps NDJSON's probe label; the warning survives its comma and quotes.
  EXPECT_EQ(find("198.18.0.1", "0", "port0-syn")[col["state"]], "closed");
  EXPECT_EQ(find("198.18.0.1", "31337", "ack")[col["warning"]], "Back Orifice, \"BO\" trojan");
}

TEST(CsvCellTest, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_cell("plain"), "plain");
  EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_cell("two\nlines"), "\"two\nlines\"");
}

}  // namespace
}  // namespace zeroscan
