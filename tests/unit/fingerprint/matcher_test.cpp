// The matcher on real stacks: a database learned from Hershel+ with one
// observation per class held out, then the held-out samples clean, noisy
// and replaced by nonsense.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "test_support.h"
#include "zeroscan/fingerprint/database.h"
#include "zeroscan/fingerprint/hershel_import.h"
#include "zeroscan/fingerprint/learn.h"
#include "zeroscan/fingerprint/matcher.h"

namespace zeroscan::fingerprint {
namespace {

class HeldOutHershel : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string path = testing::hershel_path("420OS_db.txt");
    const std::string text = testing::read_text(path);
    ASSERT_FALSE(text.empty()) << "Hershel+ data missing at " << path;
    std::map<int, std::vector<Features>> training;
    held_out_ = new std::map<int, Features>;
    for (auto& observation : parse_hershel_observations(text, path)) {
      if (!held_out_->count(observation.class_id)) {
        held_out_->emplace(observation.class_id, std::move(observation.features));
      } else {
        training[observation.class_id].push_back(std::move(observation.features));
      }
    }
    identities_ = new std::map<int, EntryIdentity>;
    for (const Entry& entry : load_builtin_database().entries) {
      // Only the Hershel+ entries ("hershel-N") map to the data's class ids;
      // entries measured elsewhere (fingerprints/lab.txt) have other ids.
      if (entry.id.rfind("hershel-", 0) != 0) continue;
      const int class_id = std::stoi(entry.id.substr(entry.id.find('-') + 1));
      (*identities_)[class_id] = {entry.id, entry.label, entry.family, entry.device};
    }
    database_ = new Database;
    for (const auto& [class_id, features] : training) {
      // Anonymous classes the converter left out have no identity.
      if (!identities_->count(class_id)) continue;
      database_->entries.push_back(learn_entry(identities_->at(class_id), features));
    }
    matcher_ = new Matcher(*database_);
  }

  static void TearDownTestSuite() {
    delete matcher_;
    delete database_;
    delete identities_;
    delete held_out_;
  }

  static Features sample(int class_id) { return held_out_->at(class_id); }
  static const EntryIdentity& truth(int class_id) { return identities_->at(class_id); }

  static std::map<int, Features>* held_out_;
  static std::map<int, EntryIdentity>* identities_;
  static Database* database_;
  static Matcher* matcher_;
};

std::map<int, Features>* HeldOutHershel::held_out_ = nullptr;
std::map<int, EntryIdentity>* HeldOutHershel::identities_ = nullptr;
Database* HeldOutHershel::database_ = nullptr;
Matcher* HeldOutHershel::matcher_ = nullptr;

// Stacks of different families, each with a signature no other label shares.
const int kDistinctStacks[] = {
    6,    // SUSE Linux
    8,    // Windows 7 / 2008 R2
    53,   // Cisco IOS
    116,  // FreeBSD
    256,  // Solaris 9 / Solaris 10
    46,   // Mac OSX Server
    3,    // Canon MF4500 Series
    62,   // Axis 2100 Network Camera
};

class CleanSampleTest : public HeldOutHershel, public ::testing::WithParamInterface<int> {};

TEST_P(CleanSampleTest, GetsItsOwnLabelAndFamily) {
  const MatchResult result = matcher_->match(sample(GetParam()));
  EXPECT_TRUE(result.known) << result.observed_entry;
  EXPECT_EQ(result.label, truth(GetParam()).label) << result.observed_entry;
  EXPECT_EQ(result.family, truth(GetParam()).family);
  EXPECT_GT(result.score, 0.5);
  EXPECT_LE(result.score, 1.0);
  EXPECT_LT(result.unlisted_score, 0.01);
}

INSTANTIATE_TEST_SUITE_P(Hershel, CleanSampleTest, ::testing::ValuesIn(kDistinctStacks));

enum class Noise { WindowChanged, MssDropped, TimestampDropped, TtlShrunk, RetransmissionLost,
                   RetransmissionsTruncated, AllAtOnce };

