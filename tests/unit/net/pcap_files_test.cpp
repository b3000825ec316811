// PcapFileWriter -> PcapFileSource round trips, batching, filters, and the
// errors a user can run into (missing, foreign or truncated files, full disk).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "test_frames.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/net/pcap_files.h"

namespace zeroscan {
namespace {

using Frame = std::vector<std::uint8_t>;

struct Replayed {
  std::vector<Frame> frames;
  std::vector<std::int64_t> timestamps;
  std::vector<int> batches;  // dispatch results, up to and including the first -1
};

Replayed replay(PcapFileSource& source) {
  Replayed out;
  for (int calls = 0; calls < 100; ++calls) {
    int got = source.dispatch(0, [&](const std::uint8_t* data, std::size_t size, std::int64_t ts) {
      out.frames.emplace_back(data, data + size);
      out.timestamps.push_back(ts);
    });
    out.batches.push_back(got);
    if (got < 0) break;
  }
  return out;
}

class PcapFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "zeroscan_pcap_files_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".pcap";
  }
  void TearDown() override { std::remove(path_.c_str()); }

  Frame syn_to(Ipv4 destination, std::uint16_t port) {
    return test_syn_frame(*MacAddress::parse("02:00:00:00:00:01"), *MacAddress::parse("02:00:00:00:00:02"),
                          Ipv4::from_octets(198, 19, 250, 1), destination, 40000, port);
  }

  std::string path_;
};

TEST_F(PcapFilesTest, FramesAndNanosecondTimestampsSurviveTheRoundTrip) {
  const std::vector<Frame> frames = {syn_to(Ipv4::from_octets(198, 19, 250, 2), 22),
                                     syn_to(Ipv4::from_octets(198, 19, 250, 3), 80), {0xde, 0xad}};
  const std::vector<std::int64_t> stamps = {1'700'000'000'123'456'789, 1'700'000'000'123'456'790,
                                            1'700'000'001'000'000'001};
  {
    PcapFileWriter writer(path_, LinkType::Ethernet);
    for (std::size_t i = 0; i < frames.size(); ++i) ASSERT_TRUE(writer.write(frames[i].data(), frames[i].size(), stamps[i]));
    writer.close();
  }
  PcapFileSource source(path_);
  EXPECT_EQ(source.link_type(), LinkType::Ethernet);
  Replayed got = replay(source);
  EXPECT_EQ(got.frames, frames);
  EXPECT_EQ(got.timestamps, stamps);
  EXPECT_EQ(got.batches, (std::vector<int>{3, -1}));
  EXPECT_EQ(source.dispatch(0, [](const std::uint8_t*, std::size_t, std::int64_t) {}), -1);  // stays finished
  EXPECT_EQ(source.stats().received, 3u);
  EXPECT_EQ(source.error(), "");
}

TEST_F(PcapFilesTest, RawIpLinkTypeIsKept) {
  Frame packet = test_syn_packet(Ipv4::from_octets(198, 19, 250, 1), Ipv4::from_octets(198, 19, 250, 2), 40000, 22);
  {
    PcapFileWriter writer(path_, LinkType::RawIp);
    writer.write(packet.data(), packet.size(), 5);
    writer.close();
  }
  PcapFileSource source(path_);
  EXPECT_EQ(source.link_type(), LinkType::RawIp);
  EXPECT_EQ(replay(source).frames, std::vector<Frame>{packet});
}

TEST_F(PcapFilesTest, LargeFilesComeInBoundedBatches) {
  {
    PcapFileWriter writer(path_, LinkType::Ethernet);
    Frame frame = syn_to(Ipv4::from_octets(198, 19, 250, 2), 22);
    for (int i = 0; i < 2500; ++i) writer.write(frame.data(), frame.size(), i);
    writer.close();
  }
  PcapFileSource source(path_);
  EXPECT_EQ(replay(source).batches, (std::vector<int>{1024, 1024, 452, -1}));
}

