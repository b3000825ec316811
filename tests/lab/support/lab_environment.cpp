// The lab around the whole suite: refuse to run without root, bring the lab
// up when it is down, and leave it as found (down again if we started it).
// Registered with GoogleTest from a namespace-scope initializer — the one
// hook gtest_main offers; it holds no state anyone else reads.
#include <unistd.h>

#include <gtest/gtest.h>

#include "support/lab_control.h"
#include "support/lab_paths.h"

namespace zeroscan::lab {
namespace {

class LabEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    ASSERT_EQ(geteuid(), 0u) << "the lab tests need root (network namespaces, raw sockets): "
                                "run them as root, e.g. via scripts/test";
    if (lab_is_up()) return;
    const std::string error = lab_command("up");
    ASSERT_EQ(error, "") << "could not bring the lab up (listener: " << listener_path() << ")";
    brought_up_ = true;
  }

  void TearDown() override {
    if (!brought_up_) return;
    const std::string error = lab_command("down");
    EXPECT_EQ(error, "") << "scripts/lab down failed";
  }

 private:
  bool brought_up_ = false;
};

[[maybe_unused]] const ::testing::Environment* const registered =
    ::testing::AddGlobalTestEnvironment(new LabEnvironment);

}  // namespace
}  // namespace zeroscan::lab
