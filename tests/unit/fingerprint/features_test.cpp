// Pure derivations on Features: initial TTL, window as MSS multiple, hop
// distance.
#include <gtest/gtest.h>

#include <tuple>

#include "zeroscan/fingerprint/features.h"

namespace zeroscan::fingerprint {
namespace {

class InitialTtlTest : public ::testing::TestWithParam<std::tuple<int, int>> {};

TEST_P(InitialTtlTest, RoundsUpToTheNextCommonStart) {
  const auto [received, expected] = GetParam();
  EXPECT_EQ(initial_ttl(std::uint8_t(received)), expected) << "received TTL " << received;
}

INSTANTIATE_TEST_SUITE_P(Boundaries, InitialTtlTest,
                         ::testing::Values(std::make_tuple(1, 32), std::make_tuple(31, 32),
                                           std::make_tuple(32, 32), std::make_tuple(33, 64),
                                           std::make_tuple(49, 64), std::make_tuple(64, 64),
                                           std::make_tuple(65, 128), std::make_tuple(113, 128),
                                           std::make_tuple(128, 128), std::make_tuple(129, 255),
                                           std::make_tuple(240, 255), std::make_tuple(255, 255)));

class TtlClassTest : public ::testing::TestWithParam<std::tuple<int, int>> {};

// 33..60 is the class of AIX's initial 60; 61..64 rules it out.
TEST_P(TtlClassTest, SplitsSixtyFromSixtyFour) {
  const auto [received, expected] = GetParam();
  EXPECT_EQ(ttl_class(std::uint8_t(received)), expected) << "received TTL " << received;
}

INSTANTIATE_TEST_SUITE_P(Boundaries, TtlClassTest,
                         ::testing::Values(std::make_tuple(32, 32), std::make_tuple(33, 60),
                                           std::make_tuple(59, 60), std::make_tuple(60, 60),
                                           std::make_tuple(61, 64), std::make_tuple(64, 64),
                                           std::make_tuple(65, 128), std::make_tuple(255, 255)));

struct MultipleCase {
  std::uint16_t window;
  std::uint16_t mss;
  bool timestamp;
  std::optional<std::uint16_t> expected;
};

class WindowMssMultipleTest : public ::testing::TestWithParam<MultipleCase> {};

TEST_P(WindowMssMultipleTest, DividesByMssOrByMssLessTimestamp) {
  const MultipleCase& c = GetParam();
  EXPECT_EQ(window_mss_multiple(c.window, c.mss, c.timestamp), c.expected)
      << c.window << " / " << c.mss << (c.timestamp ? " with timestamp" : "");
}

INSTANTIATE_TEST_SUITE_P(
    Windows, WindowMssMultipleTest,
    ::testing::Values(MultipleCase{5840, 1460, false, 4},      // 4 x 1460
                      MultipleCase{14480, 1460, true, 10},     // 10 x 1448
                      MultipleCase{14480, 1460, false, std::nullopt},
                      MultipleCase{29200, 1460, true, 20},     // 20 x 1460 wins over 1448
                      MultipleCase{28960, 1460, true, 20},     // 20 x 1448
                      MultipleCase{8192, 1460, true, std::nullopt},
                      MultipleCase{5808, 1452, false, 4},      // PPPoE-clamped MSS
                      MultipleCase{0, 1460, false, std::nullopt},
                      MultipleCase{1460, 0, false, std::nullopt},
                      MultipleCase{100, 12, true, std::nullopt}));  // MSS-12 = 0: no divisor

TEST(HopDistanceTest, PrefersTheSynAckTtl) {
  Features features;
  EXPECT_EQ(hop_distance(features), std::nullopt);
  RstFeatures rst;
  rst.ttl = 120;
  rst.initial_ttl = 128;
  features.syn_rst = rst;
  EXPECT_EQ(hop_distance(features), 9);
  SynAckFeatures syn_ack;
  syn_ack.ttl = 51;
  syn_ack.initial_ttl = 64;
  features.syn_ack = syn_ack;
  EXPECT_EQ(hop_distance(features), 14);
}

TEST(HopDistanceTest, AnOnLinkHostIsOneHopAwayAsInNmap) {
  Features features;
  SynAckFeatures syn_ack;
  syn_ack.ttl = 64;  // arrived untouched: no router between us
  syn_ack.initial_ttl = 64;
  features.syn_ack = syn_ack;
  EXPECT_EQ(hop_distance(features), 1);
}

TEST(Port0AnswerNamesTest, RoundTrip) {
  for (auto answer : {Port0Answer::None, Port0Answer::Rst, Port0Answer::RstAck,
                      Port0Answer::SynAck, Port0Answer::Icmp, Port0Answer::Other}) {
    EXPECT_EQ(parse_port0_answer(to_string(answer)), answer) << to_string(answer);
  }
  EXPECT_EQ(parse_port0_answer("RST"), std::nullopt);
}

}  // namespace
}  // namespace zeroscan::fingerprint
