// `zeroscan merge` end to end: shard outputs written by NdjsonWriter are
// merged back into the scan they came from, through every writer; mixed
// scans are refused before anything is written; missing and unfinished
// shards are listed with exit 1.
#include "zeroscan/cli/merge_command.h"

#include <gtest/gtest.h>

#include "format_parsers.h"
#include "mixed_family_records.h"
#include "output_fixture.h"
#include "zeroscan/output/ndjson_writer.h"

namespace zeroscan {
namespace {

using namespace test;

class MergeCommandTest : public TempDirTest {
 protected:
  // Splits the fixture scan (or `records` under `summary`) into `count`
  // shards the way a sharded run would report them (a port's SYN and ACK
  // may land in different shards).
  std::vector<std::string> write_shards(std::uint32_t count,
                                        const std::function<void(ScanSummary&)>& tweak = nullptr,
                                        const std::string& prefix = "out",
                                        const std::vector<PortRecord>& records = fixture_records(),
                                        const ScanSummary& summary = fixture_summary()) {
    std::vector<std::string> files;
    for (std::uint32_t i = 0; i < count; ++i) {
      ScanSummary s = summary;
      s.shard_index = i;
      s.shard_count = count;
      s.open = s.closed = s.filtered = s.unfiltered = 0;
      s.covered = 0;
      const std::string file = path(prefix + "." + std::to_string(i) + ".json");
      NdjsonWriter w(std::make_unique<OutputFile>(file), fixture_annotator());
      for (std::size_t k = i; k < records.size(); k += count) {
        w.port(records[k]);
        ++s.covered;
        const PortState st = records[k].state;
        ++(st == PortState::Open ? s.open : st == PortState::Closed ? s.closed
           : st == PortState::Unfiltered ? s.unfiltered : s.filtered);
      }
      if (tweak) tweak(s);
      w.finish(s);
      files.push_back(file);
    }
    return files;
  }

  int merge(std::vector<std::string> args) {
    std::ostringstream out, err;
    testing::internal::CaptureStdout();  // the human report, when no format claims stdout
    const int code = run_merge(args, out, err);
    stdout_ = testing::internal::GetCapturedStdout();
    out_ = out.str();
    err_ = err.str();
    return code;
  }

  std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& files) {
    args.insert(args.end(), files.begin(), files.end());
    return args;
  }

