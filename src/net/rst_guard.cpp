// The temporary nftables table that silences our RSTs for --os-rto.
#include "zeroscan/net/rst_guard.h"

#include <csignal>
#include <cstdlib>
#include <vector>
#include <cstdio>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "zeroscan/core/errors.h"

namespace zeroscan {

namespace {
constexpr const char* kTablePrefix = "zeroscan_rto_";

// Runs `nft` with `args` and `input` on stdin; output to `captured`.
int run_nft_process(const std::vector<std::string>& args, const std::string& input, std::string& captured) {
  int in_pipe[2], out_pipe[2];
  if (pipe(in_pipe) != 0) return -1;
  if (pipe(out_pipe) != 0) {
    close(in_pipe[0]);
    close(in_pipe[1]);
    return -1;
  }
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    dup2(in_pipe[0], STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(out_pipe[1], STDERR_FILENO);
    close(in_pipe[1]);
    close(out_pipe[0]);
    std::vector<char*> argv;
    static char nft[] = "nft";
    argv.push_back(nft);
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp("nft", argv.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  // SIGPIPE is ignored process-wide by main; a failed write shows in the status.
  std::size_t written = 0;
  while (written < input.size()) {
    const ssize_t n = write(in_pipe[1], input.data() + written, input.size() - written);
    if (n <= 0) break;
    written += std::size_t(n);
  }
  close(in_pipe[1]);
  char buffer[512];
  ssize_t n;
  while ((n = read(out_pipe[0], buffer, sizeof buffer)) > 0) captured.append(buffer, std::size_t(n));
  close(out_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Deletes tables left behind by zeroscan processes that no longer exist.
void remove_stale_tables() {
  std::string listing;
  if (run_nft_process({"list", "tables"}, "", listing) != 0) return;
  std::size_t pos = 0;
  while ((pos = listing.find(kTablePrefix, pos)) != std::string::npos) {
    std::size_t end = listing.find_first_of(" \n", pos);
    const std::string name = listing.substr(pos, end - pos);
    pos = end;
    const long pid = std::strtol(name.c_str() + std::string(kTablePrefix).size(), nullptr, 10);
    if (pid > 0 && kill(pid_t(pid), 0) != 0) {
      std::string ignored;
      run_nft_process({"delete", "table", "inet", name}, "", ignored);
    }
  }
}
}  // namespace

std::string rst_guard_ruleset(const std::string& table, const RstGuardSources& sources,
                              std::uint16_t first_port, std::uint16_t last_port) {
  const std::string match = " tcp sport " + std::to_string(first_port) + "-" + std::to_string(last_port) +
                            " tcp flags & rst == rst drop\n";
  std::string rules;
  if (sources.v4) rules += "    ip saddr " + sources.v4->to_string() + match;
  if (sources.v6) rules += "    ip6 saddr " + sources.v6->to_string() + match;
  return "table inet " + table + " {\n" +
         "  chain output {\n"
         "    type filter hook output priority 0; policy accept;\n" +
         rules +
         "  }\n"
         "}\n";
}

int run_nft(const std::string& script, std::string& error) {
  return run_nft_process({"-f", "-"}, script, error);
}

RstGuard::RstGuard(const RstGuardSources& sources, std::uint16_t first_port, std::uint16_t last_port)
    : table_(kTablePrefix + std::to_string(getpid())) {
  remove_stale_tables();
  std::string error;
  const int status = run_nft(rst_guard_ruleset(table_, sources, first_port, last_port), error);
  if (status != 0) {
    if (!error.empty() && error.back() == '\n') error.pop_back();
    throw SystemError("--os-rto needs nftables to hold back our RSTs, and nft failed" +
                      (status == 127 ? std::string(": nft not found (apt-get install nftables)")
                                     : ": " + error.substr(0, error.find('\n'))));
  }
}

RstGuard::~RstGuard() {
  std::string ignored;
  run_nft_process({"delete", "table", "inet", table_}, "", ignored);
}

}  // namespace zeroscan