const char* name_of(Noise noise) {
  switch (noise) {
    case Noise::WindowChanged: return "WindowChanged";
    case Noise::MssDropped: return "MssDropped";
    case Noise::TimestampDropped: return "TimestampDropped";
    case Noise::TtlShrunk: return "TtlShrunk";
    case Noise::RetransmissionLost: return "RetransmissionLost";
    case Noise::RetransmissionsTruncated: return "RetransmissionsTruncated";
    case Noise::AllAtOnce: return "AllAtOnce";
  }
  return "?";
}

std::string noisy_case_name(const ::testing::TestParamInfo<std::tuple<int, Noise>>& info) {
  return "Class" + std::to_string(std::get<0>(info.param)) + name_of(std::get<1>(info.param));
}

Features disturb(Features features, Noise noise) {
  SynAckFeatures& syn_ack = *features.syn_ack;
  auto& arrivals = features.retransmissions->arrivals_s;
  const auto drop = [&](char kind) {
    const auto at = syn_ack.options.find(kind);
    if (at != std::string::npos) syn_ack.options.erase(at, 1);
  };
  switch (noise) {
    case Noise::WindowChanged:
      syn_ack.window = 12345;
      syn_ack.window_mss_multiple.reset();
      break;
    case Noise::MssDropped:
      drop('M');
      syn_ack.mss.reset();
      syn_ack.window_mss_multiple.reset();
      break;
    case Noise::TimestampDropped:
      drop('T');
      syn_ack.timestamp = false;
      break;
    case Noise::TtlShrunk:
      syn_ack.ttl = std::uint8_t(syn_ack.initial_ttl - 15);
      syn_ack.initial_ttl = initial_ttl(syn_ack.ttl);
      break;
    case Noise::RetransmissionLost:
      arrivals.erase(arrivals.begin() + 1);
      break;
    case Noise::RetransmissionsTruncated:
      arrivals.resize(1);
      break;
    case Noise::AllAtOnce:
      for (Noise each : {Noise::WindowChanged, Noise::MssDropped, Noise::TtlShrunk,
                         Noise::RetransmissionLost}) {
        features = disturb(features, each);
      }
      break;
  }
  return features;
}

class NoisySampleTest : public HeldOutHershel,
                        public ::testing::WithParamInterface<std::tuple<int, Noise>> {};

TEST_P(NoisySampleTest, StillGetsItsLabel) {
  const auto [class_id, noise] = GetParam();
  const Features clean = sample(class_id);
  const Features noisy = disturb(clean, noise);
  ASSERT_TRUE(signature_line(noisy) != signature_line(clean) ||
              noisy.syn_ack->ttl != clean.syn_ack->ttl)
      << "the noise changed nothing";
  const MatchResult result = matcher_->match(noisy);
  EXPECT_EQ(result.candidates.front().label, truth(class_id).label) << result.observed_entry;
  EXPECT_TRUE(result.known) << result.observed_entry;
}

// SUSE Linux (5 retransmissions) and Solaris (7 retransmissions, timestamp
// option first): every kind of noise.
INSTANTIATE_TEST_SUITE_P(
    LinuxAndSolaris, NoisySampleTest,
    ::testing::Combine(::testing::Values(6, 256),
                       ::testing::Values(Noise::WindowChanged, Noise::MssDropped,
                                         Noise::TimestampDropped, Noise::TtlShrunk,
                                         Noise::RetransmissionLost,
                                         Noise::RetransmissionsTruncated, Noise::AllAtOnce)),
    noisy_case_name);

// Windows 7: not with its MSS gone, because Hershel+ holds a stack labelled
// CentOS (hershel-252) that differs from it only by the MSS, and a Windows
// 2008 stack (hershel-334) that sends no MSS at all: without the option
// those are honest ties, not matcher errors.
INSTANTIATE_TEST_SUITE_P(
    Windows, NoisySampleTest,
    ::testing::Combine(::testing::Values(8),
                       ::testing::Values(Noise::WindowChanged, Noise::TimestampDropped,
                                         Noise::TtlShrunk, Noise::RetransmissionLost,
                                         Noise::RetransmissionsTruncated)),
    noisy_case_name);

