// parse_tcp_options over raw option bytes: the layouts real stacks send and
// every way a length byte can lie.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "zeroscan/parse/reply_parser.h"

namespace zeroscan {
namespace {

struct OptionCase {
  std::string name;
  std::vector<std::uint8_t> bytes;
  std::string layout;
  bool malformed;
  std::function<void(TcpOptions&)> values = [](TcpOptions&) {};
};

void PrintTo(const OptionCase& c, std::ostream* os) { *os << c.name; }

class TcpOptionsTest : public ::testing::TestWithParam<OptionCase> {};

TEST_P(TcpOptionsTest, ParsesLayoutValuesAndMalformation) {
  const OptionCase& c = GetParam();
  // A heap copy of exactly the option bytes: a sanitizer build flags overreads.
  const std::vector<std::uint8_t> bytes = c.bytes;
  const TcpOptions got = parse_tcp_options(bytes.empty() ? nullptr : bytes.data(), bytes.size());
  TcpOptions want;
  c.values(want);
  EXPECT_EQ(std::string(got.layout.data()), c.layout);
  EXPECT_EQ(got.layout.back(), '\0');
  EXPECT_EQ(got.malformed, c.malformed);
  EXPECT_EQ(got.has_mss, want.has_mss);
  EXPECT_EQ(got.mss, want.mss);
  EXPECT_EQ(got.has_wscale, want.has_wscale);
  EXPECT_EQ(got.wscale, want.wscale);
  EXPECT_EQ(got.sack_permitted, want.sack_permitted);
  EXPECT_EQ(got.has_timestamp, want.has_timestamp);
  EXPECT_EQ(got.ts_val, want.ts_val);
  EXPECT_EQ(got.ts_ecr, want.ts_ecr);
}

std::vector<std::uint8_t> repeated(std::uint8_t byte, std::size_t count) {
  return std::vector<std::uint8_t>(count, byte);
}

INSTANTIATE_TEST_SUITE_P(
    Layouts, TcpOptionsTest,
    ::testing::Values(
        OptionCase{"Empty", {}, "", false},
        OptionCase{"LinuxSynAck",
                   {2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 42, 0x11, 0x22, 0x33, 0x44, 1, 3, 3, 7},
                   "MSTNW", false,
                   [](TcpOptions& o) {
                     o.has_mss = true, o.mss = 1460, o.sack_permitted = true, o.has_timestamp = true;
                     o.ts_val = 42, o.ts_ecr = 0x11223344, o.has_wscale = true, o.wscale = 7;
                   }},
        OptionCase{"EndOfListAlone", {0}, "E", false},
        OptionCase{"BytesAfterEndOfListIgnored", {1, 1, 0, 2, 4, 5, 0xb4}, "NNE", false},
        OptionCase{"LengthByteMissing", {2}, "", true},
        OptionCase{"LengthZero", {1, 2, 0, 5, 0xb4}, "N", true},
        OptionCase{"LengthOne", {3, 1, 1, 1}, "", true},
        OptionCase{"LengthPastEnd", {1, 2, 4, 5}, "N", true},
        OptionCase{"UnknownLengthPastEnd", {2, 4, 1, 0, 30, 40, 0, 0}, "M", true,
                   [](TcpOptions& o) { o.has_mss = true, o.mss = 256; }},
        OptionCase{"LengthExactlyToEnd", {1, 30, 3, 9}, "N?", false},
        OptionCase{"WindowScaleKeptRaw", {3, 3, 200}, "W", false,
                   [](TcpOptions& o) { o.has_wscale = true, o.wscale = 200; }},
        OptionCase{"TimestampWrongLength", {8, 6, 1, 2, 3, 4}, "?", false},
        OptionCase{"SackPermittedWrongLength", {4, 3, 0}, "?", false},
        OptionCase{"WindowScaleWrongLength", {3, 4, 7, 7}, "?", false},
        OptionCase{"SackPermittedTwice", {4, 2, 4, 2}, "SS", false,
                   [](TcpOptions& o) { o.sack_permitted = true; }},
        OptionCase{"SackBlocks", {5, 10, 0, 0, 0, 1, 0, 0, 0, 2}, "?", false},
        OptionCase{"Experimental", {254, 4, 0xf9, 0x89}, "?", false},
        OptionCase{"DuplicateTimestampKeepsFirst",
                   {8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 8, 10, 0, 0, 0, 3, 0, 0, 0, 4}, "TT", false,
                   [](TcpOptions& o) { o.has_timestamp = true, o.ts_val = 1, o.ts_ecr = 2; }},
        OptionCase{"FortyNops", repeated(1, 40), std::string(40, 'N'), false},
        OptionCase{"OnlyFortyBytesRead", repeated(1, 60), std::string(40, 'N'), false}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace zeroscan
