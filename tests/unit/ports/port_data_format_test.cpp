// The stanza format loader and the layering rules: good stanzas parse into
// the right fields, and every kind of bad line is reported as file:line,
// all of them at once, in a single DataError.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "zeroscan/core/errors.h"
#include "zeroscan/ports/port_database.h"

namespace zeroscan::ports {
namespace {

std::string error_of(const std::string& text, const std::string& name = "t.db") {
  try {
    parse_port_records(text, name);
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

TEST(PortDataFormatTest, ParsesAStanzaWithContinuationLines) {
  const auto records = parse_port_records(
      "# comment\n"
      "port: 22/tcp\n"
      "service: ssh\n"
      "aliases: secure-shell sshd\n"
      "origin: iana\n"
      "risk: medium\n"
      "about: first part\n"
      "  second part\n",
      "t.db");
  ASSERT_EQ(records.size(), 1u);
  const PortEntry& e = records[0].entry;
  EXPECT_EQ(e.key(), "22/tcp");
  EXPECT_EQ(e.service, "ssh");
  EXPECT_EQ(e.aliases, (std::vector<std::string>{"secure-shell", "sshd"}));
  EXPECT_EQ(e.risk, Risk::Medium);
  EXPECT_EQ(e.about, "first part second part");
  EXPECT_EQ(e.source, "t.db:2");
  EXPECT_TRUE(records[0].has(Field::About));
  EXPECT_FALSE(records[0].has(Field::Abuse));
}

TEST(PortDataFormatTest, OneStanzaMayNameSeveralKeys) {
  const auto records = parse_port_records(
      "port: 31337/tcp 31337/udp\nservice: bo\norigin: common\nflags: backdoor\n"
      "trojans: Back Orifice, Other One\n",
      "t.db");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].entry.key(), "31337/tcp");
  EXPECT_EQ(records[1].entry.key(), "31337/udp");
  EXPECT_TRUE(records[1].entry.backdoor);
  EXPECT_EQ(records[1].entry.trojans, (std::vector<std::string>{"Back Orifice", "Other One"}));
}

TEST(PortDataFormatTest, ParsesRanges) {
  const auto records =
      parse_port_records("port: 6970-7170/udp\nservice: realaudio\norigin: common\n", "t.db");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].entry.range, (PortRange{6970, 7170}));
}

struct BadStanza {
  const char* text;
  const char* expected;  // "t.db:<line>: <message fragment>"
};

class BadStanzaTest : public ::testing::TestWithParam<BadStanza> {};

TEST_P(BadStanzaTest, IsReportedWithFileAndLine) {
  const std::string message = error_of(GetParam().text);
  EXPECT_NE(message.find(GetParam().expected), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    Errors, BadStanzaTest,
    ::testing::Values(
        BadStanza{"port: 22/tcp\nservice: ssh\nwhat: x\n", "t.db:3: unknown field 'what'"},
        BadStanza{"port: 22/sctp\nservice: ssh\n", "t.db:1: bad port '22/sctp'"},
        BadStanza{"port: 70000/tcp\nservice: x\n", "t.db:1: bad port '70000/tcp'"},
        BadStanza{"port: 9-3/tcp\nservice: x\n", "t.db:1: bad port '9-3/tcp'"},
        BadStanza{"port: 1000-1100/tcp\nservice: x\n", "t.db:1: range 1000-1100 spans two"},
        BadStanza{"port: 49000-50000/udp\nservice: x\n", "t.db:1: range 49000-50000 spans two"},
        BadStanza{"port: 22/tcp\nrisk: severe\n", "t.db:2: unknown risk 'severe'"},
        BadStanza{"port: 22/tcp\norigin: folklore\n", "t.db:2: unknown origin 'folklore'"},
        BadStanza{"port: 22/tcp\nflags: evil\n", "t.db:2: unknown flag 'evil'"},
        BadStanza{"port: 1/tcp\nflags: backdoor\n", "t.db:1: flag 'backdoor' needs a 'trojans'"},
        BadStanza{"service: ssh\n", "t.db:1: stanza has no 'port' field"},
        BadStanza{"port: 22/tcp\nservice: ssh\nservice: again\n", "t.db:3: field 'service' given twice"},
        BadStanza{"  stray continuation\n", "t.db:1: continuation line with no field"},
        BadStanza{"port: 22/tcp\nnot a field line\n", "t.db:2: expected 'field: value'"},
        BadStanza{"port: 22/tcp\nservice:\n", "t.db:2: field has an empty value"},
        BadStanza{"port: 22/tcp\nservice: bad name!\n", "t.db:2: bad service name"},
        BadStanza{"port: 22/tcp\nservice: a\n\nport: 22/tcp\nservice: b\n",
                  "t.db:4: duplicate key 22/tcp (first at t.db:1)"}));

TEST(PortDataFormatTest, ReportsEveryBadLineAtOnce) {
  const std::string message = error_of(
      "port: 1/tcp\nrisk: huge\n\n"
      "port: 2/tcp\nbogus: 1\n\n"
      "port: 3/xyz\n");
  EXPECT_NE(message.find("t.db:2:"), std::string::npos) << message;
  EXPECT_NE(message.find("t.db:5:"), std::string::npos) << message;
  EXPECT_NE(message.find("t.db:7:"), std::string::npos) << message;
}

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("zs-ports-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path write(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path) << text;
    return path;
  }
  std::filesystem::path dir_;
};

using PortDataFileTest = TempDir;

TEST_F(PortDataFileTest, FileErrorsNameTheFilePath) {
  const auto path = write("bad.db", "port: 22/tcp\nservice: ssh\n\nport: 23/tcp\nrisk: x\n");
  try {
    load_port_records_file(path);
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find(path.string() + ":5: unknown risk"), std::string::npos)
        << e.what();
  }
}

