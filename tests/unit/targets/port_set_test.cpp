// PortSet: nmap port syntax, errors naming the bad entry, and lookups.
#include "zeroscan/targets/port_set.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "zeroscan/core/errors.h"

namespace zeroscan {
namespace {

std::vector<std::uint16_t> span(std::uint32_t first, std::uint32_t last) {
  std::vector<std::uint16_t> ports;
  for (std::uint32_t p = first; p <= last; ++p) ports.push_back(std::uint16_t(p));
  return ports;
}

struct PortCase {
  std::string spec;
  std::vector<std::uint16_t> expected;
};
void PrintTo(const PortCase& c, std::ostream* out) { *out << "'" << c.spec << "'"; }

class PortSetAccepts : public ::testing::TestWithParam<PortCase> {};

TEST_P(PortSetAccepts, ParsesToSortedUniquePorts) {
  EXPECT_EQ(PortSet::parse(GetParam().spec).ports(), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    NmapSyntax, PortSetAccepts,
    ::testing::Values(PortCase{"22", {22}},
                      PortCase{"0", {0}},
                      PortCase{"65535", {65535}},
                      PortCase{"443,22,80", {22, 80, 443}},
                      PortCase{"80,22,80,22", {22, 80}},
                      PortCase{"1-1024", span(1, 1024)},
                      PortCase{"-", span(1, 65535)},
                      PortCase{"0-65535", span(0, 65535)},
                      PortCase{"0-", span(0, 65535)},
                      PortCase{"-1024", span(1, 1024)},
                      PortCase{"60000-", span(60000, 65535)},
                      PortCase{"T:22", {22}},
                      PortCase{"T:22,t:80-81,443", {22, 80, 81, 443}},
                      PortCase{" 22 , 80", {22, 80}},
                      PortCase{"1-3,2-5", span(1, 5)},
                      PortCase{"7-7", {7}},
                      PortCase{"00080", {80}}),
    [](const ::testing::TestParamInfo<PortCase>& info) { return "Case" + std::to_string(info.index); });

struct BadPortCase {
  std::string spec;
  std::string message;
};
void PrintTo(const BadPortCase& c, std::ostream* out) { *out << "'" << c.spec << "'"; }

class PortSetRejects : public ::testing::TestWithParam<BadPortCase> {};

TEST_P(PortSetRejects, ThrowsUsageErrorNamingTheEntry) {
  try {
    PortSet::parse(GetParam().spec);
    FAIL() << "expected UsageError";
  } catch (const UsageError& error) {
    EXPECT_EQ(std::string(error.what()), GetParam().message);
  }
}

const std::string kNotANumber = "expected a port number 0-65535 or a range like 1-1024";

INSTANTIATE_TEST_SUITE_P(
    Malformed, PortSetRejects,
    ::testing::Values(
        BadPortCase{"70000", "bad port '70000': port numbers must be 0-65535"},
        BadPortCase{"22,65536", "bad port '65536': port numbers must be 0-65535"},
        BadPortCase{"99999999999999999999", "bad port '99999999999999999999': port numbers must be 0-65535"},
        BadPortCase{"80-20", "bad port '80-20': range end is below its start"},
        BadPortCase{"-0", "bad port '-0': range end is below its start"},
        BadPortCase{"U:53", "bad port 'U:53': only TCP ports (T:) can be scanned"},
        BadPortCase{"22,S:80", "bad port 'S:80': only TCP ports (T:) can be scanned"},
        BadPortCase{"http", "bad port 'http': " + kNotANumber + " (service names are not supported)"},
        BadPortCase{"1-2-3", "bad port '1-2-3': " + kNotANumber + " (service names are not supported)"},
        BadPortCase{"T:", "bad port 'T:': " + kNotANumber},
        BadPortCase{"+22", "bad port '+22': " + kNotANumber + " (service names are not supported)"},
        BadPortCase{"", "empty port list"},
        BadPortCase{" ", "empty port list"},
        BadPortCase{"22,,80", "bad port list '22,,80': entry 2 is empty"},
        BadPortCase{"22,", "bad port list '22,': entry 2 is empty"}),
    [](const ::testing::TestParamInfo<BadPortCase>& info) { return "Case" + std::to_string(info.index); });

TEST(PortSetTest, ConstructorSortsAndDeduplicates) {
  const PortSet ports({443, 0, 22, 443, 65535, 22});
  EXPECT_EQ(ports.ports(), (std::vector<std::uint16_t>{0, 22, 443, 65535}));
  EXPECT_EQ(ports.size(), 4u);
  EXPECT_FALSE(ports.empty());
  EXPECT_TRUE(PortSet().empty());
}

TEST(PortSetTest, LookupsRoundTrip) {
  const PortSet ports = PortSet::parse("1-100,8080,0");
  ASSERT_EQ(ports.size(), 102u);
  for (std::size_t i = 0; i < ports.size(); ++i) {
    EXPECT_TRUE(ports.contains(ports.at(i)));
    EXPECT_EQ(ports.index_of(ports.at(i)), i);
  }
  EXPECT_FALSE(ports.contains(101));
  EXPECT_FALSE(ports.contains(65535));
  EXPECT_EQ(ports.at(0), 0);
  EXPECT_EQ(ports.at(101), 8080);
}

TEST(PortSetTest, DashAloneMeansOneToMaxWithoutPortZero) {
  const PortSet ports = PortSet::parse("-");
  EXPECT_EQ(ports.size(), 65535u);
  EXPECT_FALSE(ports.contains(0));
  EXPECT_TRUE(ports.contains(65535));
}

}  // namespace
}  // namespace zeroscan

namespace zeroscan {
namespace {

// Found by fuzzing (issue 10): a list repeating "1-65535" built one vector
// entry per listed port (millions) before deduplicating.
TEST(PortSetTest, RepeatedFullRangesCostNoMoreThanOne) {
  std::string spec = "1-65535";
  for (int i = 0; i < 2000; ++i) spec += ",1-65535,T:0-,-";
  const PortSet ports = PortSet::parse(spec);
  EXPECT_EQ(ports.size(), 65536u);
  EXPECT_EQ(ports.ports().front(), 0);
  EXPECT_EQ(ports.ports().back(), 65535);
}

}  // namespace
}  // namespace zeroscan
