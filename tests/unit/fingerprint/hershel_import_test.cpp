// Hershel+ rows as Features.
#include <gtest/gtest.h>

#include "zeroscan/core/errors.h"
#include "zeroscan/fingerprint/hershel_import.h"

namespace zeroscan::fingerprint {
namespace {

TEST(HershelImportTest, ReadsARowAsATimedSynAck) {
  const auto observations = parse_hershel_observations(
      "1,8192,128,1,MNWST,7331,1460,1,0,0,1,0,2.999369,9.000088,21.000468\r\n", "db.txt");
  ASSERT_EQ(observations.size(), 1u);
  EXPECT_EQ(observations[0].class_id, 1);
  const Features& features = observations[0].features;
  ASSERT_TRUE(features.syn_ack);
  EXPECT_EQ(features.syn_ack->window, 8192);
  EXPECT_EQ(features.syn_ack->initial_ttl, 128);
  EXPECT_EQ(features.syn_ack->df, true);
  EXPECT_EQ(features.syn_ack->options, "MNWST");
  EXPECT_EQ(features.syn_ack->mss, 1460);
  EXPECT_TRUE(features.syn_ack->sack_permitted);
  EXPECT_TRUE(features.syn_ack->timestamp);
  EXPECT_EQ(features.syn_ack->wscale, std::nullopt) << "Hershel+ does not record the scale";
  ASSERT_TRUE(features.retransmissions);
  EXPECT_EQ(features.retransmissions->arrivals_s,
            (std::vector<double>{2.999369, 9.000088, 21.000468}));
  EXPECT_EQ(features.retransmissions->give_up, GiveUp::Rst);
  EXPECT_EQ(features.retransmissions->give_up_window, 0);
  EXPECT_EQ(features.retransmissions->give_up_seq_advanced, true);
}

TEST(HershelImportTest, XMeansNoOptionsAndNoMss) {
  const auto observations =
      parse_hershel_observations("7,4128,255,0,X,0,0,0,0,0,0,0\n", "db.txt");
  ASSERT_EQ(observations.size(), 1u);
  const Features& features = observations[0].features;
  EXPECT_EQ(features.syn_ack->options, "");
  EXPECT_EQ(features.syn_ack->mss, std::nullopt);
  EXPECT_TRUE(features.retransmissions->arrivals_s.empty());
  EXPECT_EQ(features.retransmissions->give_up, GiveUp::None);
  EXPECT_EQ(features.retransmissions->give_up_window, std::nullopt);
}

TEST(HershelImportTest, ReportsEveryBadRowWithItsLine) {
  const std::string text =
      "1,8192,128,1,MNWST,7331,1460,1,0,0,1,0\n"
      "2,8192,128,1,MNWST\n"
      "\n"
      "3,99999,64,1,M,1,1460,0,0,0,0,0\n"
      "4,8192,64,1,MZ,1,1460,0,0,0,0,0\n"
      "5,8192,64,1,M,1,1460,0,0,0,0,0,1.5,soon\n";
  try {
    parse_hershel_observations(text, "db.txt");
    FAIL() << "expected a DataError";
  } catch (const DataError& error) {
    const std::string message = error.what();
    EXPECT_EQ(message.find("db.txt:1:"), std::string::npos) << message;
    EXPECT_NE(message.find("db.txt:2: want at least 12"), std::string::npos) << message;
    EXPECT_NE(message.find("db.txt:4: a numeric column is out of range"), std::string::npos)
        << message;
    EXPECT_NE(message.find("db.txt:5: bad options layout 'MZ'"), std::string::npos) << message;
    EXPECT_NE(message.find("db.txt:6: bad retransmission time 'soon'"), std::string::npos)
        << message;
  }
}

}  // namespace
}  // namespace zeroscan::fingerprint