TEST_F(PortDataFileTest, MissingFileIsADataError) {
  EXPECT_THROW(load_port_records_file(dir_ / "absent.db"), DataError);
}

TEST_F(PortDataFileTest, LoadFilesLayersAndCollectsErrorsFromAllFiles) {
  const auto base = write("base.db", "port: 22/tcp\nservice: ssh\norigin: iana\n");
  const auto more = write("more.db", "port: 22/tcp\nrisk: high\nabout: remote login\n");
  const auto ranking = write("top.txt", "22/tcp\n80/tcp # web\n");
  const PortDatabase db = PortDatabase::load_files({base, more}, ranking);
  const PortEntry* ssh = db.find(22, Protocol::Tcp);
  ASSERT_NE(ssh, nullptr);
  EXPECT_EQ(ssh->risk, Risk::High);
  EXPECT_EQ(ssh->about, "remote login");
  EXPECT_EQ(ssh->origin, Origin::Iana);
  EXPECT_EQ(db.top_ports(5), (std::vector<std::uint16_t>{22, 80}));

  const auto bad_base = write("bad1.db", "port: 1/tcp\nrisk: x\n");
  const auto bad_ranking = write("bad.txt", "22/tcp\nnonsense\n");
  try {
    PortDatabase::load_files({bad_base, more}, bad_ranking);
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(bad_base.string() + ":2:"), std::string::npos) << message;
    EXPECT_NE(message.find(bad_ranking.string() + ":2:"), std::string::npos) << message;
  }
}

TEST(PortLayeringTest, LaterLayerMustAgreeOnTheServiceName) {
  const auto base = parse_port_records("port: 80/tcp\nservice: http\norigin: iana\n", "a.db");
  const auto more = parse_port_records("port: 80/tcp\nservice: bios\n", "b.db");
  try {
    PortDatabase::build({base, more}, {});
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("b.db:1: service 'bios' for 80/tcp disagrees with 'http' at a.db:1"),
              std::string::npos)
        << e.what();
  }
}

TEST(PortLayeringTest, RenameKeepsTheEarlierNameAsAlias) {
  const auto base = parse_port_records(
      "port: 8080/tcp\nservice: http-alt\naliases: webcache\norigin: iana\n", "a.db");
  const auto more =
      parse_port_records("port: 8080/tcp\nservice: http-proxy\naliases: http-alt\n", "b.db");
  const PortDatabase db = PortDatabase::build({base, more}, {});
  EXPECT_EQ(db.find(8080, Protocol::Tcp)->service, "http-proxy");
  EXPECT_EQ(db.find(8080, Protocol::Tcp)->aliases, (std::vector<std::string>{"webcache", "http-alt"}));
  EXPECT_EQ(db.named("http-alt").size(), 1u);
}

TEST(PortLayeringTest, RenameDropsTheNewNameFromTheAliases) {
  const auto base =
      parse_port_records("port: 143/tcp\nservice: imap2\naliases: imap\norigin: iana\n", "a.db");
  const auto more = parse_port_records("port: 143/tcp\nservice: imap\naliases: imap2\n", "b.db");
  const PortDatabase db = PortDatabase::build({base, more}, {});
  EXPECT_EQ(db.find(143, Protocol::Tcp)->aliases, (std::vector<std::string>{"imap2"}));
}

TEST(PortLayeringTest, NewEntryNeedsServiceAndOrigin) {
  const auto more = parse_port_records("port: 9999/tcp\nservice: x\n", "b.db");
  EXPECT_THROW(PortDatabase::build({more}, {}), DataError);
  const auto bare = parse_port_records("port: 9999/tcp\nabout: text\n", "b.db");
  EXPECT_THROW(PortDatabase::build({bare}, {}), DataError);
}

TEST(PortLayeringTest, AliasesFromBothLayersAreKept) {
  const auto base =
      parse_port_records("port: 113/tcp\nservice: auth\naliases: ident\norigin: iana\n", "a.db");
  const auto more = parse_port_records("port: 113/tcp\naliases: ident tap\n", "b.db");
  const PortDatabase db = PortDatabase::build({base, more}, {});
  EXPECT_EQ(db.find(113, Protocol::Tcp)->aliases, (std::vector<std::string>{"ident", "tap"}));
  EXPECT_EQ(db.named("TAP").size(), 1u);
}

struct BadRanking {
  const char* text;
  const char* expected;
};

class BadRankingTest : public ::testing::TestWithParam<BadRanking> {};

TEST_P(BadRankingTest, IsReportedWithFileAndLine) {
  try {
    parse_port_ranking(GetParam().text, "top.txt");
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find(GetParam().expected), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Errors, BadRankingTest,
    ::testing::Values(BadRanking{"80/tcp\n80/tcp\n", "top.txt:2: 80/tcp already ranked at line 1"},
                      BadRanking{"# c\n80\n", "top.txt:2: expected 'port/tcp'"},
                      BadRanking{"99999/tcp\n", "top.txt:1: expected"},
                      BadRanking{"80/icmp\n", "top.txt:1: expected"}));

TEST(PortRankingTest, KeepsOrderPerProtocol) {
  const auto ranking = parse_port_ranking("443/tcp\n53/udp\n80/tcp  # web\n", "top.txt");
  const PortDatabase db = PortDatabase::build({}, ranking);
  EXPECT_EQ(db.top_ports(10, Protocol::Tcp), (std::vector<std::uint16_t>{443, 80}));
  EXPECT_EQ(db.top_ports(10, Protocol::Udp), (std::vector<std::uint16_t>{53}));
}

}  // namespace
}  // namespace zeroscan::ports
