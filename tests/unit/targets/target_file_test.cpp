// Target files: tokenising, comments, stdin-style streams, unreadable files,
// and every bad spec reported as file:line in one error.
#include "zeroscan/targets/target_file.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "test_printers.h"
#include "zeroscan/core/errors.h"

namespace zeroscan {
namespace {

Ipv4 ip(const char* text) { return *Ipv4::parse(text); }
Ipv4Range single(const char* text) { return {ip(text), ip(text)}; }

std::string usage_error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const UsageError& error) {
    return error.what();
  }
  return "(no UsageError)";
}

std::string write_temp_file(const std::string& name, const std::string& content) {
  const std::string path = ::testing::TempDir() + "zeroscan_" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

TEST(TargetFileTest, SplitsOnWhitespaceAndCommasAndDropsComments) {
  std::istringstream in(
      "# scan list\n"
      "198.18.0.1 198.18.0.2,198.18.0.3\n"
      "\n"
      "   10.0.0.0/8\t# lab network\n"
      "a.example,,b.example ,\r\n"
      "#198.18.9.9\n"
      "198.18.0.4#no space before the comment\n");
  EXPECT_EQ(read_target_stream(in, "list.txt"),
            (std::vector<std::string>{"198.18.0.1", "198.18.0.2", "198.18.0.3", "10.0.0.0/8",
                                      "a.example", "b.example", "198.18.0.4"}));
}

TEST(TargetFileTest, EmptyAndCommentOnlyStreamsGiveNoSpecs) {
  std::istringstream empty("");
  EXPECT_TRUE(read_target_stream(empty, "e").empty());
  std::istringstream comments("# nothing\n   \n#\n");
  EXPECT_TRUE(read_target_stream(comments, "c").empty());
}

TEST(TargetFileTest, LastLineWithoutNewlineIsRead) {
  std::istringstream in("198.18.0.1\n198.18.0.2");
  EXPECT_EQ(read_target_stream(in, "f").size(), 2u);
}

TEST(TargetFileTest, ReadsFromDisk) {
  const auto path = write_temp_file("targets_ok.txt", "198.18.0.1\n198.18.0.0/30 # block\n");
  EXPECT_EQ(read_target_file(path), (std::vector<std::string>{"198.18.0.1", "198.18.0.0/30"}));
}

TEST(TargetFileTest, MissingFileIsAUsageErrorNamingIt) {
  EXPECT_EQ(usage_error_of([] { read_target_file("/nonexistent/zeroscan/targets.txt"); }),
            "cannot read target file '/nonexistent/zeroscan/targets.txt': No such file or directory");
}

TEST(TargetFileTest, DirectoryIsAUsageError) {
  EXPECT_EQ(usage_error_of([] { read_target_file("/"); }),
            "cannot read target file '/': is a directory");
}

TEST(TargetFileTest, NulByteIsReportedWithLine) {
  std::istringstream in(std::string("198.18.0.1\n198.18\0.0.2\n", 24));
  EXPECT_EQ(usage_error_of([&] { read_target_stream(in, "bin.dat"); }),
            "bin.dat:2: NUL byte: this does not look like a target file");
}

TEST(TargetFileTest, ParsesEverySpec) {
  std::map<std::string, std::vector<Ipv4>> table{{"a.example", {ip("192.0.2.1")}}};
  std::atomic<int> questions{0};
  const HostResolver resolve = [&](const std::string& name) {
    ++questions;
    return table.at(name);
  };
  std::istringstream in("198.18.0.1\na.example 198.18.0.0/31\na.example\n");
  EXPECT_EQ(parse_target_stream(in, "t.txt", resolve),
            (std::vector<Ipv4Range>{single("198.18.0.1"), single("192.0.2.1"),
                                    {ip("198.18.0.0"), ip("198.18.0.1")}, single("192.0.2.1")}));
  EXPECT_EQ(questions, 1) << "each hostname is resolved once per file";
}

TEST(TargetFileTest, ReportsEveryBadSpecWithFileAndLine) {
  std::istringstream in("198.18.0.1\n1.2.3\n198.18.0.2\n\n198.18.0.0/33 ok.but.no.resolver\n");
  EXPECT_EQ(usage_error_of([&] { parse_target_stream(in, "t.txt", nullptr); }),
            "t.txt:2: bad target '1.2.3': not a valid IPv4 address (four decimal octets 0-255)\n"
            "t.txt:5: bad target '198.18.0.0/33': prefix length must be 0-32\n"
            "t.txt:5: bad target 'ok.but.no.resolver': hostnames are not accepted here");
}

TEST(TargetFileTest, CapsTheReportAndCountsTheRest) {
  std::string content;
  for (int i = 0; i < 30; ++i) content += "999.0.0." + std::to_string(i) + "\n";
  std::istringstream in(content);
  const std::string message = usage_error_of([&] { parse_target_stream(in, "big.txt", nullptr); });
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 20);
  EXPECT_NE(message.find("big.txt:20: bad target '999.0.0.19'"), std::string::npos);
  EXPECT_EQ(message.find("big.txt:21:"), std::string::npos);
  EXPECT_NE(message.find("big.txt: 10 more bad targets"), std::string::npos);
}

