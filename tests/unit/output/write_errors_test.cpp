// Every writer fails safely: a full disk (/dev/full), a closed pipe and a
// file that stops growing halfway (RLIMIT_FSIZE, as a disk filling up
// mid-scan) each give one clear error through error(), and a cut-off
// report never carries its completeness mark (XML's </nmaprun>, the
// grepable "# zeroscan done" line, NDJSON's summary line).
#include <gtest/gtest.h>

#include <csignal>
#include <fcntl.h>
#include <functional>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "output_fixture.h"
#include "zeroscan/output/csv_writer.h"
#include "zeroscan/output/grepable_writer.h"
#include "zeroscan/output/ndjson_writer.h"
#include "zeroscan/output/record_reader.h"
#include "zeroscan/output/text_writer.h"
#include "zeroscan/output/xml_writer.h"

namespace zeroscan {
namespace {

using namespace test;

using MakeWriter = std::function<std::unique_ptr<ResultSink>(const std::string& path)>;

struct Format {
  const char* name;
  MakeWriter make;
};

std::vector<Format> formats() {
  return {
      {"ndjson", [](const std::string& p) { return std::make_unique<NdjsonWriter>(std::make_unique<OutputFile>(p), fixture_annotator()); }},
      {"xml", [](const std::string& p) { return std::make_unique<XmlWriter>(std::make_unique<OutputFile>(p), fixture_annotator()); }},
      {"grepable", [](const std::string& p) { return std::make_unique<GrepableWriter>(std::make_unique<OutputFile>(p), fixture_annotator()); }},
      {"csv", [](const std::string& p) { return std::make_unique<CsvWriter>(std::make_unique<OutputFile>(p), fixture_annotator()); }},
      {"text", [](const std::string& p) { return std::make_unique<TextWriter>(std::make_unique<OutputFile>(p), fixture_annotator()); }},
  };
}

// Many hosts, so every format writes well past a stdio buffer.
std::vector<PortRecord> many_records(int hosts) {
  std::vector<PortRecord> out;
  for (int h = 0; h < hosts; ++h)
    for (PortRecord r : fixture_records()) {
      r.ip = Ipv4(Ipv4::from_octets(198, 18, 4, 0).value + std::uint32_t(h));
      if (r.answered && !r.icmp_type) r.responder = r.ip;
      out.push_back(r);
    }
  return out;
}

TEST(WriteErrorsTest, FullDiskIsOneClearError) {
  for (const Format& f : formats()) {
    auto writer = f.make("/dev/full");
    write_all(*writer, fixture_records(), fixture_summary());
    const std::string error = writer->error();
    EXPECT_NE(error.find("'/dev/full'"), std::string::npos) << f.name << ": " << error;
    EXPECT_NE(error.find("No space left on device"), std::string::npos) << f.name << ": " << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << f.name << ": one line";
  }
}

TEST(WriteErrorsTest, ClosedPipeIsOneClearError) {
  // main ignores SIGPIPE so that a closed pipe is an error we report; do
  // the same here, and restore the test runner's handler afterwards.
  struct sigaction ignore {}, old {};
  ignore.sa_handler = SIG_IGN;
  ASSERT_EQ(sigaction(SIGPIPE, &ignore, &old), 0);
  for (const Format& f : formats()) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    {
      auto writer = f.make("/proc/self/fd/" + std::to_string(fds[1]));
      close(fds[0]);  // the reader goes away before anything is written
      write_all(*writer, fixture_records(), fixture_summary());
      EXPECT_NE(writer->error().find("Broken pipe"), std::string::npos) << f.name << ": " << writer->error();
    }
    close(fds[1]);
  }
  sigaction(SIGPIPE, &old, nullptr);
}

class TruncatedOutputTest : public TempDirTest {
 protected:
  // Writes the records in a child whose files may not grow past `limit`
  // bytes (writes beyond fail with EFBIG, like a disk that fills up).
  // Returns true when the writer reported the error.
  bool write_with_file_limit(const Format& f, const std::string& file, rlim_t limit) {
    const auto records = many_records(60);
    const ScanSummary summary = fixture_summary();
    const pid_t child = fork();
    if (child == 0) {
      std::signal(SIGXFSZ, SIG_IGN);
      const rlimit cap{limit, limit};
      setrlimit(RLIMIT_FSIZE, &cap);
      auto writer = f.make(file);
      write_all(*writer, records, summary);
      _exit(writer->error().find("File too large") != std::string::npos ? 0 : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
};

TEST_F(TruncatedOutputTest, CutOffReportsNeverLookComplete) {
  constexpr rlim_t kLimit = 6000;
  for (const Format& f : formats()) {
    const std::string file = path(std::string("cut.") + f.name);
    EXPECT_TRUE(write_with_file_limit(f, file, kLimit)) << f.name << ": the error was not reported";
    const std::string text = read_text(file);
    EXPECT_LE(text.size(), kLimit) << f.name;
    EXPECT_GT(text.size(), 0u) << f.name << ": the writer got past its first buffer";
    if (f.name == std::string("xml")) {
      EXPECT_EQ(text.find("</nmaprun>"), std::string::npos);
      EXPECT_EQ(text.find("<runstats>"), std::string::npos);
    }
    if (f.name == std::string("grepable")) {
      EXPECT_EQ(text.find("# zeroscan done"), std::string::npos);
    }
    if (f.name == std::string("ndjson")) {
      EXPECT_EQ(text.find("\"type\":\"summary\""), std::string::npos);
      const NdjsonFile read = read_ndjson_file(file, nullptr);
      EXPECT_FALSE(read.summary) << "an incomplete shard is recognisable as such";
    }
  }
}

TEST_F(TruncatedOutputTest, SameWritersCompleteWithoutTheLimit) {
  // The control for the test above: with room enough, every mark is there.
  for (const Format& f : formats()) {
    const std::string file = path(std::string("whole.") + f.name);
    EXPECT_FALSE(write_with_file_limit(f, file, RLIM_INFINITY)) << f.name << ": no error expected";
    const std::string text = read_text(file);
    if (f.name == std::string("xml")) {
      EXPECT_NE(text.find("</nmaprun>\n"), std::string::npos);
    }
    if (f.name == std::string("grepable")) {
      EXPECT_NE(text.find("# zeroscan done"), std::string::npos);
    }
    if (f.name == std::string("ndjson")) {
      EXPECT_TRUE(read_ndjson_file(file, nullptr).summary);
    }
  }
}

}  // namespace
}  // namespace zeroscan
