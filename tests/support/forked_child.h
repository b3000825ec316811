// Runs part of a root-only test in a forked child, reaped by PID and bounded
// by alarm(), so whatever the child does to its process (enter a network
// namespace, open raw sockets, call run_scan) ends with it. The child's exit
// code is its verdict: each test numbers its own failure reasons from 0
// (ok) upwards and prints them when the code is not 0.
#pragma once

#include <functional>
#include <string>

namespace zeroscan {

struct ForkedChildOptions {
  unsigned timeout_seconds = 20;
  // unshare() a fresh network namespace and bring its lo up before `body`:
  // nothing the child sends can leave the machine.
  bool new_network_namespace = false;
};

// The child in a fresh network namespace, bounded by timeout_seconds.
inline ForkedChildOptions in_fresh_network_namespace(unsigned timeout_seconds) {
  ForkedChildOptions options;
  options.timeout_seconds = timeout_seconds;
  options.new_network_namespace = true;
  return options;
}

struct ForkedChildExit {
  // The child could not create its network namespace (a container without
  // the right): the test should skip, not fail.
  bool no_namespace = false;
  bool exited = false;  // false: killed by a signal (the alarm, a crash)
  int code = -1;        // exit code when exited
  int signal = 0;       // the signal otherwise
  std::string describe() const;  // "exit code 3", "killed by signal 14", ...
};

// Forks; the child runs `body` and _exits with what it returns (an
// exception prints its message and exits with kForkedChildThrew). The parent
// waits for it. Throws std::runtime_error when fork fails.
ForkedChildExit run_in_forked_child(const std::function<int()>& body, ForkedChildOptions options = {});

// Exit codes reserved by run_in_forked_child; tests use codes below 100.
inline constexpr int kForkedChildThrew = 120;
inline constexpr int kForkedChildNoNamespace = 121;

}  // namespace zeroscan