TEST(TargetFileTest, ParsesFileFromDisk) {
  const auto path = write_temp_file("targets_parse.txt", "198.18.0.1-3\n");
  EXPECT_EQ(parse_target_file(path, nullptr),
            (std::vector<Ipv4Range>{{ip("198.18.0.1"), ip("198.18.0.3")}}));
  const auto bad = write_temp_file("targets_bad.txt", "198.18.0.1\n\n198.18.0.1/40\n");
  EXPECT_EQ(usage_error_of([&] { parse_target_file(bad, nullptr); }),
            bad + ":3: bad target '198.18.0.1/40': prefix length must be 0-32");
}

// Issue 10 finding 6: a 50 MB target line was echoed whole in the error.
TEST(TargetFileTest, ErrorQuotesAtMostEightyBytesOfABadTarget) {
  std::istringstream in(std::string(50 << 20, 'x') + "!\n");
  const std::string message = usage_error_of([&] { parse_target_stream(in, "big.txt", nullptr); });
  EXPECT_LT(message.size(), 300u);
  EXPECT_NE(message.find("big.txt:1: bad target 'xxxx"), std::string::npos) << message.substr(0, 200);
}

// Issue 10 finding 6: 20,000 words in -iL became 20,000 serial lookups.
TEST(TargetFileTest, TooManyHostNamesIsOneErrorBeforeAnyLookup) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "word" + std::to_string(i) + "\n";
  std::istringstream in(text);
  std::atomic<int> questions{0};
  const HostResolver resolve = [&](const std::string&) {
    ++questions;
    return std::vector<Ipv4>{};
  };
  const std::string message = usage_error_of([&] { parse_target_stream(in, "words.txt", resolve); });
  EXPECT_NE(message.find("words.txt: more than 4096 host names to look up"), std::string::npos) << message;
  EXPECT_EQ(questions.load(), 0);
}

TEST(TargetFileTest, HostNamesAreLookedUpConcurrently) {
  std::string text;
  for (int i = 0; i < 32; ++i) text += "host" + std::to_string(i) + ".example\n";
  std::istringstream in(text);
  std::atomic<int> in_flight{0}, most{0};
  const HostResolver resolve = [&](const std::string&) {
    const int now = ++in_flight;
    for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    --in_flight;
    return std::vector<Ipv4>{ip("192.0.2.1")};
  };
  EXPECT_EQ(parse_target_stream(in, "hosts.txt", resolve).size(), 32u);
  EXPECT_GT(most.load(), 1);
  EXPECT_LE(most.load(), 16);
}

// Names that answer at once (a cache, /etc/hosts) need no thread pool: a
// list of them is looked up on the calling thread.
TEST(TargetFileTest, FastLookupsStayOnTheCallingThread) {
  std::string text;
  for (int i = 0; i < 32; ++i) text += "host" + std::to_string(i) + ".example\n";
  std::istringstream in(text);
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<int> elsewhere{0};
  const HostResolver resolve = [&](const std::string&) {
    if (std::this_thread::get_id() != caller) ++elsewhere;
    return std::vector<Ipv4>{ip("192.0.2.1")};
  };
  EXPECT_EQ(parse_target_stream(in, "hosts.txt", resolve).size(), 32u);
  EXPECT_EQ(elsewhere.load(), 0);
}

TEST(TargetFileTest, FailedLookupsAreOneErrorWithACount) {
  std::istringstream in("a.example b.example c.example 198.18.0.1 d.example\n");
  const HostResolver resolve = [](const std::string& name) -> std::vector<Ipv4> {
    if (name == "d.example") return {ip("192.0.2.4")};
    throw SystemError("cannot resolve '" + name + "': Temporary failure in name resolution");
  };
  try {
    parse_target_stream(in, "t.txt", resolve);
    ADD_FAILURE() << "no error";
  } catch (const SystemError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot look up 3 of 4 host names"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
  }
}

}  // namespace
}  // namespace zeroscan
