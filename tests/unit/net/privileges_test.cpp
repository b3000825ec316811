// The privilege check and every packet-socket opener give the same one-line
// advice to an unprivileged user. Runs the unprivileged part in a child that
// dropped root (so it needs root to start with).
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "zeroscan/core/errors.h"
#include "zeroscan/net/af_packet_sink.h"
#include "zeroscan/net/pcap_source.h"
#include "zeroscan/net/privileges.h"

namespace zeroscan {
namespace {

// Runs `body` as user nobody in a child; returns what it wrote, bounded by 10 s.
template <typename Body>
std::string run_unprivileged(Body body) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return "pipe failed";
  pid_t child = ::fork();
  if (child == 0) {
    ::close(pipe_fds[0]);
    std::string result;
    // Dropping every uid drops every capability (no SECBIT_KEEP_CAPS).
    if (::setgroups(0, nullptr) != 0 || ::setresgid(65534, 65534, 65534) != 0 ||
        ::setresuid(65534, 65534, 65534) != 0) {
      result = "could not drop privileges";
    } else {
      result = body();
    }
    ssize_t written = ::write(pipe_fds[1], result.data(), result.size());
    ::_exit(written == static_cast<ssize_t>(result.size()) ? 0 : 1);
  }
  ::close(pipe_fds[1]);
  std::string output;
  char buffer[512];
  for (int waited = 0; waited < 100; ++waited) {
    pollfd readable{pipe_fds[0], POLLIN, 0};
    if (::poll(&readable, 1, 100) <= 0) continue;
    ssize_t got = ::read(pipe_fds[0], buffer, sizeof buffer);
    if (got <= 0) break;
    output.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(pipe_fds[0]);
  if (::waitpid(child, nullptr, WNOHANG) == 0) {
    ::kill(child, SIGKILL);  // only our own child, by its pid
    ::waitpid(child, nullptr, 0);
  }
  return output;
}

template <typename Action>
std::string message_of(Action action) {
  try {
    action();
    return "no exception";
  } catch (const SystemError& error) {
    return error.what();
  } catch (const std::exception& error) {
    return std::string("wrong exception type: ") + error.what();
  }
}

TEST(PrivilegeTest, AdviceIsOneLineNamingTheWayOut) {
  const std::string advice = packet_socket_privilege_advice();
  EXPECT_EQ(advice.find('\n'), std::string::npos);
  EXPECT_NE(advice.find("root or CAP_NET_RAW (and CAP_NET_ADMIN)"), std::string::npos);
  EXPECT_NE(advice.find("sudo"), std::string::npos);
  EXPECT_NE(advice.find("setcap cap_net_raw,cap_net_admin+eip"), std::string::npos);
}

TEST(PrivilegeTest, UnprivilegedUserGetsTheAdviceFromEveryOpener) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to drop privileges in a child";
  const std::string advice = packet_socket_privilege_advice();
  EXPECT_EQ(run_unprivileged([] { return message_of([] { require_packet_socket_privilege(); }); }), advice);
  EXPECT_EQ(run_unprivileged([] {
              InterfaceInfo lo;
              lo.name = "lo";
              lo.index = 1;
              return message_of([&] { AfPacketSink sink(lo); });
            }),
            advice);
  EXPECT_EQ(run_unprivileged([] { return message_of([] { PcapSource source(PcapSourceOptions{"lo", ""}); }); }),
            advice);
}

TEST(PrivilegeTest, RootPassesTheCheck) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root";
  EXPECT_NO_THROW(require_packet_socket_privilege());
}

// Issue 10 (least privilege): who a root scan becomes.
TEST(DropPrivilegesTest, InvokingUserFromSudoElseNobody) {
  const Identity user = unprivileged_identity("1000", "1001", 65534, 65534);
  EXPECT_EQ(user.uid, 1000u);
  EXPECT_EQ(user.gid, 1001u);
  for (const auto& [uid, gid] : std::vector<std::pair<const char*, const char*>>{
           {nullptr, nullptr}, {"0", "0"}, {"1000", nullptr}, {"-1", "5"}, {"12x", "5"}, {"", ""}}) {
    const Identity nobody = unprivileged_identity(uid, gid, 65534, 65533);
    EXPECT_EQ(nobody.uid, 65534u) << (uid ? uid : "null");
    EXPECT_EQ(nobody.gid, 65533u);
    EXPECT_EQ(nobody.name, "nobody");
  }
}

