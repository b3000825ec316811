// Port lists collapse into ranges the way people write them.
#include "zeroscan/output/port_list.h"

#include <gtest/gtest.h>

namespace zeroscan {
namespace {

TEST(PortListTest, CollapsesRunsAndSorts) {
  EXPECT_EQ(format_port_list({443, 22, 80, 81, 82}), "22,80-82,443");
  EXPECT_EQ(format_port_list({0, 1, 2, 65535}), "0-2,65535");
  EXPECT_EQ(format_port_list({8080}), "8080");
  EXPECT_EQ(format_port_list({}), "");
  EXPECT_EQ(format_port_list({5, 5, 6}), "5-6");
}

}  // namespace
}  // namespace zeroscan
