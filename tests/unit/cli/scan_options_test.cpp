// Command-line parsing: nmap spellings, long forms, and bad input.
#include "zeroscan/cli/scan_options.h"

#include <gtest/gtest.h>

#include <sstream>

namespace zeroscan {
namespace {

struct ParseRun {
  ParsedScanCommand parsed;
  std::string out;
  std::string err;
};

ParseRun parse(std::vector<std::string> args) {
  args.insert(args.begin(), "zeroscan");
  std::vector<const char*> argv;
  for (auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  ParseRun run{parse_scan_options(int(argv.size()), argv.data(), out, err), {}, {}};
  run.out = out.str();
  run.err = err.str();
  return run;
}

TEST(ScanOptionsTest, NoArgumentsPrintsHelp) {
  const ParseRun r = parse({});
  EXPECT_EQ(r.parsed.outcome, ParseOutcome::Exit);
  EXPECT_EQ(r.parsed.exit_code, 0);
  EXPECT_NE(r.out.find("--rate"), std::string::npos);
}

TEST(ScanOptionsTest, VersionNamesTheBuild) {
  const ParseRun r = parse({"--version"});
  EXPECT_EQ(r.parsed.outcome, ParseOutcome::Exit);
  EXPECT_EQ(r.parsed.exit_code, 0);
  EXPECT_NE(r.out.find("zeroscan "), std::string::npos);
  EXPECT_NE(r.out.find("git "), std::string::npos);
}

TEST(ScanOptionsTest, NmapTwoLetterSpellingsMapToLongOptions) {
  const ParseRun r = parse({"-sS", "-sA", "-oJ", "out.json", "-oN", "out.txt", "-iL", "list.txt", "-Pn", "-n",
                       "198.18.0.0/24"});
  ASSERT_EQ(r.parsed.outcome, ParseOutcome::Scan) << r.err;
  const ScanOptions& o = r.parsed.options;
  EXPECT_TRUE(o.syn);
  EXPECT_TRUE(o.ack);
  EXPECT_EQ(o.output_json, "out.json");
  EXPECT_EQ(o.output_normal, "out.txt");
  ASSERT_EQ(o.input_lists.size(), 1u);
  EXPECT_EQ(o.input_lists[0], "list.txt");
  ASSERT_EQ(o.targets.size(), 1u);
  EXPECT_EQ(o.targets[0], "198.18.0.0/24");
}

TEST(ScanOptionsTest, LongFormsWork) {
  const ParseRun r = parse({"--syn", "--ack", "--output-json", "-", "--input-list", "f", "198.18.0.1"});
  ASSERT_EQ(r.parsed.outcome, ParseOutcome::Scan) << r.err;
  EXPECT_TRUE(r.parsed.options.syn && r.parsed.options.ack);
  EXPECT_EQ(r.parsed.options.output_json, "-");
}

TEST(ScanOptionsTest, AllPortsSpellings) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"-p-", "198.18.0.1"}, {"-p", "-", "198.18.0.1"}, {"--ports=-", "198.18.0.1"}}) {
    const ParseRun r = parse(args);
    ASSERT_EQ(r.parsed.outcome, ParseOutcome::Scan) << r.err;
    EXPECT_EQ(r.parsed.options.ports, "-");
    EXPECT_TRUE(r.parsed.options.ports_given);
    ASSERT_EQ(r.parsed.options.targets.size(), 1u);
  }
}

TEST(ScanOptionsTest, GluedShortPortsAndTargetsAfterOptions) {
  const ParseRun r = parse({"-p22,80", "--exclude", "198.18.0.5", "198.18.0.0/24", "198.18.1.0/24"});
  ASSERT_EQ(r.parsed.outcome, ParseOutcome::Scan) << r.err;
  EXPECT_EQ(r.parsed.options.ports, "22,80");
  ASSERT_EQ(r.parsed.options.excludes.size(), 1u);
  // The list option must not swallow the positional targets.
  EXPECT_EQ(r.parsed.options.targets.size(), 2u);
}

TEST(ScanOptionsTest, TargetsBeforeOptions) {
  const ParseRun r = parse({"198.18.0.1", "-p", "22", "--rate", "500"});
  ASSERT_EQ(r.parsed.outcome, ParseOutcome::Scan) << r.err;
  EXPECT_EQ(r.parsed.options.targets.size(), 1u);
  EXPECT_EQ(r.parsed.options.rate, 500);
}

TEST(ScanOptionsTest, DefaultsAreSane) {
  const ParseRun r = parse({"198.18.0.1"});
  ASSERT_EQ(r.parsed.outcome, ParseOutcome::Scan);
  EXPECT_EQ(r.parsed.options.rate, 10000);
  EXPECT_FALSE(r.parsed.options.ports_given);
  EXPECT_FALSE(r.parsed.options.seed.has_value());
}

TEST(ScanOptionsTest, BadInputIsOneLineAndExitTwo) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--rate", "0", "198.18.0.1"},
           {"--rate", "fast", "198.18.0.1"},
           {"--retries", "-1", "198.18.0.1"},
           {"--ttl", "300", "198.18.0.1"},
           {"--no-such-flag", "198.18.0.1"},
           {"-sU", "198.18.0.1"},
           {"-oJ"}}) {
    const ParseRun r = parse(args);
    EXPECT_EQ(r.parsed.outcome, ParseOutcome::Exit) << args[0];
    EXPECT_EQ(r.parsed.exit_code, 2) << args[0];
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("zeroscan: ", 0), 0u) << r.err;
  }
}

TEST(ScanOptionsTest, TranslationLeavesOtherArgumentsAlone) {
  const auto out = translate_nmap_spellings({"-p", "80", "-sS", "--", "-sA"});
  const std::vector<std::string> expected{"-p", "80", "--syn", "--", "-sA"};
  EXPECT_EQ(out, expected);
}

}  // namespace
}  // namespace zeroscan