// After drop_privileges a child is no longer root and cannot open a packet
// socket; with keep_net_admin it holds CAP_NET_ADMIN and nothing else.
TEST(DropPrivilegesTest, ChildLosesRootAndPacketSockets) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to drop";
  for (const bool keep : {false, true}) {
    const pid_t child = ::fork();
    if (child == 0) {
      ::unsetenv("SUDO_UID");
      try {
        drop_privileges(keep);
      } catch (...) {
        ::_exit(10);
      }
      if (::getuid() == 0 || ::geteuid() == 0) ::_exit(11);
      try {
        require_packet_socket_privilege();
        ::_exit(12);  // still allowed raw sockets
      } catch (const SystemError&) {
      }
      std::FILE* status = std::fopen("/proc/self/status", "r");
      char line[256];
      unsigned long long effective = ~0ULL;
      while (status && std::fgets(line, sizeof line, status))
        if (std::sscanf(line, "CapEff: %llx", &effective) == 1) break;
      const unsigned long long net_admin = 1ULL << 12;
      ::_exit(effective == (keep ? net_admin : 0ULL) ? 0 : 13);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "keep_net_admin=" << keep;
  }
}

// A file written later where nobody may not write (the lab's 0700 scratch
// directories hold the resume file): the uid stays 0, the capabilities go.
TEST(DropPrivilegesTest, UnwritableLaterFileKeepsUidZeroWithoutCapabilities) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to drop";
  char dir[] = "/tmp/zs-drop-test.XXXXXX";
  ASSERT_NE(::mkdtemp(dir), nullptr);  // 0700, owned by root
  const std::string resume = std::string(dir) + "/zeroscan.resume";
  const pid_t child = ::fork();
  if (child == 0) {
    ::unsetenv("SUDO_UID");
    try {
      drop_privileges(false, {resume});
    } catch (...) {
      ::_exit(10);
    }
    if (::geteuid() != 0) ::_exit(11);
    try {
      require_packet_socket_privilege();
      ::_exit(12);
    } catch (const SystemError&) {
    }
    std::FILE* file = std::fopen(resume.c_str(), "w");  // the owner may still write there
    ::_exit(file ? 0 : 13);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  std::remove(resume.c_str());
  ::rmdir(dir);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

// Outputs are opened as root beside their target and renamed into place
// after the drop: in a sticky directory (/tmp) only the file's owner may
// rename it, so the files are handed over to the user first.
TEST(DropPrivilegesTest, HandedOverFilesCanBeRenamedInAStickyDirectory) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to drop";
  char dir[] = "/tmp/zs-drop-sticky.XXXXXX";
  ASSERT_NE(::mkdtemp(dir), nullptr);
  ASSERT_EQ(::chmod(dir, 01777), 0);
  const std::string temporary = std::string(dir) + "/out.json.zeroscan-1.tmp";
  const std::string real = std::string(dir) + "/out.json";
  std::FILE* made = std::fopen(temporary.c_str(), "w");  // as root, like the scan's outputs
  ASSERT_NE(made, nullptr);
  std::fclose(made);
  const pid_t child = ::fork();
  if (child == 0) {
    ::setenv("SUDO_UID", "4242", 1);
    ::setenv("SUDO_GID", "4242", 1);
    try {
      drop_privileges(false, {dir}, {temporary});
    } catch (...) {
      ::_exit(10);
    }
    if (::geteuid() != 4242) ::_exit(11);
    ::_exit(std::rename(temporary.c_str(), real.c_str()) == 0 ? 0 : 12);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  struct stat st {};
  const bool renamed = ::stat(real.c_str(), &st) == 0;
  std::remove(temporary.c_str());
  std::remove(real.c_str());
  ::rmdir(dir);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "10: drop failed, 11: still root, 12: rename refused";
  EXPECT_TRUE(renamed);
  EXPECT_EQ(st.st_uid, 4242u) << "the output belongs to the user who ran sudo";
}

}  // namespace
}  // namespace zeroscan
