#include "support/scratch_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace zeroscan {

std::string scratch_path(const std::string& stem) {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string owner = test ? std::string(test->test_suite_name()) + "." + test->name() : "no-test";
  std::string name = "zs_" + owner + "_" + std::to_string(::getpid()) + "_" + stem;
  for (char& c : name)
    if (c == '/') c = '_';  // parameterised names contain '/'
  return ::testing::TempDir() + name;
}

}  // namespace zeroscan