TEST_F(PcapFilesTest, FilterSelectsFrames) {
  {
    PcapFileWriter writer(path_, LinkType::Ethernet);
    for (std::uint8_t host = 2; host < 6; ++host) {
      Frame frame = syn_to(Ipv4::from_octets(198, 19, 250, host), 22);
      writer.write(frame.data(), frame.size(), host);
    }
    writer.close();
  }
  PcapFileSource source(path_, "dst host 198.19.250.4");
  Replayed got = replay(source);
  ASSERT_EQ(got.frames.size(), 1u);
  EXPECT_EQ(got.timestamps[0], 4);
}

TEST_F(PcapFilesTest, SnaplenCutsFramesButKeepsTheOriginalLength) {
  Frame frame = syn_to(Ipv4::from_octets(198, 19, 250, 2), 22);
  {
    PcapFileWriter writer(path_, LinkType::Ethernet, 40);
    writer.write(frame.data(), frame.size(), 1);
    writer.close();
  }
  PcapFileSource source(path_);
  Replayed got = replay(source);
  ASSERT_EQ(got.frames.size(), 1u);
  EXPECT_EQ(got.frames[0], Frame(frame.begin(), frame.begin() + 40));
}

TEST_F(PcapFilesTest, TruncatedFileDeliversWhatIsWholeThenSaysWhy) {
  {
    PcapFileWriter writer(path_, LinkType::Ethernet);
    Frame frame = syn_to(Ipv4::from_octets(198, 19, 250, 2), 22);
    writer.write(frame.data(), frame.size(), 1);
    writer.write(frame.data(), frame.size(), 2);
    writer.close();
  }
  std::ifstream in(path_, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  in.close();
  std::ofstream(path_, std::ios::binary | std::ios::trunc).write(bytes.data(), std::streamsize(bytes.size() - 5));

  PcapFileSource source(path_);
  Replayed got = replay(source);
  EXPECT_EQ(got.frames.size(), 1u);
  EXPECT_EQ(got.batches.back(), -1);
  EXPECT_NE(source.error().find("truncated"), std::string::npos) << source.error();
  EXPECT_NE(source.error().find(path_), std::string::npos) << source.error();
}

TEST_F(PcapFilesTest, UnreadableInputsAreUsageErrorsNamingTheFile) {
  try {
    PcapFileSource missing(path_ + ".missing");
    FAIL() << "expected UsageError";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find(path_ + ".missing"), std::string::npos) << error.what();
  }
  std::ofstream(path_) << "this is not a capture file, just text\n";
  EXPECT_THROW(PcapFileSource{path_}, UsageError);

  {
    PcapFileWriter writer(path_, LinkType::Ethernet);
    writer.close();
  }
  EXPECT_THROW(PcapFileSource(path_, "dst host nonsense and ("), UsageError);
}

TEST_F(PcapFilesTest, WriterFailsClearlyOnAMissingDirectory) {
  try {
    PcapFileWriter writer("/nonexistent-zeroscan-dir/out.pcap", LinkType::Ethernet);
    FAIL() << "expected SystemError";
  } catch (const SystemError& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent-zeroscan-dir/out.pcap"), std::string::npos) << error.what();
  }
}

TEST_F(PcapFilesTest, WriterReportsAFullDisk) {
  PcapFileWriter writer("/dev/full", LinkType::Ethernet);
  Frame frame = syn_to(Ipv4::from_octets(198, 19, 250, 2), 22);
  bool all_written = true;
  for (int i = 0; i < 1000 && all_written; ++i) all_written = writer.write(frame.data(), frame.size(), i);
  EXPECT_FALSE(all_written) << "stdio buffers a few KiB, then the write must fail";
  EXPECT_FALSE(writer.ok());
  try {
    writer.close();
    FAIL() << "expected SystemError";
  } catch (const SystemError& error) {
    EXPECT_NE(std::string(error.what()).find("No space left on device"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("/dev/full"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace zeroscan
