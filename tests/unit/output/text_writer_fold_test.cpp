// The human report lists few ports and folds many alike, as nmap does.
#include "zeroscan/output/text_writer.h"
#include "support/scratch_file.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace zeroscan {
namespace {

PortRecord answered(std::uint16_t port, PortState state) {
  PortRecord r;
  r.ip = *Ipv4::parse("198.18.0.9");
  r.port = port;
  r.state = state;
  r.reason = state == PortState::Open ? StateReason::SynAck : StateReason::Rst;
  r.answered = true;
  r.ttl = 64;
  return r;
}

std::string render(int closed_ports) {
  const std::string path = scratch_path("text_fold.txt");
  {
    TextWriter writer(std::make_unique<OutputFile>(path), nullptr);
    writer.port(answered(22, PortState::Open));
    for (int i = 0; i < closed_ports; ++i) writer.port(answered(std::uint16_t(1000 + i), PortState::Closed));
    writer.finish(ScanSummary{});
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::remove(path.c_str());
  return text.str();
}

TEST(TextWriterFoldTest, ManyClosedPortsBecomeOneLine) {
  const std::string text = render(30);
  EXPECT_NE(text.find("22/tcp"), std::string::npos);
  EXPECT_EQ(text.find("1000/tcp"), std::string::npos);
  EXPECT_NE(text.find("Not shown: 30 closed tcp ports (reset)"), std::string::npos) << text;
}

TEST(TextWriterFoldTest, FewClosedPortsAreListed) {
  const std::string text = render(5);
  EXPECT_NE(text.find("1004/tcp"), std::string::npos);
  EXPECT_EQ(text.find("Not shown"), std::string::npos) << text;
}

}  // namespace
}  // namespace zeroscan
