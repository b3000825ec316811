// TestNamespace / EnterNamespace / VethPair: `ip netns` lifecycle and
// setns() for root-only tests.
#include "support/test_namespace.h"

#include <fcntl.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <stdexcept>

namespace zeroscan {

namespace {

const std::string kPrefix = "zs-nettest-";

std::string capture_output(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  ::pclose(pipe);
  return output;
}

}  // namespace

bool running_as_root() { return ::geteuid() == 0; }

void run_checked(const std::string& command) {
  int status = std::system(("timeout 20 " + command + " >/dev/null 2>&1").c_str());
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("command failed (" + std::to_string(status) + "): " + command);
  }
}

void sweep_stale_test_namespaces() {
  // `ip netns list` prints "name" or "name (id: N)" per line.
  std::istringstream listing(capture_output("ip netns list 2>/dev/null"));
  std::string line;
  while (std::getline(listing, line)) {
    std::string name = line.substr(0, line.find(' '));
    if (name.compare(0, kPrefix.size(), kPrefix) != 0) continue;
    long pid = std::strtol(name.c_str() + kPrefix.size(), nullptr, 10);
    if (pid <= 0) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // its test process still runs
    std::system(("timeout 20 ip netns del " + name + " >/dev/null 2>&1").c_str());
  }
}

TestNamespace::TestNamespace(const std::string& suffix)
    : name_(kPrefix + std::to_string(::getpid()) + "-" + suffix) {
  sweep_stale_test_namespaces();
  std::system(("timeout 20 ip netns del " + name_ + " >/dev/null 2>&1").c_str());  // our own leftover
  run_checked("ip netns add " + name_);
  fd_ = ::open(("/run/netns/" + name_).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    std::system(("timeout 20 ip netns del " + name_ + " >/dev/null 2>&1").c_str());
    throw std::runtime_error("cannot open namespace " + name_ + ": " + std::strerror(errno));
  }
}

TestNamespace::~TestNamespace() {
  if (fd_ >= 0) ::close(fd_);
  // Deleting the namespace also destroys its interfaces (and so the veth peer).
  std::system(("timeout 20 ip netns del " + name_ + " >/dev/null 2>&1").c_str());
}

void TestNamespace::ip(const std::string& arguments) const { run_checked("ip -n " + name_ + " " + arguments); }

void TestNamespace::sysctl(const std::string& setting) const {
  run_checked("ip netns exec " + name_ + " sysctl -qw " + setting);
}

EnterNamespace::EnterNamespace(const TestNamespace& target) {
  original_ = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  if (original_ < 0) throw std::runtime_error(std::string("cannot open own namespace: ") + std::strerror(errno));
  if (::setns(target.fd(), CLONE_NEWNET) != 0) {
    ::close(original_);
    throw std::runtime_error("setns into " + target.name() + ": " + std::strerror(errno));
  }
}

EnterNamespace::~EnterNamespace() {
  if (::setns(original_, CLONE_NEWNET) != 0) {
    // Staying in a test namespace would send later tests' packets there;
    // better to stop the test process loudly.
    std::perror("zeroscan tests: cannot return to the original network namespace");
    std::abort();
  }
  ::close(original_);
}

VethPair::VethPair() {
  run_checked("ip link add " + std::string(kScannerInterface) + " netns " + scanner.name() + " type veth peer name " +
              kTargetInterface + " netns " + target.name());
  scanner.ip("addr add " + std::string(kScannerAddress) + "/24 dev " + kScannerInterface);
  target.ip("addr add " + std::string(kTargetAddress) + "/24 dev " + kTargetInterface);
  scanner.ip("link set lo up");
  target.ip("link set lo up");
  scanner.ip("link set " + std::string(kScannerInterface) + " up");
  target.ip("link set " + std::string(kTargetInterface) + " up");
}

bool bring_loopback_up() {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) return false;
  ifreq request{};
  std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
  bool up = ::ioctl(fd, SIOCGIFFLAGS, &request) == 0;
  request.ifr_flags |= IFF_UP;
  up = up && ::ioctl(fd, SIOCSIFFLAGS, &request) == 0;
  ::close(fd);
  return up;
}

}  // namespace zeroscan