  std::string out_, err_, stdout_;
};

TEST_F(MergeCommandTest, FourShardsMergeIntoTheWholeScan) {
  const auto files = write_shards(4);
  ASSERT_EQ(merge(with({"-oJ", path("m.json"), "-oX", path("m.xml"), "-oG", path("m.gnmap"), "-oC",
                        path("m.csv")},
                       files)),
            0)
      << err_;
  const std::set<Fact> whole = facts_of(fixture_records());
  EXPECT_EQ(facts_from_ndjson(read_text(path("m.json"))), whole);
  EXPECT_EQ(facts_from_xml(read_text(path("m.xml"))), whole);
  EXPECT_EQ(facts_from_grepable(read_text(path("m.gnmap"))), whole);
  EXPECT_EQ(facts_from_csv(read_text(path("m.csv"))), whole);
  EXPECT_NE(stdout_.find("Host 198.18.0.1"), std::string::npos) << "human report on stdout";
  EXPECT_NE(err_.find("4 shard output(s), 21 record(s), coverage 21/48 probes"), std::string::npos) << err_;

  const auto lines = lines_of(read_text(path("m.json")));
  const auto summary = nlohmann::json::parse(lines.back());
  EXPECT_EQ(summary["type"], "summary");
  EXPECT_EQ(summary["shard"], "0/1");
  EXPECT_EQ(summary["merged_from"], 4);
  EXPECT_EQ(summary["seed"], 42);
  EXPECT_EQ(summary["open"], 1);
  EXPECT_EQ(summary["closed"], 2);
  EXPECT_EQ(summary["unfiltered"], 4);
  EXPECT_EQ(summary["filtered"], 14);
  EXPECT_EQ(summary["config"]["probes"], "syn,ack");
  EXPECT_EQ(summary["args"].get<std::string>().rfind("zeroscan merge -oJ ", 0), 0u);
}

TEST_F(MergeCommandTest, Ipv6ShardsMergeWithHostsInFamilyOrder) {
  const auto files = write_shards(3, nullptr, "v6", mixed_family_records(), mixed_family_summary());
  ASSERT_EQ(merge(with({"-oJ", path("m.json"), "-oX", path("m.xml"), "-oG", path("m.gnmap"), "-oC",
                        path("m.csv"), "-oN", path("m.nmap")},
                       files)),
            0)
      << err_;
  const std::set<Fact> whole = facts_of(mixed_family_records());
  EXPECT_EQ(facts_from_ndjson(read_text(path("m.json"))), whole);
  EXPECT_EQ(facts_from_xml(read_text(path("m.xml"))), whole);
  EXPECT_EQ(facts_from_grepable(read_text(path("m.gnmap"))), whole);
  EXPECT_EQ(facts_from_csv(read_text(path("m.csv"))), whole);
  std::vector<std::string> hosts;
  for (const std::string& line : lines_of(read_text(path("m.nmap"))))
    if (line.rfind("Host ", 0) == 0) hosts.push_back(line.substr(5));
  std::vector<std::string> answered = mixed_family_hosts();
  answered.pop_back();  // answered nothing: not in the text report
  EXPECT_EQ(hosts, answered);
  EXPECT_NE(read_text(path("m.xml")).find("<address addr=\"2001:2::1\" addrtype=\"ipv6\"/>"), std::string::npos);
  EXPECT_NE(err_.find("3 shard output(s), 14 record(s), coverage 14/49 probes"), std::string::npos) << err_;
}

TEST_F(MergeCommandTest, ReasonShowsTheReasonColumnAsInAScan) {
  const auto files = write_shards(4);
  ASSERT_EQ(merge(with({"-oN", path("plain.txt")}, files)), 0) << err_;
  ASSERT_EQ(merge(with({"--reason", "-oN", path("reason.txt")}, files)), 0) << err_;
  const std::string plain = read_text(path("plain.txt")), reason = read_text(path("reason.txt"));
  EXPECT_EQ(plain.find("REASON"), std::string::npos) << plain;
  EXPECT_NE(reason.find("REASON"), std::string::npos) << reason;
  EXPECT_NE(reason.find("syn-ack ttl"), std::string::npos) << reason;
}

TEST_F(MergeCommandTest, FirewallVerdictsAreMadeOverTheMergedRecords) {
  // 198.18.0.1:22's SYN and ACK are in different shards (positions 2 and 8
  // of the fixture, 4 shards): only the merge sees both.
  const auto files = write_shards(4);
  ASSERT_EQ(merge(with({"-oJ", path("m.json")}, files)), 0) << err_;
  bool found = false;
  for (const std::string& line : lines_of(read_text(path("m.json")))) {
    const auto j = nlohmann::json::parse(line);
    if (j["type"] == "firewall" && j["ip"] == "198.18.0.1" && j["port"] == 22) {
      found = true;
      EXPECT_EQ(j["syn"], "open");
      EXPECT_EQ(j["ack"], "unfiltered");
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(MergeCommandTest, AllFormatsAtOnce) {
  const auto files = write_shards(2);
  ASSERT_EQ(merge(with({"-oA", path("all")}, files)), 0) << err_;
  for (const char* ext : {".json", ".nmap", ".xml", ".gnmap", ".csv"})
    EXPECT_TRUE(std::filesystem::exists(path(std::string("all") + ext))) << ext;
}

TEST_F(MergeCommandTest, MissingShardIsListedWithExitOne) {
  auto files = write_shards(4);
  files.erase(files.begin() + 2);
  EXPECT_EQ(merge(with({"-oJ", path("m.json")}, files)), 1);
  EXPECT_NE(err_.find("zeroscan merge: missing shard(s) 2 of 4\n"), std::string::npos) << err_;
  // What is there is still merged, and says how much it covers.
  const auto summary = nlohmann::json::parse(lines_of(read_text(path("m.json"))).back());
  EXPECT_LT(summary["covered"].get<int>(), 21);
}

TEST_F(MergeCommandTest, UnfinishedShardIsReportedAndLeftOut) {
  const auto files = write_shards(4);
  // Shard 1 died before its summary: drop the last line.
  std::string text = read_text(files[1]);
  text.erase(text.rfind('\n', text.size() - 2) + 1);
  std::ofstream(files[1], std::ios::trunc) << text;
  EXPECT_EQ(merge(with({"-oJ", path("m.json")}, files)), 1);
  EXPECT_NE(err_.find(files[1] + ": no summary line (the shard did not finish)"), std::string::npos) << err_;
  EXPECT_NE(err_.find("missing shard(s) 1 of 4"), std::string::npos) << err_;
  EXPECT_NE(err_.find("3 shard output(s)"), std::string::npos) << err_;
}

TEST_F(MergeCommandTest, MixedSeedsAreRefusedAndNothingIsWritten) {
  const auto files = write_shards(4);
  const auto other = write_shards(4, [](ScanSummary& s) { s.seed = 7; }, "seed7");
  const std::vector<std::string> mixed = {files[0], files[1], files[2], other[3]};
  EXPECT_EQ(merge(with({"-oJ", path("m.json"), "-oX", path("m.xml")}, mixed)), 2);
  EXPECT_EQ(err_, "zeroscan merge: " + other[3] + " is from a different scan than " + files[0] +
                      ": seed 42 vs 7\n");
  EXPECT_FALSE(std::filesystem::exists(path("m.json")));
  EXPECT_FALSE(std::filesystem::exists(path("m.xml")));
}

TEST_F(MergeCommandTest, BadInputIsOneLineAndExitTwo) {
  const auto files = write_shards(2);
  std::ofstream(path("bad.json")) << "{\"type\":\"port\"}\n";
  EXPECT_EQ(merge(with({"-oJ", path("m.json")}, {files[0], path("bad.json")})), 2);
  EXPECT_EQ(err_, "zeroscan merge: " + path("bad.json") + ":1: missing \"ip\"\n");
  EXPECT_EQ(merge({"-oJ", path("m.json"), path("nope.json")}), 2);
  EXPECT_NE(err_.find("cannot read '" + path("nope.json") + "'"), std::string::npos) << err_;
  EXPECT_EQ(merge({"--frobnicate", files[0]}), 2);
  EXPECT_EQ(std::count(err_.begin(), err_.end(), '\n'), 1) << err_;
  EXPECT_EQ(merge({"-oJ", path("m.json")}), 2) << "no shard files";
  EXPECT_EQ(merge(with({"-oJ", "-", "-oX", "-"}, files)), 2);
  EXPECT_EQ(err_, "zeroscan merge: only one output format can go to stdout ('-')\n");
}

// Issue 10 finding 3: `merge -oJ v.json v.json` and `merge -oA v v.json`
// overwrote their own input and lost every port record.
TEST_F(MergeCommandTest, AnOutputThatIsAnInputIsRefusedAndTheInputKept) {
  const auto files = write_shards(1, nullptr, "v");
  const std::string before = read_text(files[0]);
  EXPECT_EQ(merge(with({"-oJ", files[0]}, files)), 2);
  EXPECT_NE(err_.find("is also an input"), std::string::npos) << err_;
  EXPECT_EQ(read_text(files[0]), before);
  // The same file under another name (a hard link) is the same input.
  const std::string base = path("v.0");  // -oA BASE writes BASE.json = the input
  EXPECT_EQ(merge(with({"-oA", base}, files)), 2);
  EXPECT_NE(err_.find("is also an input"), std::string::npos) << err_;
  EXPECT_EQ(read_text(files[0]), before);
  std::filesystem::create_hard_link(files[0], path("link.json"));
  EXPECT_EQ(merge(with({"-oN", path("link.json")}, files)), 2);
  EXPECT_EQ(read_text(files[0]), before);
}

// Issue 10 finding 6: empty or truncated input exited 1, like a missing shard.
TEST_F(MergeCommandTest, NothingCompleteToMergeIsExitTwo) {
  std::ofstream(path("empty.json")).flush();
  EXPECT_EQ(merge({"-oJ", path("m.json"), path("empty.json")}), 2) << err_;
  const auto files = write_shards(1);
  std::string text = read_text(files[0]);
  text.erase(text.rfind('\n', text.size() - 2) + 1);
  std::ofstream(files[0], std::ios::trunc) << text;
  EXPECT_EQ(merge({"-oJ", path("m.json"), files[0]}), 2) << err_;
}

// Outputs go through a temporary file: a refused merge leaves no file.
TEST_F(MergeCommandTest, OutputsAppearOnlyWhenFinished) {
  const auto files = write_shards(2);
  ASSERT_EQ(merge(with({"-oJ", path("m.json")}, files)), 0) << err_;
  for (const auto& entry : std::filesystem::directory_iterator(dir_))
    EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << entry.path();
}

TEST_F(MergeCommandTest, HelpNamesTheOutputOptions) {
  EXPECT_EQ(merge({"--help"}), 0);
  for (const char* option : {"--output-xml", "--output-grepable", "--output-csv", "--output-all", "--open"})
    EXPECT_NE(out_.find(option), std::string::npos) << option;
}

}  // namespace
}  // namespace zeroscan
