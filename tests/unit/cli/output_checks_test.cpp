// Outputs are written aside and renamed into place (issue 10): a file is
// either what it was or what the finished run wrote, never half of each;
// a dry run only probes and leaves nothing behind.
#include "zeroscan/cli/output_checks.h"

#include <gtest/gtest.h>

#include <dirent.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "zeroscan/core/errors.h"

namespace zeroscan {
namespace {

// A fresh scratch directory per test, so "nothing left behind" is a listing.
class OutputChecksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = ::testing::TempDir() + "zs_outputs_" + info->name();
    std::system(("rm -rf '" + dir_ + "'").c_str());
    ASSERT_EQ(::mkdir(dir_.c_str(), 0755), 0);
  }
  void TearDown() override { std::system(("rm -rf '" + dir_ + "'").c_str()); }

  std::string path(const std::string& name) const { return dir_ + "/" + name; }
  std::vector<std::string> listing() const {
    std::vector<std::string> names;
    if (DIR* d = ::opendir(dir_.c_str())) {
      while (const dirent* e = ::readdir(d))
        if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") names.push_back(e->d_name);
      ::closedir(d);
    }
    std::sort(names.begin(), names.end());
    return names;
  }
  static std::string contents(const std::string& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::string dir_;
};

TEST_F(OutputChecksTest, ReplacedOutputIsWrittenAsideAndRenamedOnCommit) {
  const std::string real = path("scan.json");
  std::ofstream(real) << "earlier results\n";
  ReplacedOutputs replaced;
  const std::string aside = replaced.aside(real);
  ASSERT_NE(aside, real);
  EXPECT_EQ(aside.rfind(dir_ + "/", 0), 0u) << "the temporary file lives beside the real one: " << aside;
  std::ofstream(aside) << "new results\n";
  EXPECT_EQ(contents(real), "earlier results\n");  // untouched while the run writes
  replaced.commit();
  EXPECT_EQ(contents(real), "new results\n");
  EXPECT_EQ(listing(), std::vector<std::string>{"scan.json"});
}

TEST_F(OutputChecksTest, WithoutCommitTheEarlierFileStaysAndTheTemporaryGoes) {
  const std::string real = path("scan.json");
  std::ofstream(real) << "earlier results\n";
  {
    ReplacedOutputs replaced;
    std::ofstream(replaced.aside(real)) << "half a run\n";
  }
  EXPECT_EQ(contents(real), "earlier results\n");
  EXPECT_EQ(listing(), std::vector<std::string>{"scan.json"});
}

// A finished file that cannot move into place is never lost: it stays
// where it was written and the error says where.
TEST_F(OutputChecksTest, AFailedRenameKeepsTheFinishedFileAndNamesIt) {
  const std::string real = path("scan.json");
  ReplacedOutputs replaced;
  const std::string aside = replaced.aside(real);
  std::ofstream(aside) << "new results\n";
  ASSERT_EQ(::mkdir(real.c_str(), 0755), 0);  // something in the way a rename cannot replace
  std::ofstream(path("scan.json/blocker")) << "x";
  try {
    replaced.commit();
    ADD_FAILURE() << "no error";
  } catch (const SystemError& e) {
    EXPECT_NE(std::string(e.what()).find(aside), std::string::npos) << e.what();
  }
  EXPECT_EQ(contents(aside), "new results\n");
}

// --append-output: the run appends to a copy beside the file, renamed over
// it at the end, so a run that fails half-way leaves the earlier lines
// exactly as they were (never a torn last record).
TEST_F(OutputChecksTest, ContinuedOutputAppendsToACopyRenamedOnCommit) {
  const std::string real = path("scan.nmap");
  std::ofstream(real) << "earlier lines\n";
  ReplacedOutputs replaced;
  const std::string copy = replaced.continued(real);
  ASSERT_NE(copy, real);
  EXPECT_EQ(copy.rfind(dir_ + "/", 0), 0u) << "the temporary file lives beside the real one: " << copy;
  EXPECT_EQ(contents(copy), "earlier lines\n");
  std::ofstream(copy, std::ios::app) << "new lines\n";
  EXPECT_EQ(contents(real), "earlier lines\n");  // untouched while the run writes
  replaced.commit();
  EXPECT_EQ(contents(real), "earlier lines\nnew lines\n");
  EXPECT_EQ(listing(), std::vector<std::string>{"scan.nmap"});
}

TEST_F(OutputChecksTest, AContinuedRunWithoutCommitLeavesTheFileAsItWas) {
  const std::string real = path("scan.nmap");
  std::ofstream(real) << "earlier lines\n";
  {
    ReplacedOutputs replaced;
    std::ofstream(replaced.continued(real), std::ios::app) << "half a rec";
  }
  EXPECT_EQ(contents(real), "earlier lines\n");
  EXPECT_EQ(listing(), std::vector<std::string>{"scan.nmap"});
}

TEST_F(OutputChecksTest, ContinuingAMissingFileStartsItEmpty) {
  const std::string real = path("new.nmap");
  ReplacedOutputs replaced;
  const std::string copy = replaced.continued(real);
  ASSERT_NE(copy, real);
  EXPECT_EQ(contents(copy), "");
  std::ofstream(copy, std::ios::app) << "lines\n";
  replaced.commit();
  EXPECT_EQ(contents(real), "lines\n");
}

TEST_F(OutputChecksTest, AContinuedFileKeepsItsPermissions) {
  const std::string real = path("private.json");
  std::ofstream(real) << "{}\n";
  ASSERT_EQ(::chmod(real.c_str(), 0600), 0);
  ReplacedOutputs replaced;
  replaced.continued(real);
  replaced.commit();
  struct stat st {};
  ASSERT_EQ(::stat(real.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_EQ(contents(real), "{}\n");
}

TEST_F(OutputChecksTest, StdoutAndDevicesAreContinuedDirectly) {
  ReplacedOutputs replaced;
  EXPECT_EQ(replaced.continued("-"), "-");
  EXPECT_EQ(replaced.continued("/dev/null"), "/dev/null");
  replaced.commit();
}

TEST_F(OutputChecksTest, StdoutAndDevicesAreWrittenDirectly) {
  ReplacedOutputs replaced;
  EXPECT_EQ(replaced.aside("-"), "-");
  EXPECT_EQ(replaced.aside("/dev/null"), "/dev/null");
  replaced.commit();  // nothing to rename
}

TEST_F(OutputChecksTest, DirectoriesNameWhereRenamesHappen) {
  ReplacedOutputs replaced;
  replaced.aside(path("a.json"));
  replaced.aside("-");
  EXPECT_EQ(replaced.directories(), std::vector<std::string>{dir_});
}

TEST_F(OutputChecksTest, DryRunLeavesNoFileBehind) {
  check_outputs_open({{"-oJ", path("new.json")}, {"--pcap", path("new.pcap")}});
  check_outputs_open({{"-oN", path("appended.nmap"), /*appended=*/true}});
  EXPECT_EQ(listing(), std::vector<std::string>{});
}

TEST_F(OutputChecksTest, DryRunLeavesExistingFilesAsTheyWere) {
  std::ofstream(path("kept.json")) << "earlier results\n";
  std::ofstream(path("kept.nmap")) << "earlier lines\n";
  check_outputs_open({{"-oJ", path("kept.json")}, {"-oN", path("kept.nmap"), /*appended=*/true}});
  EXPECT_EQ(contents(path("kept.json")), "earlier results\n");
  EXPECT_EQ(contents(path("kept.nmap")), "earlier lines\n");
  EXPECT_EQ(listing(), (std::vector<std::string>{"kept.json", "kept.nmap"}));
}

TEST_F(OutputChecksTest, DryRunRefusesOutputsThatCouldNotBeWritten) {
  EXPECT_THROW(check_outputs_open({{"-oJ", "/proc/zeroscan-no-such-file"}}), UsageError);
  EXPECT_THROW(check_outputs_open({{"--pcap", path("no/such/dir/x.pcap")}}), UsageError);
  EXPECT_THROW(check_outputs_open({{"-oN", "/proc/zeroscan-no-such-file", true}}), UsageError);
}

}  // namespace
}  // namespace zeroscan
