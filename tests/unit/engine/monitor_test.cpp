// The status line: what one report says, and how it is written.
#include "zeroscan/engine/monitor.h"

#include <gtest/gtest.h>

#include <string>

namespace zeroscan {
namespace {

TEST(MonitorTest, ATerminalGetsOneRewrittenLineUnlessNewLinesAreAskedFor) {
  EXPECT_EQ(std::string(status_line_format(true, false)), "\r%s\x1b[K");
  EXPECT_EQ(std::string(status_line_format(true, true)), "%s\n");  // --stats-every, as nmap
  EXPECT_EQ(std::string(status_line_format(false, false)), "%s\n");  // a log or a pipe
  EXPECT_EQ(std::string(status_line_format(false, true)), "%s\n");
}

TEST(MonitorTest, AReportSaysProgressFindingsAndLosses) {
  StatusSnapshot s;
  s.elapsed_seconds = 2.0;
  s.pass_done = 250;
  s.pass_size = 1000;
  s.passes = 2;
  s.configured_rate = 100;
  s.recent_rate = 99;
  s.sent = 250;
  s.open = 3;
  s.closed = 7;
  s.matched = 10;
  s.kernel_dropped = 1;
  s.results_lost = 2;
  const std::string line = format_status(s);
  EXPECT_NE(line.find("pass 1/2"), std::string::npos) << line;
  EXPECT_NE(line.find("25.0% done, ETA 0:07"), std::string::npos) << line;
  EXPECT_NE(line.find("found 3 open, 7 closed, 10 answers"), std::string::npos) << line;
  EXPECT_NE(line.find("drops 1, lost 2"), std::string::npos) << line;
}

}  // namespace
}  // namespace zeroscan