Features nonsense() {
  Features features;
  SynAckFeatures syn_ack;
  syn_ack.ttl = 20;
  syn_ack.initial_ttl = 32;
  syn_ack.df = false;
  syn_ack.window = 1234;
  syn_ack.options = "TTWM";
  syn_ack.mss = 77;
  features.syn_ack = syn_ack;
  RetransmissionFeatures timing;
  timing.arrivals_s = {0.7, 50.7, 51.0};
  features.retransmissions = timing;
  return features;
}

TEST_F(HeldOutHershel, NonsenseIsUnknownWithAPasteableSignature) {
  const MatchResult result = matcher_->match(nonsense());
  EXPECT_FALSE(result.known);
  EXPECT_EQ(result.label, "unknown");
  EXPECT_EQ(result.family, Family::Unknown);
  EXPECT_GT(result.unlisted_score, 0.99);
  EXPECT_EQ(result.observed_entry,
            "new-stack | new stack | unknown | unknown | ttl=32 df=no window=1234 options=TTWM "
            "mss=77 giveup=none rto=0.700~0.000,50.000~0.000,0.300~0.000");
  EXPECT_EQ(summary(result), "unknown");
}

TEST_F(HeldOutHershel, APastedSignatureTeachesTheMatcher) {
  std::string line = matcher_->match(nonsense()).observed_entry;
  line.replace(0, line.find(" | unknown | unknown |"), "lab-odd | Odd Lab Stack");
  line.replace(line.find("unknown | unknown"), 17, "embedded | sensor");
  Database extended = *database_;
  for (Entry& entry : parse_database(line, "pasted").entries) {
    extended.entries.push_back(std::move(entry));
  }
  const MatchResult result = Matcher(extended).match(nonsense());
  EXPECT_TRUE(result.known);
  EXPECT_EQ(result.label, "Odd Lab Stack");
  EXPECT_EQ(result.device, DeviceClass::Sensor);
}

TEST_F(HeldOutHershel, FamilyCollectsWhatLabelsSplit) {
  // Without timing, this Windows signature fits several Windows labels.
  Features features = sample(167);
  features.retransmissions.reset();
  const MatchResult result = matcher_->match(features);
  ASSERT_GE(result.candidates.size(), 2u);
  EXPECT_EQ(result.candidates[0].family, Family::Windows);
  EXPECT_EQ(result.candidates[1].family, Family::Windows);
  EXPECT_EQ(result.family, Family::Windows);
  EXPECT_GT(result.family_score, result.candidates[0].score + result.candidates[1].score - 1e-9);
  EXPECT_EQ(summary(result).rfind("Windows (", 0), 0u) << summary(result);
}

TEST_F(HeldOutHershel, NothingObservedIsUnknown) {
  const MatchResult result = matcher_->match(Features{});
  EXPECT_FALSE(result.known);
  EXPECT_EQ(result.family, Family::Unknown);
  double total = result.unlisted_score;
  for (const auto& family : result.families) total += family.score;
  EXPECT_LE(total, 1.0 + 1e-9);
}

TEST(MatcherTest, EmptyDatabaseKnowsNothing) {
  const MatchResult result = Matcher(Database{}).match(Features{});
  EXPECT_FALSE(result.known);
  EXPECT_EQ(result.unlisted_score, 1.0);
  EXPECT_TRUE(result.candidates.empty());
}

// Two made-up stacks that differ in every SYN-ACK feature but the MSS, so
// each test below isolates one part of the noise model.
const char* const kTwoStacks =
    "linuxish | Linuxish | Linux | server | ttl=64 df=yes window=5840 options=MSTNW mss=1460\n"
    "windowsish | Windowsish | Windows | server | ttl=128 df=yes window=8192 options=MNW "
    "mss=1460\n";

