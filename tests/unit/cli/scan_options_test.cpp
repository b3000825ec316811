// Command-line parsing: nmap spellings, long forms, and bad input.
#include "zeroscan/cli/scan_options.h"

#include <gtest/gtest.h>

#include <fstream>
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

TEST(ScanOptionsTest, OsDbNamesTheDatabase) {
  const ParseRun r = parse({"-O", "--os-db", "mine.txt", "198.18.0.1"});
  ASSERT_EQ(r.parsed.outcome, ParseOutcome::Scan) << r.err;
  EXPECT_TRUE(r.parsed.options.os);
  EXPECT_EQ(r.parsed.options.os_db, "mine.txt");
  EXPECT_EQ(parse({"-O", "198.18.0.1"}).parsed.options.os_db, "");
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

namespace zeroscan {
namespace {

// Finding 2 (issue 10): configs are read strictly and spelled like the flags.
class ConfigFileTest : public ::testing::Test {
 protected:
  std::string write(const std::string& text) {
    const std::string path = ::testing::TempDir() + "zeroscan_config_" +
                             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".toml";
    std::ofstream(path) << text;
    return path;
  }
};

TEST_F(ConfigFileTest, KeysSpelledLikeFlagsApply) {
  const std::string path = write("dry-run = true\nports = \"22,80\"\nrate = 5000\ntargets = [\"198.18.0.1\"]\n");
  const ParseRun r = parse({"--config", path});
  ASSERT_EQ(r.parsed.outcome, ParseOutcome::Scan) << r.err;
  EXPECT_TRUE(r.parsed.options.dry_run);
  EXPECT_EQ(r.parsed.options.ports, "22,80");
  EXPECT_TRUE(r.parsed.options.ports_given);
  EXPECT_EQ(r.parsed.options.rate, 5000);
  EXPECT_TRUE(r.parsed.options.resume.empty());
  ASSERT_EQ(r.parsed.options.targets.size(), 1u);
}

TEST_F(ConfigFileTest, CommandLineWinsOverTheConfig) {
  const std::string path = write("rate = 5000\n");
  const ParseRun r = parse({"--config", path, "--rate", "7", "198.18.0.1"});
  ASSERT_EQ(r.parsed.outcome, ParseOutcome::Scan) << r.err;
  EXPECT_EQ(r.parsed.options.rate, 7);
}

// Each config entry is checked on the scan's own option parser before the
// whole is parsed: what the checks set must not outlive them.
TEST_F(ConfigFileTest, CommandLineListsReplaceTheConfigsAndChecksLeaveNothingBehind) {
  const std::string path =
      write("targets = [\"198.18.0.1\", \"198.18.0.2\"]\nexclude = [\"198.18.0.9\"]\nverbose = true\n"
            "ttl = 9\nrate = 5000\n");
  const ParseRun r = parse({"--config", path, "--exclude", "198.18.0.5", "-v", "-v", "--rate", "7", "198.18.0.3"});
  ASSERT_EQ(r.parsed.outcome, ParseOutcome::Scan) << r.err;
  EXPECT_EQ(r.parsed.options.targets, std::vector<std::string>{"198.18.0.3"});
  EXPECT_EQ(r.parsed.options.excludes, std::vector<std::string>{"198.18.0.5"});
  EXPECT_EQ(r.parsed.options.verbosity, 2);
  EXPECT_EQ(r.parsed.options.rate, 7);
  EXPECT_EQ(r.parsed.options.ttl, 9);  // from the config: the command line did not give it
  const ParseRun config_only = parse({"--config", path});
  ASSERT_EQ(config_only.parsed.outcome, ParseOutcome::Scan) << config_only.err;
  EXPECT_EQ(config_only.parsed.options.targets, (std::vector<std::string>{"198.18.0.1", "198.18.0.2"}));
  EXPECT_EQ(config_only.parsed.options.verbosity, 1);
}

// A bad entry is reported at its line, whatever the command line gave.
TEST_F(ConfigFileTest, ABadEntryAfterGoodOnesIsReportedAtItsLine) {
  const ParseRun r = parse({"--config", write("rate = 5000\nttl = 9\nretries = 99\n"), "--ttl", "3", "198.18.0.1"});
  EXPECT_EQ(r.parsed.exit_code, 2);
  EXPECT_NE(r.err.find(".toml:3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--retries"), std::string::npos) << r.err;
}

TEST_F(ConfigFileTest, UnknownKeyIsAnErrorNamingFileLineAndKey) {
  const std::string path = write("# a dry run\n\ndry_run = true\n");
  const ParseRun r = parse({"--config", path, "198.18.0.1"});
  EXPECT_EQ(r.parsed.exit_code, 2);
  EXPECT_NE(r.err.find(path + ":3: unknown key 'dry_run'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("'dry-run'"), std::string::npos) << r.err;
}

TEST_F(ConfigFileTest, MisspelledPortKeyIsAnError) {
  const ParseRun r = parse({"--config", write("port = \"22\"\n"), "198.18.0.1"});
  EXPECT_EQ(r.parsed.exit_code, 2);
  EXPECT_NE(r.err.find(":1: unknown key 'port'"), std::string::npos) << r.err;
}

TEST_F(ConfigFileTest, WrongTypesAreErrors) {
  for (const char* text : {"dry-run = 1\n", "rate = true\n", "ports = [22, 80]\n", "rate = nan\n",
                           "rate = \"fast\"\n", "[section]\nrate = 1\n", "targets = [\"--dry-run\"]\n"}) {
    const ParseRun r = parse({"--config", write(text), "198.18.0.1"});
    EXPECT_EQ(r.parsed.exit_code, 2) << text;
    EXPECT_EQ(r.parsed.outcome, ParseOutcome::Exit) << text;
    EXPECT_NE(r.err.find(".toml:"), std::string::npos) << text << r.err;
  }
}

TEST_F(ConfigFileTest, FilesThatAreNotTomlAreErrors) {
  for (const std::string& text : {std::string("this is not toml\n"), std::string("ports = [22,\n"),
                                  std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10)}) {
    const ParseRun r = parse({"--config", write(text), "198.18.0.1"});
    EXPECT_EQ(r.parsed.exit_code, 2) << text;
    EXPECT_NE(r.err.find("not a TOML config"), std::string::npos) << r.err;
  }
  const ParseRun dir = parse({"--config", ::testing::TempDir(), "198.18.0.1"});
  EXPECT_EQ(dir.parsed.exit_code, 2);
}

// Finding 4: NaN, infinities and out-of-range numbers, with a readable message.
TEST(NumberOptionsTest, FloatsRejectNanInfAndRangeWithReadableMessage) {
  for (const char* value : {"nan", "NaN", "inf", "-inf", "1e999", "0", "abc", "0x10", "200000000"}) {
    const ParseRun r = parse({"--rate", value, "198.18.0.1"});
    EXPECT_EQ(r.parsed.exit_code, 2) << value;
    EXPECT_NE(r.err.find("--rate must be a number of packets per second between 1 and 100000000"),
              std::string::npos)
        << r.err;
  }
  for (const char* value : {"nan", "inf", "-1", "3601"}) {
    const ParseRun r = parse({"--wait", value, "198.18.0.1"});
    EXPECT_EQ(r.parsed.exit_code, 2) << value;
    EXPECT_NE(r.err.find("--wait must be"), std::string::npos) << r.err;
  }
}

TEST(NumberOptionsTest, IntegersRejectSignsAndOverflow) {
  for (const char* value : {"-1", "18446744073709551616", "99999999999999999999999", "1.5", " 7"}) {
    const ParseRun r = parse({"--seed", value, "198.18.0.1"});
    EXPECT_EQ(r.parsed.exit_code, 2) << value;
    EXPECT_NE(r.err.find("--seed must be a whole number"), std::string::npos) << r.err;
  }
  const ParseRun max = parse({"--seed", "18446744073709551615", "198.18.0.1"});
  ASSERT_EQ(max.parsed.outcome, ParseOutcome::Scan) << max.err;
  EXPECT_EQ(*max.parsed.options.seed, 18446744073709551615ULL);
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--retries", "-1"}, {"--ttl", "256"}, {"--sender-threads", "4294967297"}, {"--top-ports", "0"}}) {
    const ParseRun r = parse({args[0], args[1], "198.18.0.1"});
    EXPECT_EQ(r.parsed.exit_code, 2) << args[0] << " " << args[1];
    EXPECT_NE(r.err.find(args[0] + " must be a whole number"), std::string::npos) << r.err;
  }
}

// Finding 4 again for the nmap flags: every numeric option gets the checks.
TEST(NumberOptionsTest, NmapRateAndRetryFlagsRejectNanAndSigns) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--min-rate", "nan"}, {"--max-rate", "inf"}, {"--max-retries", "-1"}, {"-T", "nan"}}) {
    const ParseRun r = parse({args[0], args[1], "198.18.0.1"});
    EXPECT_EQ(r.parsed.exit_code, 2) << args[0] << " " << args[1];
    EXPECT_NE(r.err.find(" must be "), std::string::npos) << r.err;
  }
}

// Finding 6: a repeated single-value option says which one and what to do.
TEST(ScanOptionsMessagesTest, RepeatedPortsSaysGiveItOnce) {
  const ParseRun r = parse({"-p", "80", "-p", "443", "198.18.0.1"});
  EXPECT_EQ(r.parsed.exit_code, 2);
  EXPECT_NE(r.err.find("--ports was given 2 times; give it once"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace zeroscan
