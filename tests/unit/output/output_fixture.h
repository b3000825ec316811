// A fixed scan for the output tests: every kind of record a scan can
// produce (open/closed, ICMP with and without an nmap name, a router's
// ICMP, silence, ARP timeout, ACK answers incl. a SYN-ACK to an ACK, port
// 0, a host that answered nothing, a port whose SYN was silent but whose
// ACK was answered), plus a summary with every field set, and helpers for
// temp files.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "zeroscan/core/scan_results.h"
#include "zeroscan/output/output_file.h"
#include "zeroscan/output/result_sink.h"

namespace zeroscan::test {

// Record builders: `ip` and `responder` may be either family.
inline PortRecord tcp_answer(const char* ip, std::uint16_t port, ProbeKind kind, PortState state,
                             StateReason reason, std::uint8_t flags) {
  PortRecord r;
  r.ip = *IpAddress::parse(ip);
  r.port = port;
  r.probe = kind;
  r.state = state;
  r.reason = reason;
  r.answered = true;
  r.responder = r.ip;
  r.ttl = 64;
  r.ip_id = 4321;
  r.df = true;
  r.tcp_flags = flags;
  r.window = state == PortState::Open ? 65160 : 0;
  r.ack = 0x01020304;
  if (state == PortState::Open) {
    r.mss = 1460;
    r.tcp_options = "MSTNW";
  }
  return r;
}

inline PortRecord icmp_answer(const char* ip, std::uint16_t port, ProbeKind kind, std::uint8_t code,
                              const char* responder = nullptr) {
  PortRecord r;
  r.ip = *IpAddress::parse(ip);
  r.port = port;
  r.probe = kind;
  r.state = PortState::Filtered;
  r.reason = StateReason::IcmpUnreachable;
  r.answered = true;
  r.responder = responder ? *IpAddress::parse(responder) : r.ip;
  r.ttl = responder ? 63 : 64;
  r.icmp_type = r.ip.is_v6() ? 1 : 3;  // destination unreachable, in the family's numbering
  r.icmp_code = code;
  r.ip_id = 7;
  r.attempt = 1;
  return r;
}

inline PortRecord silence(const char* ip, std::uint16_t port, ProbeKind kind,
                          StateReason reason = StateReason::NoResponse) {
  PortRecord r;
  r.ip = *IpAddress::parse(ip);
  r.port = port;
  r.probe = kind;
  r.state = PortState::Filtered;
  r.reason = reason;
  r.attempt = 1;
  return r;
}

// The records of a SYN+ACK scan, in the random order a scan reports them.
inline std::vector<PortRecord> fixture_records() {
  using K = ProbeKind;
  using S = PortState;
  using R = StateReason;
  return {
      tcp_answer("198.18.0.1", 80, K::Ack, S::Unfiltered, R::Rst, 0x04),
      silence("198.18.0.2", 22, K::Syn),
      tcp_answer("198.18.0.1", 22, K::Syn, S::Open, R::SynAck, 0x12),
      icmp_answer("198.18.0.1", 443, K::Syn, 13, "198.19.0.2"),
      silence("198.18.0.1", 8080, K::Ack),
      tcp_answer("198.18.0.1", 0, K::Syn, S::Closed, R::Rst, 0x14),
      icmp_answer("198.18.0.3", 22, K::Syn, 3),
      silence("198.19.1.20", 22, K::Syn, R::ArpTimeout),
      tcp_answer("198.18.0.1", 22, K::Ack, S::Unfiltered, R::Rst, 0x04),
      silence("198.18.0.2", 80, K::Ack),
      tcp_answer("198.18.0.1", 80, K::Syn, S::Closed, R::Rst, 0x14),
      icmp_answer("198.18.0.1", 443, K::Ack, 13, "198.19.0.2"),
      silence("198.18.0.1", 8080, K::Syn),
      silence("198.18.0.1", 31337, K::Syn),
      tcp_answer("198.18.0.1", 31337, K::Ack, S::Unfiltered, R::Rst, 0x04),
      tcp_answer("198.18.0.1", 0, K::Ack, S::Unfiltered, R::SynAckToAck, 0x12),
      icmp_answer("198.18.0.3", 80, K::Syn, 5),
      silence("198.18.0.3", 22, K::Ack),
      silence("198.18.0.2", 80, K::Syn),
      silence("198.18.0.2", 22, K::Ack),
      silence("198.19.1.20", 22, K::Ack, R::ArpTimeout),
  };
}

inline ScanSummary fixture_summary(const std::string& probes = "syn,ack") {
  ScanSummary s;
  s.targets = 4;
  s.ports = 6;
  s.probes_planned = 48;
  s.sent = 60;
  s.received = 14;
  s.matched = 12;
  s.invalid = 1;
  s.duplicates = 2;
  s.inconclusive = 0;
  s.kernel_dropped = 0;
  s.open = 1;
  s.closed = 2;
  s.filtered = 12;
  s.unfiltered = 4;
  s.seed = 42;
  s.shard_index = 1;
  s.shard_count = 4;
  s.elapsed_seconds = 2.5;
  s.send_seconds = 0.25;
  s.space_size = 48;
  s.covered = 12;
  s.config.targets = "198.18.0.1-198.18.0.3 198.19.1.20";
  s.config.ports = "0,22,80,443,8080,31337";
  s.config.probes = probes;
  s.config.rate = 1000;
  s.config.retries = 1;
  s.config.wait_seconds = 2;
  s.config.ttl = 64;
  s.version = "0.1.0";
  s.args = "zeroscan -sS -sA -p 0,22,80,443,8080,31337 --seed 42 --shard 1/4 --exclude \"<&>\"";
  s.start_unix = 1700000000;
  return s;
}

// The fixture restricted to one probe kind, for single-kind scans.
inline std::vector<PortRecord> fixture_records_of(ProbeKind kind) {
  std::vector<PortRecord> out;
  for (const PortRecord& r : fixture_records())
    if (r.probe == kind) out.push_back(r);
  return out;
}

inline PortAnnotator fixture_annotator() {
  return [](std::uint16_t port) {
    if (port == 22) return PortAnnotation{"ssh", ""};
    if (port == 80) return PortAnnotation{"http", ""};
    if (port == 443) return PortAnnotation{"https", ""};
    if (port == 31337) return PortAnnotation{"Elite", "Back Orifice, \"BO\" trojan"};
    return PortAnnotation{};
  };
}

// (ip, port, probe, state, reason): what every format must agree on.
using Fact = std::tuple<std::string, int, std::string, std::string, std::string>;

inline std::set<Fact> facts_of(const std::vector<PortRecord>& records) {
  std::set<Fact> out;
  for (const PortRecord& r : records)
    out.insert({r.ip.to_string(), r.port, std::string(to_string(r.probe)),
                std::string(to_string(r.state)), std::string(to_string(r.reason))});
  return out;
}

inline void write_all(ResultSink& sink, const std::vector<PortRecord>& records, const ScanSummary& s) {
  for (const PortRecord& r : records) sink.port(r);
  sink.finish(s);
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// A fresh directory per test, removed afterwards.
class TempDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/zs-output-test.XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string path(const std::string& name) const { return dir_ + "/" + name; }
  // What `Writer` writes for `records` and `summary` (into file `name`).
  template <typename Writer>
  std::string written(const std::string& name, const std::vector<PortRecord>& records, const ScanSummary& summary) {
    const std::string out = path(name);
    Writer writer(std::make_unique<OutputFile>(out), fixture_annotator());
    write_all(writer, records, summary);
    EXPECT_EQ(writer.error(), "");
    return read_text(out);
  }
  std::string dir_;
};

// Runs a shell command, returns its exit status (-1 if it did not exit).
inline int run_status(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline bool have_program(const char* name) {
  return run_status(std::string("command -v ") + name + " >/dev/null 2>&1") == 0;
}

}  // namespace zeroscan::test
