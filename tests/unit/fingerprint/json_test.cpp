// JSON for the NDJSON writer and the human one-liner.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "zeroscan/fingerprint/json.h"

namespace zeroscan::fingerprint {
namespace {

TEST(FeaturesJsonTest, WritesWhatWasSeenAndLeavesOutTheRest) {
  Features features;
  SynAckFeatures syn_ack;
  syn_ack.ttl = 57;
  syn_ack.initial_ttl = 64;
  syn_ack.df = true;
  syn_ack.window = 5840;
  syn_ack.window_mss_multiple = 4;
  syn_ack.options = "MNNSNW";
  syn_ack.mss = 1460;
  syn_ack.wscale = 2;
  syn_ack.sack_permitted = true;
  features.syn_ack = syn_ack;
  features.port0_ack = Port0Answer::Rst;
  RetransmissionFeatures timing;
  timing.arrivals_s = {3.0, 9.0};
  timing.give_up = GiveUp::RstAck;
  timing.give_up_window = 0;
  features.retransmissions = timing;

  const nlohmann::json json = features;
  EXPECT_EQ(json["syn_ack"]["initial_ttl"], 64);
  EXPECT_EQ(json["syn_ack"]["options"], "MNNSNW");
  EXPECT_EQ(json["syn_ack"]["window_mss_multiple"], 4);
  EXPECT_EQ(json["syn_ack"]["wscale"], 2);
  EXPECT_FALSE(json["syn_ack"].contains("timestamp_echo"));
  EXPECT_FALSE(json["syn_ack"].contains("ip_id_zero"));
  EXPECT_FALSE(json.contains("syn_rst"));
  EXPECT_FALSE(json.contains("ack_rst"));
  EXPECT_EQ(json["port0"]["ack"], "rst");
  EXPECT_FALSE(json["port0"].contains("syn"));
  EXPECT_EQ(json["retransmissions"]["arrivals_s"], nlohmann::json::array({3.0, 9.0}));
  EXPECT_EQ(json["retransmissions"]["give_up"], "rst-ack");
  EXPECT_EQ(json["retransmissions"]["give_up_window"], 0);
  EXPECT_FALSE(json["retransmissions"].contains("give_up_seq_advanced"));
}

MatchResult linux_result() {
  MatchResult result;
  result.known = true;
  result.label = "Ubuntu";
  result.score = 0.61234;
  result.family = Family::Linux;
  result.family_score = 0.9401;
  result.device = DeviceClass::GeneralPurpose;
  result.unlisted_score = 0.001;
  result.candidates = {{"Ubuntu", Family::Linux, DeviceClass::GeneralPurpose, 0.61234},
                       {"CentOS", Family::Linux, DeviceClass::GeneralPurpose, 0.3},
                       {"FreeBSD", Family::Bsd, DeviceClass::GeneralPurpose, 0.05}};
  result.observed_entry = "new-stack | new stack | unknown | unknown | ttl=64";
  return result;
}

TEST(MatchResultJsonTest, ReportsTheAnswerAndItsAlternatives) {
  const nlohmann::json json = linux_result();
  EXPECT_EQ(json["family"], "Linux");
  EXPECT_EQ(json["label"], "Ubuntu");
  EXPECT_DOUBLE_EQ(json["score"].get<double>(), 0.612);
  EXPECT_DOUBLE_EQ(json["family_score"].get<double>(), 0.94);
  EXPECT_EQ(json["device"], "general-purpose");
  ASSERT_EQ(json["alternatives"].size(), 2u) << "the answer is not its own alternative";
  EXPECT_EQ(json["alternatives"][0]["label"], "CentOS");
  EXPECT_EQ(json["alternatives"][1]["family"], "BSD");
  EXPECT_EQ(json["observed_entry"], "new-stack | new stack | unknown | unknown | ttl=64");
}

TEST(MatchResultJsonTest, UnknownKeepsEveryCandidateAsAlternative) {
  MatchResult result = linux_result();
  result.known = false;
  result.label = "unknown";
  const nlohmann::json json = result;
  EXPECT_EQ(json["label"], "unknown");
  EXPECT_EQ(json["alternatives"].size(), 3u);
}

TEST(SummaryTest, ShowsTheFamilyWithItsScore) {
  MatchResult result = linux_result();
  EXPECT_EQ(summary(result), "Linux (94%)");
  result.family = Family::Unknown;
  EXPECT_EQ(summary(result), "unknown") << "a label is never shown without its family";
}

}  // namespace
}  // namespace zeroscan::fingerprint