// A label's score among the result's candidates; 0 when it is not one.
double score_of(const MatchResult& result, const std::string& label) {
  for (const Candidate& candidate : result.candidates) {
    if (candidate.label == label) return candidate.score;
  }
  return 0.0;
}

Features linuxish() {
  SynAckFeatures syn_ack;
  syn_ack.ttl = 64;
  syn_ack.initial_ttl = 64;
  syn_ack.df = true;
  syn_ack.window = 5840;
  syn_ack.options = "MSTNW";
  syn_ack.mss = 1460;
  syn_ack.timestamp = true;
  syn_ack.sack_permitted = true;
  Features features;
  features.syn_ack = syn_ack;
  return features;
}

TEST(MatcherNoiseModelTest, AChangedWindowLosesToEverythingElse) {
  Features features = linuxish();
  features.syn_ack->window = 8192;  // the other stack's window
  const MatchResult result = Matcher(parse_database(kTwoStacks, "inline")).match(features);
  ASSERT_EQ(result.candidates.size(), 2u);
  EXPECT_EQ(result.candidates[0].label, "Linuxish");
  EXPECT_GT(result.candidates[0].score, 10 * result.candidates[1].score)
      << "unlisted " << result.unlisted_score;
}

TEST(MatcherNoiseModelTest, AStrippedOptionIsCloserThanAnotherLayout) {
  Features features = linuxish();
  features.syn_ack->options = "MSNW";  // timestamp stripped on the way
  features.syn_ack->timestamp = false;
  const Database database = parse_database(
      "linuxish | Linuxish | Linux | server | ttl=64 options=MSTNW\n"
      "other | Other | BSD | server | ttl=64 options=MNW\n",
      "inline");
  const MatchResult result = Matcher(database).match(features);
  EXPECT_EQ(result.candidates.front().label, "Linuxish");
  EXPECT_GT(result.candidates.front().score, 0.8);
}

TEST(MatcherNoiseModelTest, HopsDoNotChangeTheInitialTtl) {
  Features features = linuxish();
  features.syn_ack->ttl = 64 - 17;
  features.syn_ack->initial_ttl = initial_ttl(features.syn_ack->ttl);
  const MatchResult result = Matcher(parse_database(kTwoStacks, "inline")).match(features);
  EXPECT_EQ(result.label, "Linuxish");
}

TEST(MatcherTest, WindowInMssUnitsSurvivesMssClamping) {
  const Database database = parse_database(
      "linuxish | Segments | Linux | server | ttl=64 window=mss*20 options=MSTNW mss=1460\n"
      "bytes | Bytes | BSD | server | ttl=64 window=28960 options=MSTNW mss=1460\n",
      "inline");
  Features features;
  SynAckFeatures syn_ack;
  syn_ack.ttl = 64;
  syn_ack.initial_ttl = 64;
  syn_ack.options = "MSTNW";
  syn_ack.timestamp = true;
  syn_ack.mss = 1400;  // clamped on the path
  syn_ack.window = 20 * (1400 - 12);
  syn_ack.window_mss_multiple = 20;
  features.syn_ack = syn_ack;
  const MatchResult result = Matcher(database).match(features);
  EXPECT_EQ(result.candidates.front().label, "Segments");
}

// Memory size and sysctls move a Linux-like stack's window from one whole
// number of segments to another; the rule itself holds. A window of 30
// segments thus favours the entry whose windows are segments (listed as 20)
// over one listed in bytes, and without the rule's share the two tie.
TEST(MatcherTest, AnotherWholeNumberOfSegmentsKeepsTheSegmentRule) {
  const char* const text =
      "segments | Segments | Linux | server | ttl=64 window=mss*20 options=MSTNW mss=1460\n"
      "bytes | Bytes | BSD | server | ttl=64 window=65535 options=MSTNW mss=1460\n";
  Features features = linuxish();
  features.syn_ack->window = 30 * (1460 - 12);
  features.syn_ack->window_mss_multiple = 30;
  features.syn_ack->mss = 1460;
  const MatchResult with_rule = Matcher(parse_database(text, "inline")).match(features);
  EXPECT_GT(score_of(with_rule, "Segments"), 2 * score_of(with_rule, "Bytes"));
  MatcherOptions no_rule;
  no_rule.window_rule_share = 0;
  const MatchResult without = Matcher(parse_database(text, "inline"), no_rule).match(features);
  EXPECT_NEAR(score_of(without, "Segments"), score_of(without, "Bytes"), 1e-9);
}

