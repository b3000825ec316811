// run_in_forked_child: fork, optionally a fresh network namespace, bounded
// by alarm, reaped by PID.
#include "support/forked_child.h"

#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <stdexcept>

#include "support/test_namespace.h"

namespace zeroscan {

namespace {

[[noreturn]] void run_child(const std::function<int()>& body, ForkedChildOptions options) {
  ::alarm(options.timeout_seconds);  // bounded whatever happens
  if (options.new_network_namespace && (::unshare(CLONE_NEWNET) != 0 || !bring_loopback_up()))
    ::_exit(kForkedChildNoNamespace);
  int code = kForkedChildThrew;
  try {
    code = body();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "forked child threw: %s\n", e.what());
  }
  std::fflush(nullptr);
  ::_exit(code);
}

}  // namespace

std::string ForkedChildExit::describe() const {
  if (no_namespace) return "no network namespace";
  if (!exited) return "killed by signal " + std::to_string(signal);
  if (code == kForkedChildThrew) return "threw (exit code " + std::to_string(code) + ")";
  return "exit code " + std::to_string(code);
}

ForkedChildExit run_in_forked_child(const std::function<int()>& body, ForkedChildOptions options) {
  std::fflush(nullptr);  // nothing buffered twice
  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) run_child(body, options);
  int status = 0;
  ForkedChildExit result;
  if (::waitpid(child, &status, 0) != child) throw std::runtime_error("waitpid failed");
  result.exited = WIFEXITED(status);
  if (result.exited) result.code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  result.no_namespace = result.exited && result.code == kForkedChildNoNamespace;
  return result;
}

}  // namespace zeroscan
