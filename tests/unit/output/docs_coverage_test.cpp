// The man page (docs/zeroscan.1) and the bash completion
// (scripts/completion/zeroscan.bash) name every option the scan and merge
// commands accept: the options are read from the parsers' own --help, so
// adding an option without documenting it fails here.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "output_fixture.h"
#include "zeroscan/cli/merge_command.h"
#include "zeroscan/cli/scan_options.h"

namespace zeroscan {
namespace {

using namespace test;

std::set<std::string> long_options(const std::string& help) {
  std::set<std::string> out;
  const std::regex option("(^|[ ,])(--[a-z][a-z0-9-]+)");
  for (auto it = std::sregex_iterator(help.begin(), help.end(), option); it != std::sregex_iterator(); ++it)
    out.insert((*it)[2]);
  return out;
}

std::string scan_help() {
  std::ostringstream out, err;
  const char* argv[] = {"zeroscan", "--help"};
  parse_scan_options(2, argv, out, err);
  return out.str();
}

std::string merge_help() {
  std::ostringstream out, err;
  run_merge({"--help"}, out, err);
  return out.str();
}

// troff writes a hyphen in an option as "\-".
std::string in_troff(const std::string& option) {
  std::string out;
  for (char c : option) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

const std::string kManPage = std::string(ZEROSCAN_SOURCE_DIR) + "/docs/zeroscan.1";
const std::string kCompletion = std::string(ZEROSCAN_SOURCE_DIR) + "/scripts/completion/zeroscan.bash";

TEST(DocsCoverageTest, HelpListsOptionsAtAll) {
  // Guards the two tests below against an empty option list.
  EXPECT_GE(long_options(scan_help()).size(), 30u);
  EXPECT_GE(long_options(merge_help()).size(), 7u);
}

TEST(DocsCoverageTest, ManPageNamesEveryOption) {
  const std::string page = read_text(kManPage);
  ASSERT_FALSE(page.empty()) << kManPage;
  for (const std::string& help : {scan_help(), merge_help()})
    for (const std::string& option : long_options(help))
      EXPECT_NE(page.find(in_troff(option)), std::string::npos) << option << " is not in " << kManPage;
  for (const char* sub : {"zeroscan ports", "zeroscan local", "zeroscan merge"})
    EXPECT_NE(page.find(std::string(".SS \"") + sub), std::string::npos) << sub;
}

TEST(DocsCoverageTest, CompletionOffersEveryOption) {
  const std::string script = read_text(kCompletion);
  ASSERT_FALSE(script.empty()) << kCompletion;
  for (const std::string& help : {scan_help(), merge_help()})
    for (const std::string& option : long_options(help)) {
      const std::regex word("(^|[\\s\"|])" + option + "($|[\\s\"|)])");
      EXPECT_TRUE(std::regex_search(script, word)) << option << " is not in " << kCompletion;
    }
}

}  // namespace
}  // namespace zeroscan