// TTLs only go down: a path of more than 32 hops takes a 64 below 33, where
// it reads as an initial TTL of 32, but nothing makes a 32 read as 64.
TEST(MatcherNoiseModelTest, ALongPathReadsA64As32NeverTheOtherWayRound) {
  const Database database = parse_database(
      "sixtyfour | Sixty-four | Linux | server | ttl=64 window=5840\n"
      "onetwentyeight | One-twenty-eight | Windows | server | ttl=128 window=5840\n"
      "thirtytwo | Thirty-two | embedded | server | ttl=32 window=5840\n",
      "inline");
  const Matcher matcher(database);
  Features far = linuxish();
  far.syn_ack->ttl = 64 - 40;
  far.syn_ack->initial_ttl = initial_ttl(far.syn_ack->ttl);
  ASSERT_EQ(far.syn_ack->initial_ttl, 32);
  const MatchResult from_far = matcher.match(far);
  EXPECT_GT(score_of(from_far, "Sixty-four"), 2 * score_of(from_far, "One-twenty-eight"));
  Features sixty_four = linuxish();  // initial 64: the 32 stack cannot be behind it
  const MatchResult near = matcher.match(sixty_four);
  EXPECT_NEAR(score_of(near, "Thirty-two"), score_of(near, "One-twenty-eight"), 1e-9);
}

// AIX starts its TTL at 60. Received at 61..64 a reply cannot be AIX's; at
// 33..60 it is AIX nearby or a 64-stack four or more hops away, so the
// 64-stack keeps ttl_four_hops of its probability there.
TEST(MatcherNoiseModelTest, ATtlOfSixtyOneToSixtyFourRulesOutAStackStartingAtSixty) {
  const Database database = parse_database(
      "sixtyfour | Sixty-four | BSD | server | ttl=64 window=16384 options=M\n"
      "sixty | Sixty | AIX | server | ttl=60 window=16384 options=M\n",
      "inline");
  const Matcher matcher(database);
  Features features = linuxish();
  features.syn_ack->window = 16384;
  features.syn_ack->options = "M";
  features.syn_ack->timestamp = false;
  features.syn_ack->sack_permitted = false;
  features.syn_ack->ttl = 63;  // one router from a 64-stack
  features.syn_ack->initial_ttl = initial_ttl(63);
  EXPECT_EQ(matcher.match(features).family, Family::Bsd);
  features.syn_ack->ttl = 60;  // AIX on the link, or a 64-stack 4 hops away
  features.syn_ack->initial_ttl = initial_ttl(60);
  const MatchResult sixty = matcher.match(features);
  ASSERT_EQ(sixty.candidates.size(), 2u);
  EXPECT_EQ(sixty.candidates[0].label, "Sixty");
  EXPECT_LT(sixty.candidates[0].score, 3 * sixty.candidates[1].score)
      << "a far 64-stack stays a real possibility";
}

