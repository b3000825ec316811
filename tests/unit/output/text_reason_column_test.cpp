// The REASON column of the human report is nmap's --reason: off by default
// in the output set, on when asked; the other columns stay put.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "zeroscan/output/output_set.h"
#include "zeroscan/output/text_writer.h"
#include "support/scratch_file.h"

namespace zeroscan {
namespace {

PortRecord open_port() {
  PortRecord r;
  r.ip = *Ipv4::parse("198.18.0.9");
  r.port = 22;
  r.state = PortState::Open;
  r.reason = StateReason::SynAck;
  r.answered = true;
  r.ttl = 64;
  return r;
}

std::string render(bool reason_column) {
  const std::string path = scratch_path("text_reason.txt");
  {
    OutputPaths paths;
    paths.normal = path;
    paths.reason_column = reason_column;
    auto sinks = build_result_sinks(paths, nullptr, false);
    sinks->port(open_port());
    sinks->finish(ScanSummary{});
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::remove(path.c_str());
  return text.str();
}

TEST(TextReasonColumnTest, OffByDefaultAsInNmap) {
  EXPECT_FALSE(OutputPaths{}.reason_column);
  const std::string text = render(false);
  EXPECT_NE(text.find("SERVICE\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("REASON"), std::string::npos) << text;
  EXPECT_EQ(text.find("syn-ack"), std::string::npos) << text;
  EXPECT_NE(text.find("22/tcp"), std::string::npos) << text;
}

TEST(TextReasonColumnTest, ReasonFlagAddsTheColumn) {
  const std::string text = render(true);
  EXPECT_NE(text.find("REASON"), std::string::npos) << text;
  EXPECT_NE(text.find("syn-ack ttl 64"), std::string::npos) << text;
}

}  // namespace
}  // namespace zeroscan
