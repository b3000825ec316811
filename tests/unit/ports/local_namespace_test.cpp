// "zeroscan local" against real sockets: the test creates a network
// namespace (zs-porttest-<pid>), opens listeners inside it from a child
// process (a known service, an unknown high port, a known backdoor port),
// runs the audit from a second child that joins the namespace, and checks
// the verdicts. Everything it starts is killed by PID and the namespace is
// deleted, also when an assertion fails. Needs root and iproute2; skips
// otherwise. No packet leaves the namespace: listeners only bind and listen.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "zeroscan/ports/embedded_port_data.h"
#include "zeroscan/ports/local_cli.h"

namespace zeroscan::ports {
namespace {

const PortDatabase& database() {
  static const PortDatabase db = load_embedded_port_database();
  return db;
}

std::string find_ip_binary() {
  for (const char* path : {"/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"})
    if (::access(path, X_OK) == 0) return path;
  return "";
}

// Runs "ip <args>" quietly; returns its exit status (-1 if it could not run).
int run_ip(const std::string& ip, const std::vector<std::string>& args) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    std::vector<char*> argv{const_cast<char*>(ip.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(ip.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  if (pid < 0 || ::waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A named network namespace that exists exactly as long as this object.
class ScopedNetns {
 public:
  ScopedNetns(std::string ip, std::string name) : ip_(std::move(ip)), name_(std::move(name)) {
    created_ = run_ip(ip_, {"netns", "add", name_}) == 0;
  }
  ~ScopedNetns() {
    if (created_) run_ip(ip_, {"netns", "del", name_});
  }
  ScopedNetns(const ScopedNetns&) = delete;
  ScopedNetns& operator=(const ScopedNetns&) = delete;
  bool created() const { return created_; }
  std::string path() const { return "/run/netns/" + name_; }

 private:
  std::string ip_, name_;
  bool created_ = false;
};

// A child process we started; killed and reaped by PID when we are done.
class ScopedChild {
 public:
  explicit ScopedChild(pid_t pid) : pid_(pid) {}
  ~ScopedChild() { stop(); }
  ScopedChild(const ScopedChild&) = delete;
  ScopedChild& operator=(const ScopedChild&) = delete;
  pid_t pid() const { return pid_; }
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_;
};

bool join_netns(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::setns(fd, CLONE_NEWNET) == 0;
  ::close(fd);
  return ok;
}

struct Listen {
  int family;  // AF_INET or AF_INET6
  int type;    // SOCK_STREAM or SOCK_DGRAM
  std::uint16_t port;
};

bool open_listener(const Listen& l) {
  const int fd = ::socket(l.family, l.type, 0);
  if (fd < 0) return false;
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  int rc;
  if (l.family == AF_INET6) {
    ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    sockaddr_in6 addr{};
    addr.sin6_family = AF_INET6;
    addr.sin6_addr = in6addr_any;
    addr.sin6_port = htons(l.port);
    rc = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  } else {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(l.port);
    rc = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  }
  return rc == 0 && (l.type != SOCK_STREAM || ::listen(fd, 4) == 0);
}

// Forks a child that joins the namespace, opens the listeners and waits to
// be killed. Returns its pid once it reported ready, or -1.
pid_t spawn_listeners(const std::string& netns_path, const std::vector<Listen>& listens) {
  int ready[2];
  if (::pipe(ready) != 0) return -1;
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(ready[0]);
    // Die with the test process even if it crashes before cleaning up.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);
    char status = 'R';
    if (!join_netns(netns_path)) status = 'N';
    for (const Listen& l : listens)
      if (status == 'R' && !open_listener(l)) status = 'L';
    if (::write(ready[1], &status, 1) != 1 || status != 'R') ::_exit(1);
    for (;;) ::pause();
  }
  ::close(ready[1]);
  char status = 0;
  const bool ok = pid > 0 && ::read(ready[0], &status, 1) == 1 && status == 'R';
  ::close(ready[0]);
  if (!ok && pid > 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    return -1;
  }
  return pid;
}

struct AuditRun {
  int exit_code = -1;
  std::string out, err;
};

// Runs "zeroscan local --json" in a forked child that joined the namespace,
// so /proc/net shows the namespace's sockets. The child writes its exit code
// and output into a pipe.
AuditRun audit_inside(const std::string& netns_path) {
  AuditRun run;
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return run;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(pipe_fds[0]);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    std::ostringstream out, err;
    int code = 100;
    if (join_netns(netns_path)) code = run_local_cli({"--json"}, database(), out, err);
    const std::string payload = std::string(1, char(code)) + out.str() + '\0' + err.str();
    std::size_t written = 0;
    while (written < payload.size()) {
      const ssize_t n = ::write(pipe_fds[1], payload.data() + written, payload.size() - written);
      if (n <= 0) break;
      written += std::size_t(n);
    }
    ::_exit(0);
  }
  ScopedChild child(pid);
  ::close(pipe_fds[1]);
  std::string payload;
  char buffer[4096];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) payload.append(buffer, std::size_t(n));
  ::close(pipe_fds[0]);
  if (payload.empty()) return run;
  run.exit_code = static_cast<unsigned char>(payload[0]);
  const std::size_t split = payload.find('\0', 1);
  run.out = payload.substr(1, split - 1);
  if (split != std::string::npos) run.err = payload.substr(split + 1);
  return run;
}

const nlohmann::json* socket_at(const nlohmann::json& report, const std::string& protocol, int port) {
  for (const auto& s : report["sockets"])
    if (s["protocol"] == protocol && s["port"] == port) return &s;
  return nullptr;
}

TEST(LocalNamespaceTest, JudgesListenersOpenedInsideANamespace) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root for network namespaces";
  const std::string ip = find_ip_binary();
  if (ip.empty()) GTEST_SKIP() << "needs iproute2 ('ip')";

  // An unknown port: the first one from 47000 up that the database lacks.
  std::uint16_t unknown_port = 47000;
  while (database().find(unknown_port, Protocol::Tcp)) ++unknown_port;

  const std::string name = "zs-porttest-" + std::to_string(::getpid());
  pid_t listener_pid = -1;
  {
    ScopedNetns netns(ip, name);
    if (!netns.created()) GTEST_SKIP() << "cannot create network namespace " << name;
    ScopedChild listener(spawn_listeners(netns.path(), {{AF_INET, SOCK_STREAM, 22},
                                                        {AF_INET6, SOCK_STREAM, unknown_port},
                                                        {AF_INET, SOCK_STREAM, 31337},
                                                        {AF_INET, SOCK_DGRAM, 31337}}));
    listener_pid = listener.pid();
    ASSERT_GT(listener_pid, 0) << "listener child failed to join the namespace or bind";

    const AuditRun run = audit_inside(netns.path());
    ASSERT_FALSE(run.out.empty()) << "audit child produced nothing; stderr: " << run.err;
    EXPECT_EQ(run.exit_code, 1) << run.err;
    const auto report = nlohmann::json::parse(run.out);
    // A fresh namespace holds only our four sockets: proof that the audit
    // read the namespace's tables, not the host's.
    EXPECT_EQ(report["summary"]["listening"], 4) << run.out;

    const auto* ssh = socket_at(report, "tcp", 22);
    ASSERT_NE(ssh, nullptr) << run.out;
    EXPECT_EQ((*ssh)["verdict"], "expected");
    EXPECT_EQ((*ssh)["service"], "ssh");
    ASSERT_FALSE((*ssh)["processes"].empty());
    EXPECT_EQ((*ssh)["processes"][0]["pid"], listener_pid);

    const auto* unknown = socket_at(report, "tcp", unknown_port);
    ASSERT_NE(unknown, nullptr) << run.out;
    EXPECT_EQ((*unknown)["verdict"], "unknown");
    EXPECT_EQ((*unknown)["family"], "ipv6");

    for (const char* protocol : {"tcp", "udp"}) {
      const auto* bad = socket_at(report, protocol, 31337);
      ASSERT_NE(bad, nullptr) << protocol << " " << run.out;
      EXPECT_EQ((*bad)["verdict"], "known-bad");
      EXPECT_NE((*bad)["warning"].get<std::string>().find("Back Orifice"), std::string::npos);
    }
  }
  // Nothing is left behind: the listener is gone and so is the namespace.
  errno = 0;
  EXPECT_EQ(::kill(listener_pid, 0), -1);
  EXPECT_EQ(errno, ESRCH);
  EXPECT_FALSE(std::filesystem::exists("/run/netns/" + name));
}

}  // namespace
}  // namespace zeroscan::ports