// The built-in database knows AIX only from IBM's documented defaults
// (fingerprints/vendor-defaults.txt): TTL 60, DF, the MSS alone, a window
// of 65535 or 16384; or with RFC 1323 on, the BSD option order.
TEST(MatcherFamilyTest, AnAixHostOnTheLinkIsNamedAixFromItsDocumentedDefaults) {
  const Matcher matcher(load_builtin_database());
  Features aix;
  SynAckFeatures syn_ack;
  syn_ack.ttl = 60;
  syn_ack.initial_ttl = initial_ttl(60);
  syn_ack.df = true;
  syn_ack.window = 65535;
  syn_ack.options = "M";
  syn_ack.mss = 1460;
  aix.syn_ack = syn_ack;
  EXPECT_EQ(matcher.match(aix).family, Family::Aix);
  Features rfc1323 = aix;
  rfc1323.syn_ack->options = "MNWNNT";
  rfc1323.syn_ack->wscale = 2;
  rfc1323.syn_ack->timestamp = true;
  rfc1323.syn_ack->timestamp_echoes_ours = true;
  EXPECT_EQ(matcher.match(rfc1323).family, Family::Aix);
  Features sixty_four = aix;  // the same SYN-ACK from a stack that starts at 64
  sixty_four.syn_ack->ttl = 64;
  sixty_four.syn_ack->initial_ttl = 64;
  EXPECT_NE(matcher.match(sixty_four).family, Family::Aix);
}

// Loss comes in bursts: five copies of a doubling series lost in a row
// still read as that series, not as an unknown stack.
TEST(MatcherNoiseModelTest, ABurstOfLostRetransmissionsStillFitsTheTimeouts) {
  const Database database = parse_database(
      "doubling | Doubling | Linux | server | rto=1~0.01,2~0.02,4~0.04,8~0.08,16~0.16,32~0.32\n"
      "other | Other | Windows | server | rto=3~0.05,6~0.05,12~0.1\n",
      "inline");
  Features features;
  RetransmissionFeatures timing;
  timing.arrivals_s = {1.0, 63.0};  // the copies at 3, 7, 15 and 31 s lost
  features.retransmissions = timing;
  const MatchResult result = Matcher(database).match(features);
  EXPECT_EQ(result.candidates.front().label, "Doubling");
  EXPECT_GT(result.candidates.front().score, 0.9) << "unlisted " << result.unlisted_score;
}

// A reply can be lost but never appear from nowhere: "no give-up RST" says
// less against a stack that sends one than a RST says against a silent one.
TEST(MatcherNoiseModelTest, AMissingReplyIsWeakerEvidenceThanAnUnexpectedOne) {
  const Database database = parse_database(
      "resets | Resets | Linux | server | giveup=rst\n"
      "silent | Silent | BSD | server | giveup=none\n",
      "inline");
  const Matcher matcher(database);
  auto odds = [&](GiveUp seen) {
    Features features;
    RetransmissionFeatures timing;
    timing.give_up = seen;
    features.retransmissions = timing;
    const MatchResult result = matcher.match(features);
    return result.candidates[0].score / result.candidates[1].score;
  };
  EXPECT_GT(odds(GiveUp::Rst), 2 * odds(GiveUp::None));
}

// Labels are ranked with an even prior over labels: the family-first prior
// decides families, but a stack is not a likelier label for belonging to a
// family with few labels. Two identical stacks tie whatever their families.
TEST(MatcherFamilyTest, LabelsRankWithoutTheirFamilysSize) {
  std::string text = "lonely | Lonely | Solaris | server | ttl=64 df=yes window=5840 options=MSTNW\n";
  text += "twin | Twin | Linux | server | ttl=64 df=yes window=5840 options=MSTNW\n";
  for (int i = 0; i < 4; ++i) {
    text += "l" + std::to_string(i) + " | Linux " + std::to_string(i) +
            " | Linux | server | ttl=64 df=yes window=" + std::to_string(29200 + i) + " options=MNW\n";
  }
  const MatchResult result = Matcher(parse_database(text, "inline")).match(linuxish());
  ASSERT_GE(result.candidates.size(), 2u);
  EXPECT_NEAR(result.candidates[0].score, result.candidates[1].score, 1e-9)
      << result.candidates[0].label << " vs " << result.candidates[1].label;
}

