// Interrupt and resume: Ctrl-C a sweep at a random moment, continue it from
// its resume file, and the two runs together give every (address, port)
// exactly one record, each as the truth says.
#include <csignal>
#include <dirent.h>
#include <map>
#include <random>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

#include "support/ipv4_text.h"
#include "support/lab_control.h"
#include "support/lab_paths.h"
#include "support/lab_truth.h"
#include "support/scan_records.h"
#include "support/subprocess.h"

namespace zeroscan::lab {
namespace {

// Starts the scanner, sends SIGINT after `delay`, waits (bounded). Returns
// the exit status (130 after an interrupt, 0 if it finished first).
int run_and_interrupt(const std::vector<std::string>& args, std::chrono::milliseconds delay,
                      const std::string& log) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    freopen(log.c_str(), "w", stdout);
    freopen((log + ".err").c_str(), "w", stderr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  std::this_thread::sleep_for(delay);
  kill(pid, SIGINT);
  for (int i = 0; i < 600; ++i) {  // at most 60 s
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return -1;
}

// Outputs are written aside and renamed into place at the end, also after
// Ctrl-C: nothing named *.zeroscan-PID.tmp may stay behind.
std::vector<std::string> leftover_temporary_files(const ScratchDir& scratch) {
  std::vector<std::string> left;
  if (DIR* d = opendir(scratch.path("").c_str())) {
    while (const dirent* e = readdir(d))
      if (std::string(e->d_name).find(".zeroscan-") != std::string::npos) left.push_back(e->d_name);
    closedir(d);
  }
  return left;
}

TEST(ResumeTest, InterruptedPlusResumedIsOneFullRun) {
  const LabTruth truth = LabTruth::load(truth_path());
  const LabGroup& anyip = truth.group("anyip");
  std::random_device entropy;
  std::mt19937 random(entropy());
  // 16384 addresses x 4 ports at 20k pps: about 3.3 s of sending.
  const std::string targets = "198.18.0.0/18";
  const std::vector<std::uint16_t> ports{22, 80, 443, 8080};
  for (int round = 0; round < 3; ++round) {
    const auto delay = std::chrono::milliseconds(std::uniform_int_distribution<int>(200, 3000)(random));
    SCOPED_TRACE("interrupted after " + std::to_string(delay.count()) + " ms");
    ScratchDir scratch;
    const std::string resume = scratch.path("scan.resume");
    const int first = run_and_interrupt(
        {scanner_path(), "-p", "22,80,443,8080", "--rate", "20000", "--retries", "1", "--wait", "1",
         "--seed", std::to_string(1000 + round), "-e", anyip.attr("iface"), "--resume-file", resume, "-oJ",
         scratch.path("part1.json"), targets},
        delay, scratch.path("part1.log"));
    ASSERT_TRUE(first == 130 || first == 0) << "first run exited " << first;

    std::vector<ScanOutput> parts{read_ndjson(scratch.path("part1.json"))};
    if (first == 130) {
      const ProcessResult second =
          run_process({scanner_path(), "--resume", resume, "-oJ", scratch.path("part2.json")},
                      std::chrono::seconds(60), scratch.path("part2.log"), scratch.path("part2.err"));
      ASSERT_EQ(second.exit_code, 0) << second.stderr_tail;
      parts.push_back(read_ndjson(scratch.path("part2.json")));
    }

    EXPECT_EQ(leftover_temporary_files(scratch), std::vector<std::string>{});
    std::map<std::pair<std::uint32_t, std::uint16_t>, int> seen;
    int wrong = 0;
    std::string example;
    for (const ScanOutput& part : parts) {
      ASSERT_TRUE(part.problems.empty()) << join(part.problems, "\n");
      for (const PortRecord& r : part.ports) {
        ++seen[{r.ip, r.port}];
        const Expectation* e = truth.expect(r.ip, r.port, "syn");
        if (!e || e->state != r.state || e->reason != r.reason) {
          if (!wrong++) example = format_ipv4(r.ip) + ":" + std::to_string(r.port) + " " + r.state;
        }
      }
    }
    EXPECT_EQ(seen.size(), std::size_t(16384) * ports.size()) << "pairs missed";
    int repeated = 0;
    for (const auto& [pair, count] : seen) repeated += count > 1;
    EXPECT_EQ(repeated, 0) << "pairs reported twice";
    EXPECT_EQ(wrong, 0) << "records unlike the truth, e.g. " << example;
  }
}

}  // namespace
}  // namespace zeroscan::lab
