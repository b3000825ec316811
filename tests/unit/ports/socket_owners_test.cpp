// Socket ownership: the pure helpers (fd link targets, cgroup lines) as
// tables, and the /proc walk against a real listening socket this test opens
// on loopback (bind + listen only; nothing is sent).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

#include "zeroscan/ports/proc_net.h"
#include "zeroscan/ports/socket_owners.h"

namespace zeroscan::ports {
namespace {

struct LinkCase {
  const char* target;
  std::uint64_t inode;
};

class SocketLinkTest : public ::testing::TestWithParam<LinkCase> {};

TEST_P(SocketLinkTest, ExtractsInodeOnlyFromSocketLinks) {
  EXPECT_EQ(socket_inode_from_link(GetParam().target), GetParam().inode);
}

INSTANTIATE_TEST_SUITE_P(Targets, SocketLinkTest,
                         ::testing::Values(LinkCase{"socket:[12345]", 12345},
                                           LinkCase{"socket:[1]", 1}, LinkCase{"pipe:[12345]", 0},
                                           LinkCase{"socket:[]", 0}, LinkCase{"socket:[12a]", 0},
                                           LinkCase{"socket:[", 0}, LinkCase{"/dev/null", 0},
                                           LinkCase{"", 0}));

struct CgroupCase {
  const char* text;
  const char* unit;
};

class CgroupUnitTest : public ::testing::TestWithParam<CgroupCase> {};

TEST_P(CgroupUnitTest, FindsTheServiceUnit) {
  EXPECT_EQ(systemd_unit_from_cgroup(GetParam().text), GetParam().unit);
}

INSTANTIATE_TEST_SUITE_P(
    Cgroups, CgroupUnitTest,
    ::testing::Values(
        CgroupCase{"0::/system.slice/ssh.service\n", "ssh.service"},
        CgroupCase{"12:pids:/system.slice/cron.service\n1:name=systemd:/system.slice/cron.service\n",
                   "cron.service"},
        CgroupCase{"0::/system.slice/nginx.service/worker\n", "nginx.service"},
        CgroupCase{"0::/user.slice/user-1000.slice/session-2.scope\n", ""},
        CgroupCase{"0::/\n", ""}, CgroupCase{"", ""}));

// A listening TCP socket on 127.0.0.1 with a kernel-chosen port.
class LoopbackListener {
 public:
  LoopbackListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(fd_, 1) != 0 || ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
      return;
    port_ = ntohs(addr.sin_port);
    struct stat st{};
    if (::fstat(fd_, &st) == 0) inode_ = st.st_ino;
  }
  ~LoopbackListener() {
    if (fd_ >= 0) ::close(fd_);
  }
  std::uint16_t port() const { return port_; }
  std::uint64_t inode() const { return inode_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::uint64_t inode_ = 0;
};

TEST(SocketOwnersTest, FindsThisProcessAsOwnerOfItsListener) {
  LoopbackListener listener;
  ASSERT_NE(listener.port(), 0) << "could not open a loopback listener";
  const SocketOwners owners = find_socket_owners("/proc", {listener.inode()});
  ASSERT_EQ(owners.count(listener.inode()), 1u);
  const ProcessInfo& me = owners.at(listener.inode()).front();
  EXPECT_EQ(me.pid, ::getpid());
  std::string comm;
  std::getline(std::ifstream("/proc/self/comm"), comm);
  EXPECT_EQ(me.name, comm);
}

TEST(SocketOwnersTest, OnlyAskedForInodesAreCollected) {
  LoopbackListener listener;
  ASSERT_NE(listener.port(), 0);
  EXPECT_TRUE(find_socket_owners("/proc", {listener.inode() + 1000000007ull}).empty());
}

TEST(ReadListeningSocketsTest, SeesAListenerThisProcessOpened) {
  LoopbackListener listener;
  ASSERT_NE(listener.port(), 0);
  const auto sockets = read_listening_sockets("/proc/self/net");
  const auto it = std::find_if(sockets.begin(), sockets.end(), [&](const SocketRecord& s) {
    return s.inode == listener.inode();
  });
  ASSERT_NE(it, sockets.end());
  EXPECT_EQ(it->local_port, listener.port());
  EXPECT_EQ(it->local_address, "127.0.0.1");
  EXPECT_EQ(it->protocol, Protocol::Tcp);
}

TEST(ReadListeningSocketsTest, MissingTablesAreASystemError) {
  EXPECT_ANY_THROW(read_listening_sockets("/nonexistent-zeroscan-net-dir"));
}

}  // namespace
}  // namespace zeroscan::ports