// Issue 13: the prior is over families, not entries. A host that shows
// only what both families share must not go to the one with more entries.
TEST(MatcherFamilyTest, ManyEntriesDoNotOutweighAFamilyWithOne) {
  std::string text;
  for (int i = 0; i < 10; ++i) {
    text += "p" + std::to_string(i) + " | Printer " + std::to_string(i) +
            " | embedded | printer | ttl=64 df=yes window=" + std::to_string(4096 + i) + "\n";
  }
  text += "bsd | FreeBSD | BSD | general-purpose | ttl=64 df=yes window=65535\n";
  Features features = linuxish();
  features.syn_ack->window = 12345;  // neither family's window
  const MatchResult result = Matcher(parse_database(text, "inline")).match(features);
  ASSERT_GE(result.families.size(), 2u);
  EXPECT_NEAR(result.families[0].score, result.families[1].score, 0.05);
  EXPECT_EQ(result.family, Family::Unknown) << "no family is likely enough to name";
}

// A rare option layout shared with a single device used to decide alone
// (likelihood ratio ~460: OpenBSD named "NetApp"); one feature's ratio is
// now capped, so the other features still count.
TEST(MatcherFamilyTest, ARareLayoutSharedWithOneDeviceDoesNotDecideAlone) {
  const Database database = parse_database(
      "bsd1 | OpenBSD-ish | BSD | general-purpose | ttl=64 df=yes ipid=nonzero window=16384 "
      "options=MNNSNWNNT mss=1460\n"
      "bsd2 | FreeBSD-ish | BSD | general-purpose | ttl=64 df=yes ipid=nonzero window=16384 "
      "options=MNWST mss=1460\n"
      "dev | Storage box | embedded | storage | ttl=64 df=no ipid=zero window=8760 "
      "options=MNNSNWNNTE mss=1460\n",
      "inline");
  Features features = linuxish();
  features.syn_ack->options = "MNNSNWNNTE";  // the device's rare layout...
  features.syn_ack->window = 16384;           // ...but BSD's window, DF and IP ID
  features.syn_ack->ip_id_zero = false;
  const MatchResult result = Matcher(database).match(features);
  EXPECT_EQ(result.families.front().family, Family::Bsd);
  ASSERT_FALSE(result.evidence.empty());
  EXPECT_LE(result.evidence.front().log_ratio, std::log(MatcherOptions{}.max_feature_ratio) + 1e-9);
}

TEST(MatcherFamilyTest, TheResultNamesTheDecidingEvidence) {
  const MatchResult result = Matcher(parse_database(kTwoStacks, "inline")).match(linuxish());
  ASSERT_EQ(result.family, Family::Linux);
  ASSERT_FALSE(result.evidence.empty());
  for (std::size_t i = 1; i < result.evidence.size(); ++i) {
    EXPECT_GE(result.evidence[i - 1].log_ratio, result.evidence[i].log_ratio);
  }
  bool names_window = false;
  for (const Evidence& item : result.evidence) {
    EXPECT_GT(item.log_ratio, 0) << item.feature;
    names_window |= item.feature == "window" && item.value == "5840";
  }
  EXPECT_TRUE(names_window) << "the window only Linuxish sends";
}

// On Linux and lwIP the answer from port 0 is the closed port's RST again:
// seen twice, it is still one piece of evidence.
TEST(MatcherFamilyTest, APort0AnswerRepeatingTheClosedPortRstCountsOnce) {
  const Database database = parse_database(
      "a | A | Linux | server | ttl=64 synrst.flags=rst-ack port0.syn=rst-ack\n"
      "b | B | BSD | server | ttl=64 synrst.flags=rst port0.syn=rst\n",
      "inline");
  const Matcher matcher(database);
  Features rst_only;
  RstFeatures rst;
  rst.ttl = rst.initial_ttl = 64;
  rst.ack_flag = true;
  rst_only.syn_rst = rst;
  Features both = rst_only;
  both.port0_syn = Port0Answer::RstAck;
  EXPECT_NEAR(matcher.match(both).family_score, matcher.match(rst_only).family_score, 1e-9);
  Features different = rst_only;
  different.port0_syn = Port0Answer::None;  // a different policy is evidence of its own
  EXPECT_NE(matcher.match(different).family_score, matcher.match(rst_only).family_score);
}

}  // namespace
}  // namespace zeroscan::fingerprint
