// Child processes with deadlines; see subprocess.h.
#include "support/subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace zeroscan::lab {

namespace {

using Clock = std::chrono::steady_clock;

// Waits for pid until the deadline; returns true when it exited.
bool wait_until(pid_t pid, Clock::time_point deadline, int& status) {
  for (;;) {
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return true;
    if (r < 0 && errno != EINTR) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, std::chrono::seconds timeout,
                          const std::string& stdout_path, const std::string& stderr_path,
                          const std::vector<std::string>& extra_env) {
  ProcessResult result;
  if (argv.empty()) {
    result.start_error = "empty command";
    return result;
  }
  if (access(argv[0].c_str(), X_OK) != 0) {
    result.start_error = argv[0] + " not found or not executable";
    return result;
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  const pid_t pid = fork();
  if (pid < 0) {
    result.start_error = std::string("fork: ") + std::strerror(errno);
    return result;
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec.
    const int out = open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int in = open("/dev/null", O_RDONLY);
    if (out < 0 || err < 0 || in < 0) _exit(126);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    for (const auto& e : extra_env) putenv(const_cast<char*>(e.c_str()));
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  if (!wait_until(pid, Clock::now() + timeout, status)) {
    result.timed_out = true;
    kill(pid, SIGTERM);
    if (!wait_until(pid, Clock::now() + std::chrono::seconds(3), status)) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
    }
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  result.stderr_tail = last_lines(read_file(stderr_path), 15);
  return result;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string last_lines(const std::string& text, int lines) {
  std::size_t pos = text.size();
  if (pos > 0 && text[pos - 1] == '\n') --pos;
  for (int i = 0; i < lines && pos != std::string::npos && pos > 0; ++i) pos = text.rfind('\n', pos - 1);
  return pos == std::string::npos || pos == 0 ? text : text.substr(pos + 1);
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string s;
  for (std::size_t i = 0; i < parts.size(); ++i) s += (i ? sep : "") + parts[i];
  return s;
}

ScratchDir::ScratchDir() {
  char tmpl[] = "/tmp/zs-lab-test.XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
  dir_ = tmpl;
}

ScratchDir::~ScratchDir() {
  const char* keep = std::getenv("ZEROSCAN_LAB_KEEP");
  if (keep && *keep) return;
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace zeroscan::lab
