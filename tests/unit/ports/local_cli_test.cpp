// "zeroscan local" end to end over a fixture /proc tree: socket tables in
// net/, one process whose fd links to the sockets. Checks the JSON and text
// reports, the exit status, and one-line errors for bad input.
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "zeroscan/ports/embedded_port_data.h"
#include "zeroscan/ports/local_cli.h"

namespace zeroscan::ports {
namespace {

const PortDatabase& database() {
  static const PortDatabase db = load_embedded_port_database();
  return db;
}

bool little_endian() {
  const std::uint16_t one = 1;
  unsigned char first;
  std::memcpy(&first, &one, 1);
  return first == 1;
}

class FakeProcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!little_endian()) GTEST_SKIP() << "fixture addresses are little-endian";
    root_ = std::filesystem::temp_directory_path() /
            ("zs-fake-proc-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(root_ / "net");
    // 0.0.0.0:22 (inode 9001), 0.0.0.0:31337 (9002), [::]:47321 (9003); udp 0.0.0.0:31337 (9004)
    write("net/tcp",
          "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
          "   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 9001 1 0 100 0 0 10 0\n"
          "   1: 00000000:7A69 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 9002 1 0 100 0 0 10 0\n");
    write("net/tcp6",
          "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
          "   0: 00000000000000000000000000000000:B8D9 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 9003 1 0 100 0 0 10 0\n");
    write("net/udp",
          "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
          "   5: 00000000:7A69 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 9004 2 0 0\n");
    std::filesystem::create_directories(root_ / "4242" / "fd");
    write("4242/comm", "backdoor\n");
    write("4242/cgroup", "0::/system.slice/evil.service\n");
    std::filesystem::create_symlink("socket:[9002]", root_ / "4242" / "fd" / "3");
    std::filesystem::create_symlink("socket:[9004]", root_ / "4242" / "fd" / "4");
    std::filesystem::create_symlink("pipe:[9001]", root_ / "4242" / "fd" / "5");
  }
  void TearDown() override {
    if (!root_.empty()) std::filesystem::remove_all(root_);
  }
  void write(const std::string& rel, const std::string& text) { std::ofstream(root_ / rel) << text; }

  int run(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    return run_local_cli(args, database(), out_, err_, root_);
  }

  std::filesystem::path root_;
  std::ostringstream out_, err_;
};

const nlohmann::json* socket_at(const nlohmann::json& report, const std::string& protocol, int port) {
  for (const auto& s : report["sockets"])
    if (s["protocol"] == protocol && s["port"] == port) return &s;
  return nullptr;
}

TEST_F(FakeProcTest, JsonReportJudgesEverySocket) {
  EXPECT_EQ(run({"--json"}), 1);
  const auto report = nlohmann::json::parse(out_.str());
  EXPECT_EQ(report["summary"]["listening"], 4);
  EXPECT_EQ(report["summary"]["known_bad"], 2);
  EXPECT_EQ(report["summary"]["unknown"], 1);
  EXPECT_EQ(report["summary"]["expected"], 1);

  const auto* ssh = socket_at(report, "tcp", 22);
  ASSERT_NE(ssh, nullptr);
  EXPECT_EQ((*ssh)["verdict"], "expected");
  EXPECT_EQ((*ssh)["service"], "ssh");
  EXPECT_TRUE((*ssh)["processes"].empty());  // only a pipe link points at 9001

  const auto* bad = socket_at(report, "tcp", 31337);
  ASSERT_NE(bad, nullptr);
  EXPECT_EQ((*bad)["verdict"], "known-bad");
  EXPECT_EQ((*bad)["processes"][0]["pid"], 4242);
  EXPECT_EQ((*bad)["processes"][0]["name"], "backdoor");
  EXPECT_EQ((*bad)["processes"][0]["unit"], "evil.service");
  EXPECT_NE((*bad)["warning"].get<std::string>().find("Back Orifice"), std::string::npos);

  const auto* high = socket_at(report, "tcp", 47321);
  ASSERT_NE(high, nullptr);
  EXPECT_EQ((*high)["verdict"], "unknown");
  EXPECT_EQ((*high)["family"], "ipv6");
  EXPECT_EQ((*high)["address"], "::");
  EXPECT_TRUE((*high)["service"].is_null());

  const auto* udp = socket_at(report, "udp", 31337);
  ASSERT_NE(udp, nullptr);
  EXPECT_EQ((*udp)["verdict"], "known-bad");
}

// The report wraps long lines; compare with runs of spaces and newlines squeezed.
std::string squeezed(const std::string& text) {
  std::string out;
  for (char c : text) {
    const char d = c == '\n' ? ' ' : c;
    if (d == ' ' && !out.empty() && out.back() == ' ') continue;
    out += d;
  }
  return out;
}

TEST_F(FakeProcTest, TextReportListsDetailsForWhatNeedsALook) {
  EXPECT_EQ(run({}), 1);
  const std::string text = squeezed(out_.str());
  EXPECT_NE(text.find("4 listening sockets: 2 known-bad, 1 unknown, 1 expected"), std::string::npos)
      << text;
  EXPECT_NE(text.find("tcp 0.0.0.0:31337: known-bad"), std::string::npos) << text;
  EXPECT_NE(text.find("systemctl disable --now evil.service"), std::string::npos) << text;
  EXPECT_NE(text.find("tcp [::]:47321: unknown"), std::string::npos) << text;
  EXPECT_EQ(text.find("tcp 0.0.0.0:22: "), std::string::npos) << "expected sockets get no details";
  EXPECT_NE(text.find("expected tcp 0.0.0.0:22 ssh"), std::string::npos) << "but are in the table";
  EXPECT_TRUE(err_.str().empty());
}

TEST_F(FakeProcTest, AllowingTheFindingsMakesItClean) {
  EXPECT_EQ(run({"--allow", "31337,47000-48000"}), 0);
  EXPECT_NE(out_.str().find("0 known-bad, 0 unknown, 1 expected"), std::string::npos) << out_.str();
}

struct BadArgs {
  std::vector<std::string> args;
  const char* message;
};

class LocalBadInputTest : public FakeProcTest, public ::testing::WithParamInterface<BadArgs> {};

TEST_P(LocalBadInputTest, GivesOneLineAndExitTwo) {
  EXPECT_EQ(run(GetParam().args), 2);
  const std::string err = err_.str();
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
  EXPECT_NE(err.find(GetParam().message), std::string::npos) << err;
  EXPECT_TRUE(out_.str().empty());
}

INSTANTIATE_TEST_SUITE_P(
    Args, LocalBadInputTest,
    ::testing::Values(BadArgs{{"--allow", "ssh"}, "zeroscan local: --allow: 'ssh' is not a port"},
                      BadArgs{{"--allow", "70000"}, "--allow: '70000'"},
                      BadArgs{{"--frobnicate"}, "zeroscan local: "},
                      BadArgs{{"extra"}, "zeroscan local: "}));

TEST(LocalCliTest, UnreadableProcIsOneLineAndExitTwo) {
  std::ostringstream out, err;
  EXPECT_EQ(run_local_cli({}, database(), out, err, "/nonexistent-zeroscan-proc"), 2);
  EXPECT_NE(err.str().find("cannot read the socket tables"), std::string::npos) << err.str();
}

}  // namespace
}  // namespace zeroscan::ports
