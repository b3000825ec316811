// build_result_sinks / expand_all: which files -oJ/-oN/-oX/-oG/-oC/-oA make.
#include "zeroscan/output/output_set.h"

#include <gtest/gtest.h>

#include "output_fixture.h"
#include "zeroscan/core/errors.h"

namespace zeroscan {
namespace {

using namespace test;

class OutputSetTest : public TempDirTest {};

TEST_F(OutputSetTest, AllFormatsFromOneBase) {
  OutputPaths p;
  p.all_base = path("scan");
  p.xml = path("mine.xml");  // given on its own: keeps its own name
  const OutputPaths e = expand_all(p);
  EXPECT_EQ(e.json, path("scan.json"));
  EXPECT_EQ(e.normal, path("scan.nmap"));
  EXPECT_EQ(e.xml, path("mine.xml"));
  EXPECT_EQ(e.grepable, path("scan.gnmap"));
  EXPECT_EQ(e.csv, path("scan.csv"));
}

// A resumed scan continues the line formats in their files; XML and CSV,
// one document each, start a new one beside the original.
TEST_F(OutputSetTest, AResumedScanWritesItsDocumentsBesideTheOriginals) {
  OutputPaths p;
  p.all_base = path("scan");
  p.resume = true;
  const OutputPaths w = written_paths(p);
  EXPECT_EQ(w.json, path("scan.json"));
  EXPECT_EQ(w.normal, path("scan.nmap"));
  EXPECT_EQ(w.grepable, path("scan.gnmap"));
  EXPECT_EQ(w.xml, path("scan.xml.resumed"));
  EXPECT_EQ(w.csv, path("scan.csv.resumed"));
  p.all_base.clear();
  p.xml = "-";
  EXPECT_EQ(written_paths(p).xml, "-");
  p.resume = false;
  p.csv = path("new.csv");
  EXPECT_EQ(written_paths(p).csv, path("new.csv"));
}

// The sinks open exactly the paths they are given, so the files written
// aside (cli/output_checks) are the files written.
TEST_F(OutputSetTest, AResumedScanAppendsToLineFormatsAndOpensDocumentsAsGiven) {
  std::ofstream(path("scan.gnmap")) << "# earlier\n";
  OutputPaths p;
  p.grepable = path("scan.gnmap");
  p.xml = path("scan.xml.resumed");
  p.normal = path("scan.nmap");
  p.resume = true;
  testing::internal::CaptureStdout();  // the human report goes there too
  {
    auto sinks = build_result_sinks(p, nullptr, false);
    write_all(*sinks, fixture_records(), fixture_summary());
    EXPECT_EQ(sinks->error(), "");
  }
  testing::internal::GetCapturedStdout();
  EXPECT_EQ(read_text(path("scan.gnmap")).rfind("# earlier\n", 0), 0u);
  EXPECT_TRUE(std::filesystem::exists(path("scan.xml.resumed")));
  EXPECT_FALSE(std::filesystem::exists(path("scan.xml.resumed.resumed")));
}

TEST_F(OutputSetTest, WritesEveryWantedFile) {
  OutputPaths p;
  p.all_base = path("scan");
  p.normal = "-";  // the human report on stdout instead of scan.nmap
  testing::internal::CaptureStdout();
  {
    auto sinks = build_result_sinks(p, fixture_annotator(), false);
    write_all(*sinks, fixture_records_of(ProbeKind::Syn), fixture_summary("syn"));
    EXPECT_EQ(sinks->error(), "");
  }
  const std::string shown = testing::internal::GetCapturedStdout();
  EXPECT_NE(shown.find("22/tcp    open"), std::string::npos) << shown;
  for (const char* name : {"scan.json", "scan.xml", "scan.gnmap", "scan.csv"})
    EXPECT_TRUE(std::filesystem::exists(path(name))) << name;
  EXPECT_FALSE(std::filesystem::exists(path("scan.nmap")));
  EXPECT_NE(read_text(path("scan.xml")).find("</nmaprun>"), std::string::npos);
}

TEST_F(OutputSetTest, OpenOnlyFiltersEveryWriter) {
  OutputPaths p;
  p.csv = path("open.csv");
  // No format claims stdout, so the human report goes there too, filtered alike.
  testing::internal::CaptureStdout();
  {
    auto sinks = build_result_sinks(p, nullptr, true);
    write_all(*sinks, fixture_records(), fixture_summary());
  }
  const std::string shown = testing::internal::GetCapturedStdout();
  EXPECT_NE(shown.find("22/tcp    open"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("closed "), std::string::npos) << shown;
  const auto lines = lines_of(read_text(path("open.csv")));
  ASSERT_EQ(lines.size(), 2u);  // header + the one open port
  EXPECT_EQ(lines[1].rfind("198.18.0.1,22,tcp,syn,open,", 0), 0u) << lines[1];
}

TEST_F(OutputSetTest, RefusesTwoFormatsOnStdout) {
  OutputPaths p;
  p.json = "-";
  p.xml = "-";
  EXPECT_THROW(build_result_sinks(p, nullptr, false), UsageError);
  OutputPaths all;
  all.all_base = "-";
  EXPECT_THROW(build_result_sinks(all, nullptr, false), UsageError);
}

TEST_F(OutputSetTest, UnwritablePathIsAUsageError) {
  OutputPaths p;
  p.grepable = path("no/such/dir/out.gnmap");
  EXPECT_THROW(build_result_sinks(p, nullptr, false), UsageError);
}

}  // namespace
}  // namespace zeroscan
