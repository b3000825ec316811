// learn_entry and signature_line, and the agreement between the C++
// learner and scripts/convert-hershel on the committed database.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "test_support.h"
#include "zeroscan/fingerprint/database.h"
#include "zeroscan/fingerprint/hershel_import.h"
#include "zeroscan/fingerprint/learn.h"

namespace zeroscan::fingerprint {
namespace {

Features observation(std::uint16_t window, std::vector<double> arrivals) {
  Features features;
  SynAckFeatures syn_ack;
  syn_ack.ttl = 60;
  syn_ack.initial_ttl = 64;
  syn_ack.df = true;
  syn_ack.window = window;
  syn_ack.options = "MSTNW";
  syn_ack.mss = 1460;
  features.syn_ack = syn_ack;
  RetransmissionFeatures timing;
  timing.arrivals_s = std::move(arrivals);
  features.retransmissions = timing;
  return features;
}

const EntryIdentity kIdentity{"lab-x", "Lab X", Family::Linux, DeviceClass::Server};

TEST(LearnEntryTest, WeighsValuesByCountHeaviestFirst) {
  const Entry entry = learn_entry(
      kIdentity, {observation(100, {}), observation(200, {}), observation(200, {})});
  EXPECT_EQ(entry.id, "lab-x");
  EXPECT_EQ(entry.samples, 3);
  ASSERT_EQ(entry.syn_ack.window.size(), 2u);
  EXPECT_EQ(entry.syn_ack.window[0].value.bytes, 200);
  EXPECT_EQ(entry.syn_ack.window[0].weight, 2);
  EXPECT_EQ(entry.syn_ack.window[1].value.bytes, 100);
  EXPECT_EQ(entry.syn_ack.window[1].weight, 1);
  ASSERT_EQ(entry.syn_ack.initial_ttl.size(), 1u);
  EXPECT_EQ(entry.syn_ack.initial_ttl[0].weight, 3);
  EXPECT_TRUE(entry.syn_rst.window.empty()) << "never observed: no expectation";
}

TEST(LearnEntryTest, AveragesRetransmissionGapsPerPosition) {
  // Gaps (3, 6) and (3.2, 6.2); the third sample lost its tail.
  const Entry entry = learn_entry(kIdentity, {observation(1, {3.0, 9.0}),
                                              observation(1, {3.2, 9.4}), observation(1, {3.1})});
  ASSERT_TRUE(entry.retransmissions.gaps);
  const auto& gaps = *entry.retransmissions.gaps;
  ASSERT_EQ(gaps.size(), 2u) << "the most common count wins";
  EXPECT_NEAR(gaps[0].mean_s, 3.1, 1e-12);
  EXPECT_NEAR(gaps[0].spread_s, std::sqrt(0.02 / 3), 1e-12);
  EXPECT_NEAR(gaps[1].mean_s, 6.1, 1e-12);
  EXPECT_NEAR(gaps[1].spread_s, 0.1, 1e-12);
}

TEST(LearnEntryTest, UntimedObservationsLeaveTheGapsUnknown) {
  Features untimed = observation(1, {});
  untimed.retransmissions.reset();
  EXPECT_FALSE(learn_entry(kIdentity, {untimed}).retransmissions.gaps);
}

TEST(SignatureLineTest, IsALoadableDatabaseLine) {
  Features features = observation(29200, {1.0, 3.0});
  features.port0_syn = Port0Answer::RstAck;
  const std::string line = signature_line(features);
  EXPECT_EQ(line,
            "new-stack | new stack | unknown | unknown | ttl=64 df=yes window=29200 "
            "options=MSTNW mss=1460 port0.syn=rst-ack giveup=none rto=1.000~0.000,2.000~0.000");
  const Database database = parse_database(line, "pasted");
  ASSERT_EQ(database.entries.size(), 1u);
  EXPECT_EQ(database.entries[0].syn_ack.window[0].value.bytes, 29200);
}

// scripts/convert-hershel (Python) and learn_entry (C++) must aggregate
// alike: the evaluation learns in C++, users get the Python output.
TEST(LearnEntryTest, AgreesWithTheConvertedHershelDatabase) {
  const std::string path = testing::hershel_path("420OS_db.txt");
  const std::string text = testing::read_text(path);
  ASSERT_FALSE(text.empty()) << "Hershel+ data missing at " << path;
  std::map<int, std::vector<Features>> by_class;
  for (auto& observation : parse_hershel_observations(text, path)) {
    by_class[observation.class_id].push_back(std::move(observation.features));
  }
  std::map<std::string, const Entry*> converted;
  const Database database = load_builtin_database();
  for (const Entry& entry : database.entries) converted[entry.id] = &entry;

  int compared = 0;
  for (const auto& [class_id, observations] : by_class) {
    const auto it = converted.find(hershel_entry_id(class_id));
    if (it == converted.end()) continue;  // an anonymous class the converter left out
    const Entry& file_entry = *it->second;
    const Entry learned = learn_entry(
        {file_entry.id, file_entry.label, file_entry.family, file_entry.device}, observations);
    EXPECT_EQ(format_entry(learned), format_entry(file_entry));
    ++compared;
  }
  EXPECT_EQ(compared, 347);
}

}  // namespace
}  // namespace zeroscan::fingerprint
