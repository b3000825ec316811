// The lab around the whole suite: refuse to run without root, wait for any
// other lab suite to finish (a machine-wide lock), bring the lab up when it
// is down, and leave it as found (down again if we started it).
// Registered with GoogleTest from a namespace-scope initializer — the one
// hook gtest_main offers; it holds no state anyone else reads.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include <gtest/gtest.h>

#include "support/lab_control.h"
#include "support/lab_paths.h"

namespace zeroscan::lab {
namespace {

// One lab per machine, and a suite scans it, brings it up and takes it
// down: two suites at once (two engineers, two build trees) would see each
// other's probes and lose their lab mid-test. So a suite holds this lock
// for its whole run. Close-on-exec, so the lab's listeners never inherit it.
constexpr const char* kSuiteLock = "/run/zeroscan-lab.suite.lock";
constexpr auto kSuiteLockWait = std::chrono::minutes(15);

class LabEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    ASSERT_EQ(geteuid(), 0u) << "the lab tests need root (network namespaces, raw sockets): "
                                "run them as root, e.g. via scripts/test";
    lock_fd_ = open(kSuiteLock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    ASSERT_GE(lock_fd_, 0) << "cannot open " << kSuiteLock;
    const auto deadline = std::chrono::steady_clock::now() + kSuiteLockWait;
    bool told = false;
    while (flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
      if (!told) {
        std::fprintf(stderr, "lab suite: another lab suite holds %s; waiting (up to 15 min)\n", kSuiteLock);
        told = true;
      }
      ASSERT_LT(std::chrono::steady_clock::now(), deadline)
          << "another lab suite held " << kSuiteLock << " for 15 minutes";
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    if (lab_is_up()) return;
    const std::string error = lab_command("up");
    ASSERT_EQ(error, "") << "could not bring the lab up (listener: " << listener_path() << ")";
    brought_up_ = true;
  }

  void TearDown() override {
    if (brought_up_) {
      const std::string error = lab_command("down");
      EXPECT_EQ(error, "") << "scripts/lab down failed";
    }
    if (lock_fd_ >= 0) close(lock_fd_);  // releases the suite lock
    lock_fd_ = -1;
  }

 private:
  bool brought_up_ = false;
  int lock_fd_ = -1;
};

[[maybe_unused]] const ::testing::Environment* const registered =
    ::testing::AddGlobalTestEnvironment(new LabEnvironment);

}  // namespace
}  // namespace zeroscan::lab
