// Verdicts, ordering, exit status and advice of the local audit over
// synthetic sockets and a small database written for the test.
#include <gtest/gtest.h>

#include "zeroscan/ports/local_audit.h"

namespace zeroscan::ports {
namespace {

PortDatabase small_database() {
  return PortDatabase::build(
      {parse_port_records("port: 22/tcp\nservice: ssh\norigin: iana\nabout: remote login\n"
                          "close: Use keys only.\n\n"
                          "port: 31337/tcp 31337/udp\nservice: back-orifice\norigin: common\n"
                          "risk: critical\nflags: backdoor\ntrojans: Back Orifice\nabout: x\n",
                          "small.db")},
      {});
}

SocketRecord listening(Protocol protocol, std::uint16_t port, std::string address = "0.0.0.0",
                       std::uint64_t inode = 0) {
  SocketRecord s;
  s.protocol = protocol;
  s.local_address = std::move(address);
  s.local_port = port;
  s.state = protocol == Protocol::Tcp ? kTcpStateListen : kUdpStateUnconnected;
  s.inode = inode ? inode : port;
  return s;
}

TEST(LocalAuditTest, JudgesExpectedUnknownAndKnownBad) {
  const PortDatabase db = small_database();
  const auto findings = judge_listeners(
      {listening(Protocol::Tcp, 22), listening(Protocol::Tcp, 47000),
       listening(Protocol::Udp, 31337)},
      {}, db, {});
  ASSERT_EQ(findings.size(), 3u);
  // Worst first.
  EXPECT_EQ(findings[0].socket.local_port, 31337);
  EXPECT_EQ(findings[0].verdict, Verdict::KnownBad);
  EXPECT_EQ(findings[1].socket.local_port, 47000);
  EXPECT_EQ(findings[1].verdict, Verdict::Unknown);
  EXPECT_EQ(findings[1].entry, nullptr);
  EXPECT_EQ(findings[2].socket.local_port, 22);
  EXPECT_EQ(findings[2].verdict, Verdict::Expected);
  EXPECT_EQ(audit_exit_code(findings), 1);
}

TEST(LocalAuditTest, OnlyExpectedServicesExitZero) {
  const PortDatabase db = small_database();
  EXPECT_EQ(audit_exit_code(judge_listeners({listening(Protocol::Tcp, 22)}, {}, db, {})), 0);
  EXPECT_EQ(audit_exit_code(judge_listeners({}, {}, db, {})), 0);
}

TEST(LocalAuditTest, AllowedPortsDoNotRaiseTheExitStatus) {
  const PortDatabase db = small_database();
  AuditPolicy policy;
  policy.allowed = {PortRange{47000, 47010}};
  const auto findings = judge_listeners(
      {listening(Protocol::Tcp, 22), listening(Protocol::Tcp, 47005)}, {}, db, policy);
  EXPECT_TRUE(findings.back().allowed);
  EXPECT_EQ(audit_exit_code(findings), 0);
  policy.allowed = {PortRange{47011, 47011}};
  EXPECT_EQ(audit_exit_code(judge_listeners({listening(Protocol::Tcp, 47005)}, {}, db, policy)), 1);
}

TEST(LocalAuditTest, OwnersAreAttachedByInode) {
  const PortDatabase db = small_database();
  SocketOwners owners;
  owners[777] = {ProcessInfo{42, "sshd", "/usr/sbin/sshd", "ssh.service"}};
  const auto findings =
      judge_listeners({listening(Protocol::Tcp, 22, "0.0.0.0", 777)}, owners, db, {});
  ASSERT_EQ(findings[0].owners.size(), 1u);
  EXPECT_EQ(findings[0].owners[0].pid, 42);
}

bool mentions(const std::vector<std::string>& advice, const std::string& text) {
  for (const auto& line : advice)
    if (line.find(text) != std::string::npos) return true;
  return false;
}

TEST(CloseAdviceTest, NamesTheSystemdUnitWhenThereIsOne) {
  Finding f;
  f.socket = listening(Protocol::Tcp, 22);
  f.verdict = Verdict::Expected;
  f.owners = {ProcessInfo{42, "sshd", "/usr/sbin/sshd", "ssh.service"}};
  const auto advice = close_advice(f, true);
  EXPECT_TRUE(mentions(advice, "systemctl disable --now ssh.service"));
  EXPECT_TRUE(mentions(advice, "firewall 22/tcp"));
  EXPECT_FALSE(mentions(advice, "compromised"));
}

TEST(CloseAdviceTest, KnownBadPortIsTreatedAsACompromise) {
  const PortDatabase db = small_database();
  Finding f;
  f.socket = listening(Protocol::Tcp, 31337);
  f.verdict = Verdict::KnownBad;
  f.entry = db.find(31337, Protocol::Tcp);
  f.owners = {ProcessInfo{99, "nc", "/usr/bin/nc", ""}};
  const auto advice = close_advice(f, true);
  EXPECT_TRUE(mentions(advice, "compromised"));
  EXPECT_TRUE(mentions(advice, "kill 99"));
}

TEST(CloseAdviceTest, MissingOwnerAsksForRootOnlyWhenNotRoot) {
  Finding f;
  f.socket = listening(Protocol::Tcp, 47000, "127.0.0.1");
  EXPECT_TRUE(mentions(close_advice(f, false), "run as root"));
  EXPECT_FALSE(mentions(close_advice(f, true), "run as root"));
  EXPECT_TRUE(mentions(close_advice(f, true), "loopback only"));
}

TEST(CloseAdviceTest, IncludesTheEntrysOwnCloseHint) {
  const PortDatabase db = small_database();
  Finding f;
  f.socket = listening(Protocol::Tcp, 22);
  f.entry = db.find(22, Protocol::Tcp);
  EXPECT_TRUE(mentions(close_advice(f, true), "Use keys only."));
}

}  // namespace
}  // namespace zeroscan::ports
