// The fingerprint database text format: parsing, printing, and the loader's
// file:line error reports.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/fingerprint/database.h"

namespace zeroscan::fingerprint {
namespace {

const std::string kEveryKey =
    "lab-linux-6 | Linux 6.1 (lab) | Linux | general-purpose | samples=20 ttl=64 df=yes "
    "ipid=zero window=65160:15,mss*45:5 options=MSTNW mss=1460 wscale=7 tsecho=yes "
    "tsval=nonzero ipid.class=mixed synrst.flags=rst-ack synrst.window=0 synrst.ack=nonzero synrst.df=yes synrst.ttl=64 "
    "synrst.ipid=zero ackrst.flags=rst ackrst.window=0 ackrst.ack=zero ackrst.df=yes "
    "ackrst.ttl=64 ackrst.ipid=zero port0.syn=rst-ack port0.ack=rst giveup=none "
    "giveup.window=0 giveup.seq=same rto=1.000~0.010,2.000~0.020,4.000~0.040";

TEST(DatabaseTextTest, ReadsEveryKeyAndPrintsItBackUnchanged) {
  const Database database = parse_database(kEveryKey + "\n", "lab.txt");
  ASSERT_EQ(database.entries.size(), 1u);
  const Entry& entry = database.entries.front();
  EXPECT_EQ(entry.id, "lab-linux-6");
  EXPECT_EQ(entry.label, "Linux 6.1 (lab)");
  EXPECT_EQ(entry.family, Family::Linux);
  EXPECT_EQ(entry.device, DeviceClass::GeneralPurpose);
  EXPECT_EQ(entry.samples, 20);
  EXPECT_EQ(entry.origin, "lab.txt:1");
  ASSERT_EQ(entry.syn_ack.window.size(), 2u);
  EXPECT_EQ(entry.syn_ack.window[0].value.bytes, 65160);
  EXPECT_EQ(entry.syn_ack.window[0].weight, 15);
  EXPECT_EQ(entry.syn_ack.window[1].value.mss_multiple, 45);
  EXPECT_EQ(entry.syn_rst.ack_flag.front().value, true);
  // "ack=nonzero" means the ack field is non-zero (fingerprints/README.md).
  EXPECT_EQ(entry.syn_rst.ack_nonzero.front().value, true);
  EXPECT_EQ(entry.ack_rst.ack_nonzero.front().value, false);
  EXPECT_EQ(entry.port0.syn.front().value, Port0Answer::RstAck);
  ASSERT_TRUE(entry.retransmissions.gaps);
  ASSERT_EQ(entry.retransmissions.gaps->size(), 3u);
  EXPECT_DOUBLE_EQ((*entry.retransmissions.gaps)[2].mean_s, 4.0);
  EXPECT_DOUBLE_EQ((*entry.retransmissions.gaps)[2].spread_s, 0.04);
  EXPECT_EQ(format_entry(entry), kEveryKey);
}

TEST(DatabaseTextTest, SkipsCommentsAndBlankLinesAndKeepsLineNumbers) {
  const std::string text =
      "# a comment\n"
      "\n"
      "   # an indented comment\n"
      "a | A | BSD | router | ttl=64 options=-\r\n"
      "b | B | network OS | switch | ttl=255 rto=-\n";
  const Database database = parse_database(text, "x.txt");
  ASSERT_EQ(database.entries.size(), 2u);
  EXPECT_EQ(database.entries[0].origin, "x.txt:4");
  EXPECT_EQ(database.entries[0].syn_ack.options.front().value, "") << "'-' is no options";
  EXPECT_EQ(database.entries[1].family, Family::NetworkOs);
  ASSERT_TRUE(database.entries[1].retransmissions.gaps);
  EXPECT_TRUE(database.entries[1].retransmissions.gaps->empty()) << "'-': timed, none seen";
}

TEST(DatabaseTextTest, ReportsEveryBadLineWithFileAndLineInOneError) {
  const std::string text =
      "good-1 | Good | Linux | general-purpose | ttl=64\n"
      "bad-2 | Bad | Linux | general-purpose | ttl=61\n"
      "good-3 | Good | Linux | general-purpose | ttl=128\n"
      "bad-4 | Bad | Plan 9 | general-purpose | window=8192\n"
      "bad-5 | Bad | Linux | general-purpose | colour=blue\n";
  try {
    parse_database(text, "fingerprints/test.txt");
    FAIL() << "expected a DataError";
  } catch (const DataError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("3 errors"), std::string::npos) << message;
    EXPECT_NE(message.find("fingerprints/test.txt:2: ttl: bad value '61'"), std::string::npos)
        << message;
    EXPECT_NE(message.find("fingerprints/test.txt:4: unknown family 'Plan 9'"), std::string::npos)
        << message;
    EXPECT_NE(message.find("fingerprints/test.txt:5: unknown key 'colour'"), std::string::npos)
        << message;
    EXPECT_EQ(message.find("test.txt:1:"), std::string::npos) << message;
    EXPECT_EQ(message.find("test.txt:3:"), std::string::npos) << message;
  }
}

struct BadLine {
  const char* name;
  const char* line;
  const char* message;
};

class BadLineTest : public ::testing::TestWithParam<BadLine> {};

TEST_P(BadLineTest, SaysWhatIsWrong) {
  const BadLine& bad = GetParam();
  try {
    parse_database(std::string(bad.line) + "\n", "f.txt");
    FAIL() << "accepted: " << bad.line;
  } catch (const DataError& error) {
    EXPECT_NE(std::string(error.what()).find(std::string("f.txt:1: ") + bad.message),
              std::string::npos)
        << error.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Lines, BadLineTest,
    ::testing::Values(
        BadLine{"TooFewColumns", "a | A | Linux | ttl=64", "want 5 '|'-separated columns"},
        BadLine{"BadId", "a b | A | Linux | server | ttl=64", "bad id 'a b'"},
        BadLine{"EmptyLabel", "a |  | Linux | server | ttl=64", "empty label"},
        BadLine{"UnknownDevice", "a | A | Linux | toaster | ttl=64", "unknown device class 'toaster'"},
        BadLine{"NoFeatures", "a | A | Linux | server |  ", "no features"},
        BadLine{"NotKeyValue", "a | A | Linux | server | ttl", "'ttl' is not key=value"},
        BadLine{"DuplicateKey", "a | A | Linux | server | ttl=64 ttl=128", "key 'ttl' given twice"},
        BadLine{"ZeroWeight", "a | A | Linux | server | window=8192:0",
                "window: bad weight in '8192:0'"},
        BadLine{"DuplicateValue", "a | A | Linux | server | window=8192,8192",
                "window: value '8192' listed twice"},
        BadLine{"WindowTooLarge", "a | A | Linux | server | window=70000",
                "window: bad value '70000'"},
        BadLine{"MssMultipleZero", "a | A | Linux | server | window=mss*0",
                "window: bad value 'mss*0'"},
        BadLine{"BadOptionLetter", "a | A | Linux | server | options=MSX",
                "options: bad value 'MSX'"},
        BadLine{"BadYesNo", "a | A | Linux | server | df=maybe", "df: bad value 'maybe'"},
        BadLine{"BadPort0", "a | A | Linux | server | port0.syn=fin", "port0.syn: bad value 'fin'"},
        BadLine{"BadRto", "a | A | Linux | server | rto=3,6", "bad rto '3,6'"},
        BadLine{"NegativeSpread", "a | A | Linux | server | rto=3~-1", "bad rto '3~-1'"},
        BadLine{"BadSamples", "a | A | Linux | server | samples=many ttl=64",
                "bad samples 'many'"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(DatabaseTextTest, DuplicateIdsAreErrors) {
  const std::string text =
      "same | One | Linux | server | ttl=64\n"
      "same | Two | Linux | server | ttl=64\n";
  EXPECT_THROW(parse_database(text, "d.txt"), DataError);
  try {
    parse_database(text, "d.txt");
  } catch (const DataError& error) {
    EXPECT_NE(std::string(error.what()).find("d.txt:2: duplicate id 'same'"), std::string::npos);
  }
}

class DatabaseDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() /
                 ("zeroscan-fp-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                  "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(directory_ / name) << text;
  }
  std::filesystem::path directory_;
};

TEST_F(DatabaseDirectoryTest, LoadsEveryTxtFileInNameOrder) {
  write("b.txt", "second | B | BSD | server | ttl=64\n");
  write("a.txt", "first | A | Linux | server | ttl=64\n");
  write("notes.md", "not | a | database | file | at all\n");
  const Database database = load_database(directory_);
  ASSERT_EQ(database.entries.size(), 2u);
  EXPECT_EQ(database.entries[0].id, "first");
  EXPECT_EQ(database.entries[1].id, "second");
}

TEST_F(DatabaseDirectoryTest, ReportsBadLinesOfAllFilesAndCrossFileDuplicates) {
  write("a.txt", "x | A | Linux | server | ttl=1\n");
  write("b.txt", "ok | B | BSD | server | ttl=64\ny | B | Nope | server | ttl=64\n");
  try {
    load_database(directory_);
    FAIL() << "expected a DataError";
  } catch (const DataError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("a.txt:1: ttl: bad value '1'"), std::string::npos) << message;
    EXPECT_NE(message.find("b.txt:2: unknown family 'Nope'"), std::string::npos) << message;
  }
  write("a.txt", "ok | A | Linux | server | ttl=64\n");
  write("b.txt", "ok | B | BSD | server | ttl=64\n");
  try {
    load_database(directory_);
    FAIL() << "expected a DataError";
  } catch (const DataError& error) {
    EXPECT_NE(std::string(error.what()).find("b.txt:1: duplicate id 'ok' (first at"),
              std::string::npos)
        << error.what();
  }
}

TEST_F(DatabaseDirectoryTest, UnreadableFileIsAUsageError) {
  EXPECT_THROW(load_database(directory_ / "missing.txt"), UsageError);
}

TEST(BuiltinDatabaseTest, CarriesTheHershelStacks) {
  const Database database = load_builtin_database();
  int hershel = 0;
  for (const Entry& entry : database.entries) hershel += entry.id.rfind("hershel-", 0) == 0;
  EXPECT_EQ(hershel, 347);  // 342 named classes, 5 anonymous ones that repeat a named stack
  const auto windows_7 = std::find_if(database.entries.begin(), database.entries.end(),
                                      [](const Entry& entry) { return entry.id == "hershel-8"; });
  ASSERT_NE(windows_7, database.entries.end());
  EXPECT_EQ(windows_7->label, "Windows 7 / 2008 R2");
  EXPECT_EQ(windows_7->family, Family::Windows);
  EXPECT_EQ(windows_7->origin.rfind("fingerprints/hershelplus.txt:", 0), 0u) << windows_7->origin;
}

TEST(BuiltinDatabaseTest, KeepsTheHershelLicenceNotice) {
  const std::string text = testing::read_text(testing::source_path("fingerprints/hershelplus.txt"));
  EXPECT_NE(text.find("Copyright © 2017 IRL at Texas A&M University"), std::string::npos);
  EXPECT_NE(text.find("Neither the name of the copyright holder"), std::string::npos);
  const std::string licence =
      testing::read_text(testing::source_path("fingerprints/LICENSE.hershelplus.md"));
  EXPECT_NE(licence.find("IRL at Texas A&M University"), std::string::npos);
}

}  // namespace
}  // namespace zeroscan::fingerprint
