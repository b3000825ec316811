// Resume files round-trip, and bad ones are refused with one clear line.
#include "zeroscan/cli/resume_file.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <unistd.h>

#include "zeroscan/core/errors.h"

namespace zeroscan {
namespace {

std::string temp_path(const char* name) { return ::testing::TempDir() + name; }

void write_text(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

TEST(ResumeFileTest, RoundTrips) {
  const std::string path = temp_path("zs_resume_roundtrip.json");
  const ResumeState state{{"-p", "22,80", "198.18.0.0/16"}, 0xfedcba9876543210ULL, {12, 99999}};
  write_resume_file(path, state);
  const ResumeState back = read_resume_file(path);
  EXPECT_EQ(back.args, state.args);
  EXPECT_EQ(back.seed, state.seed);
  EXPECT_EQ(back.positions, state.positions);
  std::remove(path.c_str());
}

// A Ctrl-C during a resumed scan rewrites the file it resumed from: through
// a temporary file renamed into place, so a crash mid-write never leaves a
// broken resume file where a good one was.
TEST(ResumeFileTest, IsReplacedThroughATemporaryFile) {
  const std::string path = temp_path("zs_resume_replaced.json");
  write_resume_file(path, ResumeState{{"198.18.0.0/24"}, 1, {5}});
  const std::string other_name = temp_path("zs_resume_replaced.link");
  std::remove(other_name.c_str());
  ASSERT_EQ(::link(path.c_str(), other_name.c_str()), 0);  // a second name of the first file
  write_resume_file(path, ResumeState{{"198.18.0.0/24"}, 1, {9}});
  EXPECT_EQ(read_resume_file(path).positions, std::vector<std::uint64_t>{9});
  EXPECT_EQ(read_resume_file(other_name).positions, std::vector<std::uint64_t>{5})
      << "written in place: the old inode was overwritten";
  std::remove(path.c_str());
  std::remove(other_name.c_str());
}

// Found by zeroscan_fuzz_resume_file (tests/fuzz/regressions/resume_file):
// a position of 2.1e33 was converted to an integer (undefined behaviour), a
// negative one wrapped around. Seed and positions are whole numbers >= 0.
TEST(ResumeFileTest, SeedAndPositionsMustBeNonNegativeIntegers) {
  for (const char* numbers : {R"("seed":7,"positions":[10,2099999999999999999999999999999999])",
                              R"("seed":7,"positions":[1.5])", R"("seed":7,"positions":[-1])",
                              R"("seed":-1,"positions":[1])", R"("seed":1e30,"positions":[1])"}) {
    const std::string text = std::string(R"({"type":"zeroscan-resume","version":1,"args":["198.18.0.0/24"],)") +
                             numbers + "}";
    try {
      parse_resume_text(text, "r.resume");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const UsageError& e) {
      EXPECT_NE(std::string(e.what()).find("r.resume"), std::string::npos) << e.what();
    }
  }
}

TEST(ResumeFileTest, RefusesBadFiles) {
  const std::string path = temp_path("zs_resume_bad.json");
  EXPECT_THROW(read_resume_file(temp_path("zs_resume_missing.json")), UsageError);
  for (const char* text :
       {"not json", "[]", R"({"type":"other","version":1})", R"({"type":"zeroscan-resume","version":2})",
        R"({"type":"zeroscan-resume","version":1,"args":["-p"],"seed":"x","positions":[1]})",
        R"({"type":"zeroscan-resume","version":1,"args":[],"seed":1,"positions":[]})",
        R"({"type":"zeroscan-resume","version":1,"args":["--resume","f"],"seed":1,"positions":[0]})"}) {
    write_text(path, text);
    try {
      read_resume_file(path);
      ADD_FAILURE() << "accepted: " << text;
    } catch (const UsageError& e) {
      EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace zeroscan

namespace zeroscan {
namespace {

// Finding 1 (issue 10): `--dry-run --resume r.resume` ran a real scan.
TEST(ResumedOptionsTest, DryRunOnTheCommandLineWinsOverTheResumeFile) {
  ScanOptions now;
  now.dry_run = true;
  now.resume = "r.resume";
  const ResumeState state{{"-p", "22", "198.18.0.0/24"}, 7, {10}};
  const ScanOptions o = resumed_options(now, state);
  EXPECT_TRUE(o.dry_run);
  EXPECT_EQ(o.seed.value_or(0), 7u);
  EXPECT_EQ(o.resume_positions, std::vector<std::uint64_t>{10});
}

// Finding 6: a resume file with "args": [] printed the whole help.
TEST(ResumedOptionsTest, EmptyRecordedCommandLineIsAnError) {
  ScanOptions now;
  now.resume = "r.resume";
  EXPECT_THROW(resumed_options(now, ResumeState{{}, 7, {10}}), UsageError);
}

}  // namespace
}  // namespace zeroscan

namespace zeroscan {
namespace {

// Finding 6: `--resume adir` printed basic_filebuf::underflow.
TEST(ResumeFileTest, DirectoryIsRefusedWithOneLine) {
  try {
    read_resume_file(::testing::TempDir());
    ADD_FAILURE() << "a directory was accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("not a regular file"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace zeroscan
