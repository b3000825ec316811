// Network namespaces for root-only tests. TestNamespace creates
// "zs-nettest-<pid>-<suffix>" and always deletes it again (destructor), and
// sweeps namespaces left behind by test processes that died (their pid is
// gone). EnterNamespace switches the calling thread into one and back, so
// sockets, netlink dumps and libpcap opened meanwhile live in there: packets
// from these tests can never reach the host's own interfaces.
//
// Only for tests that sent to 198.19.250.0/24 inside such namespaces.
#pragma once

#include <string>

namespace zeroscan {

bool running_as_root();

// Runs a shell command (bounded by `timeout 20`); throws std::runtime_error
// with the command and its exit status when it fails.
void run_checked(const std::string& command);

// Brings `lo` up in the calling thread's network namespace (a child that
// unshare()d a fresh one starts with it down). False when that fails.
bool bring_loopback_up();

class TestNamespace {
 public:
  explicit TestNamespace(const std::string& suffix);
  ~TestNamespace();
  TestNamespace(const TestNamespace&) = delete;
  TestNamespace& operator=(const TestNamespace&) = delete;

  const std::string& name() const { return name_; }
  // `ip -n <name> <arguments>`, checked.
  void ip(const std::string& arguments) const;
  // `sysctl -w <setting>` inside the namespace, checked.
  void sysctl(const std::string& setting) const;
  int fd() const { return fd_; }

 private:
  std::string name_;
  int fd_ = -1;
};

// Removes zs-nettest-* namespaces whose creating test process is gone.
void sweep_stale_test_namespaces();

class EnterNamespace {
 public:
  explicit EnterNamespace(const TestNamespace& target);
  ~EnterNamespace();  // back to the namespace the thread was in
  EnterNamespace(const EnterNamespace&) = delete;
  EnterNamespace& operator=(const EnterNamespace&) = delete;

 private:
  int original_ = -1;
};

// Two namespaces joined by a veth pair: "scanner" (zs0, 198.19.250.1/24) and
// "target" (zs1, 198.19.250.2/24), both up, loopback up on both sides.
struct VethPair {
  VethPair();
  TestNamespace scanner{"scanner"};
  TestNamespace target{"target"};
  static constexpr const char* kScannerInterface = "zs0";
  static constexpr const char* kTargetInterface = "zs1";
  static constexpr const char* kScannerAddress = "198.19.250.1";
  static constexpr const char* kTargetAddress = "198.19.250.2";
};

}  // namespace zeroscan
