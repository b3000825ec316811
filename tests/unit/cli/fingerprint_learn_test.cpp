// zeroscan fingerprint --learn: the database line it learns from host
// records, its fresh ids, --db appends, and its one-line errors. The scan is
// a stand-in (ScanRunner) that hands out prepared host records, so no
// packet is sent.
#include "zeroscan/cli/fingerprint_command.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "zeroscan/core/errors.h"
#include "zeroscan/fingerprint/database.h"

namespace zeroscan {
namespace {

namespace fs = std::filesystem;
using fingerprint::Features;

Features linux_like(std::uint16_t window, bool timed) {
  Features f;
  fingerprint::SynAckFeatures s;
  s.ttl = 61;
  s.initial_ttl = 64;
  s.df = true;
  s.ip_id_zero = true;
  s.window = window;
  s.options = "MSTNW";
  s.mss = 1460;
  s.wscale = 7;
  s.sack_permitted = true;
  s.timestamp = true;
  s.timestamp_echoes_ours = true;
  s.window_mss_multiple = fingerprint::window_mss_multiple(window, 1460, true);
  f.syn_ack = s;
  fingerprint::RstFeatures rst;
  rst.ttl = 64;
  rst.initial_ttl = 64;
  rst.df = true;
  rst.ip_id_zero = true;
  rst.ack_flag = true;
  rst.ack_nonzero = true;
  f.syn_rst = rst;
  rst.ack_flag = false;
  rst.ack_nonzero = false;
  f.ack_rst = rst;
  f.port0_syn = fingerprint::Port0Answer::RstAck;
  f.port0_ack = fingerprint::Port0Answer::Rst;
  if (timed) {
    fingerprint::RetransmissionFeatures r;
    r.arrivals_s = {1.0, 3.0, 7.0};
    r.give_up = fingerprint::GiveUp::None;
    f.retransmissions = r;
  }
  return f;
}

HostRecord host(const char* address, const Features& features) {
  HostRecord r;
  r.ip = *Ipv4::parse(address);
  r.best = OsGuess{"Linux 5.x", "Linux", "general-purpose", 0.9};
  r.observed_entry = fingerprint::signature_line(features);
  return r;
}

TEST(FingerprintLearnTest, SignatureRoundTripsThroughFeatures) {
  for (bool timed : {false, true}) {
    const Features f = linux_like(65160, timed);
    const std::string line = fingerprint::signature_line(f);
    EXPECT_EQ(fingerprint::signature_line(features_from_signature(line)), line);
  }
  Features rst_only;
  rst_only.syn_rst = linux_like(1, false).syn_rst;
  rst_only.port0_syn = fingerprint::Port0Answer::None;
  const std::string line = fingerprint::signature_line(rst_only);
  const Features back = features_from_signature(line);
  EXPECT_FALSE(back.syn_ack);
  EXPECT_TRUE(back.syn_rst);
  EXPECT_EQ(fingerprint::signature_line(back), line);
  EXPECT_THROW(features_from_signature("not | a | line"), DataError);
}

TEST(FingerprintLearnTest, LearnedLineWeighsTheObservations) {
  const std::vector<HostRecord> hosts = {host("198.19.33.1", linux_like(65160, true)),
                                         host("198.19.33.2", linux_like(65160, true)),
                                         host("198.19.33.3", linux_like(64240, true))};
  const std::string line = learned_line(
      {"lab-x", "Linux 6.x (lab)", fingerprint::Family::Linux, fingerprint::DeviceClass::GeneralPurpose}, hosts);
  EXPECT_EQ(line.rfind("lab-x | Linux 6.x (lab) | Linux | general-purpose | samples=3 ", 0), 0u) << line;
  EXPECT_NE(line.find("window=65160:2,64240 "), std::string::npos) << line;
  EXPECT_NE(line.find("rto=1.000~0.000,2.000~0.000,4.000~0.000"), std::string::npos) << line;
  const auto db = fingerprint::parse_database(line, "learned");
  ASSERT_EQ(db.entries.size(), 1u);
  EXPECT_EQ(db.entries[0].samples, 3);
}

TEST(FingerprintLearnTest, FreshIdsComeFromTheLabelAndAreUnique) {
  EXPECT_EQ(fresh_id("Linux 6.x (ip_default_ttl=128)", {}), "lab-linux-6.x-ip_default_ttl-128");
  EXPECT_EQ(fresh_id("lwIP 2.1", {}), "lab-lwip-2.1");
  EXPECT_EQ(fresh_id("lwIP 2.1", {"lab-lwip-2.1"}), "lab-lwip-2.1-2");
  EXPECT_EQ(fresh_id("lwIP 2.1", {"lab-lwip-2.1", "lab-lwip-2.1-2"}), "lab-lwip-2.1-3");
  EXPECT_EQ(fresh_id("!!!", {}), "lab-stack");
}

// A stand-in scan: remembers its options, hands out host records.
struct FakeScan {
  std::vector<HostRecord> hosts;
  int code = 0;
  std::vector<ScanOptions> calls;
  ScanRunner runner() {
    return [this](const ScanOptions& options, ResultSink* extra) {
      calls.push_back(options);
      if (code != 0) return code;
      for (const HostRecord& h : hosts) {
        PortRecord answered;
        answered.ip = h.ip;
        answered.answered = true;
        extra->port(answered);
        extra->host(h);
      }
      extra->finish(ScanSummary{});
      return 0;
    };
  }
};

struct LearnRun {
  int code;
  std::string out, err;
};

LearnRun learn(FakeScan& scan, std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = run_fingerprint(args, out, err, scan.runner());
  return {code, out.str(), err.str()};
}

std::size_t lines_in(const std::string& text) { return std::size_t(std::count(text.begin(), text.end(), '\n')); }

TEST(FingerprintLearnTest, LearnsOneLineFromTheScannedHosts) {
  FakeScan scan;
  scan.hosts = {host("198.19.34.1", linux_like(65160, false)), host("198.19.34.2", linux_like(65160, false))};
  const LearnRun r = learn(scan, {"--learn", "Linux 6.x (ip_default_ttl=128)", "--family", "Linux", "--device",
                             "general-purpose", "-p", "22,80", "-e", "zs-lab-stkttl0", "198.19.34.1", "198.19.34.2"});
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(lines_in(r.out), 1u) << r.out;
  EXPECT_EQ(r.out.rfind("lab-linux-6.x-ip_default_ttl-128 | Linux 6.x (ip_default_ttl=128) | Linux | "
                        "general-purpose | samples=2 ", 0), 0u) << r.out;
  ASSERT_EQ(scan.calls.size(), 1u);
  EXPECT_TRUE(scan.calls[0].os) << "-O is implied";
  EXPECT_EQ(scan.calls[0].interface, "zs-lab-stkttl0");
  EXPECT_EQ(scan.calls[0].ports, "22,80");
  EXPECT_EQ(scan.calls[0].targets.size(), 2u);
  EXPECT_NE(r.err.find("198.19.34.1 matched before: Linux 5.x"), std::string::npos) << r.err;
}

TEST(FingerprintLearnTest, FamilyAndDeviceIgnoreCaseAndIdCanBeGiven) {
  FakeScan scan;
  scan.hosts = {host("198.19.64.10", linux_like(65535, false))};
  const LearnRun r = learn(scan, {"--learn=lwIP 2.1", "--family=Embedded", "--device", "Embedded", "--id",
                             "lab-lwip-test", "198.19.64.10"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("lab-lwip-test | lwIP 2.1 | embedded | embedded | samples=1 ", 0), 0u) << r.out;
}

TEST(FingerprintLearnTest, SamplesRepeatTheScanFromOtherSeeds) {
  FakeScan scan;
  scan.hosts = {host("198.19.33.1", linux_like(65160, false))};
  const LearnRun r = learn(scan, {"--learn", "L", "--family", "Linux", "--device", "server", "--samples", "3",
                             "--seed", "5", "198.19.33.1"});
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(scan.calls.size(), 3u);
  EXPECT_EQ(*scan.calls[0].seed, 5u);
  EXPECT_EQ(*scan.calls[1].seed, 6u);
  EXPECT_EQ(*scan.calls[2].seed, 7u);
  EXPECT_NE(r.out.find("samples=3"), std::string::npos) << r.out;
}

// Run as root, a scan gives up root once its sockets are open; every sample
// but the last must keep it, or the second scan cannot open its sockets.
TEST(FingerprintLearnTest, OnlyTheLastSampleGivesUpRoot) {
  FakeScan scan;
  scan.hosts = {host("198.19.33.1", linux_like(65160, false))};
  const LearnRun r = learn(scan, {"--learn", "L", "--family", "Linux", "--device", "server", "--samples", "3",
                             "198.19.33.1"});
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(scan.calls.size(), 3u);
  EXPECT_TRUE(scan.calls[0].keep_privileges);
  EXPECT_TRUE(scan.calls[1].keep_privileges);
  EXPECT_FALSE(scan.calls[2].keep_privileges);
}

TEST(FingerprintLearnTest, DbFileGetsTheLineAndItsIdsAreTaken) {
  char pattern[] = "/tmp/zs-fp-test.XXXXXX";
  const fs::path dir = ::mkdtemp(pattern);
  const std::string db = (dir / "lab.txt").string();
  std::ofstream(db) << "# lab stacks\n";
  FakeScan scan;
  scan.hosts = {host("198.19.33.1", linux_like(65160, false))};
  const std::vector<std::string> args = {"--learn", "Linux test", "--family", "Linux", "--device",
                                         "general-purpose", "--db", db, "198.19.33.1"};
  const LearnRun first = learn(scan, args);
  ASSERT_EQ(first.code, 0) << first.err;
  const LearnRun second = learn(scan, args);
  ASSERT_EQ(second.code, 0) << second.err;
  const auto loaded = fingerprint::load_database(db);
  ASSERT_EQ(loaded.entries.size(), 2u);
  EXPECT_EQ(loaded.entries[0].id, "lab-linux-test");
  EXPECT_EQ(loaded.entries[1].id, "lab-linux-test-2");
  // An explicit id already in the file is refused, and nothing is scanned.
  std::vector<std::string> again = args;
  again.insert(again.begin(), {"--id", "lab-linux-test"});
  const std::size_t calls = scan.calls.size();
  const LearnRun refused = learn(scan, again);
  EXPECT_EQ(refused.code, 2);
  EXPECT_EQ(lines_in(refused.err), 1u) << refused.err;
  EXPECT_EQ(scan.calls.size(), calls);
  // A malformed --db file is refused before scanning.
  std::ofstream(db, std::ios::app) << "broken line\n";
  const LearnRun broken = learn(scan, args);
  EXPECT_EQ(broken.code, 2);
  EXPECT_EQ(scan.calls.size(), calls);
  fs::remove_all(dir);
}

TEST(FingerprintLearnTest, SilentHostIsExitOne) {
  FakeScan scan;  // no host answers
  const LearnRun r = learn(scan, {"--learn", "X", "--family", "Linux", "--device", "server", "198.19.33.9"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(lines_in(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("198.19.33.9"), std::string::npos) << r.err;
}

TEST(FingerprintLearnTest, ScanFailureIsPassedOn) {
  FakeScan scan;
  scan.code = 2;
  const LearnRun r = learn(scan, {"--learn", "X", "--family", "Linux", "--device", "server", "198.19.33.9"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
}

TEST(FingerprintLearnTest, BadInputIsOneLineAndExitTwo) {
  const std::vector<std::vector<std::string>> cases = {
      {"--learn", "X", "--family", "Linucks", "--device", "server", "198.19.33.1"},
      {"--learn", "X", "--family", "Linux", "--device", "toaster", "198.19.33.1"},
      {"--learn", "X", "--device", "server", "198.19.33.1"},
      {"--learn", "X", "--family", "Linux", "198.19.33.1"},
      {"--learn", "  ", "--family", "Linux", "--device", "server", "198.19.33.1"},
      {"--learn", "a | b", "--family", "Linux", "--device", "server", "198.19.33.1"},
      {"--learn", "X", "--family", "Linux", "--device", "server", "--id", "bad id", "198.19.33.1"},
      {"--learn", "X", "--family", "Linux", "--device", "server", "--id", "hershel-8", "198.19.33.1"},
      {"--learn", "X", "--family", "Linux", "--device", "server"},
      {"--learn", "X", "--family", "Linux", "--device", "server", "--samples", "0", "198.19.33.1"},
      {"--learn", "X", "--family", "Linux", "--device", "server", "--no-such-option", "198.19.33.1"},
      {"--family", "Linux", "--device", "server", "198.19.33.1"},
      {"--learn"},
  };
  for (const auto& args : cases) {
    FakeScan scan;
    scan.hosts = {host("198.19.33.1", linux_like(65160, false))};
    const LearnRun r = learn(scan, args);
    std::string shown;
    for (const auto& a : args) shown += a + " ";
    EXPECT_EQ(r.code, 2) << shown;
    EXPECT_EQ(lines_in(r.err), 1u) << shown << "\n" << r.err;
    EXPECT_EQ(r.out, "") << shown;
    EXPECT_TRUE(scan.calls.empty()) << shown << ": scanned despite bad input";
  }
}

}  // namespace
}  // namespace zeroscan
