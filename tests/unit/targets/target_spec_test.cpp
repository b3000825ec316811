// Target specs: the accepted forms, one clear error per bad spec, hostnames
// through an injected resolver (never DNS), lists, and the reserved blocks.
#include "zeroscan/targets/target_spec.h"

#include <gtest/gtest.h>

#include <mutex>

#include <map>
#include <string>
#include <vector>

#include "test_printers.h"
#include "zeroscan/core/errors.h"

namespace zeroscan {
namespace {

Ipv4 ip(const char* text) { return *Ipv4::parse(text); }
Ipv4Range range(const char* first, const char* last) { return {ip(first), ip(last)}; }

// Answers from a fixed table and logs every question.
class FakeResolver {
 public:
  std::map<std::string, std::vector<Ipv4>> table;
  std::vector<std::string> questions;
  std::mutex mutex;  // lists resolve their names concurrently

  HostResolver resolver() {
    return [this](const std::string& name) {
      const std::lock_guard<std::mutex> lock(mutex);
      questions.push_back(name);
      const auto found = table.find(name);
      return found == table.end() ? std::vector<Ipv4>{} : found->second;
    };
  }
};

std::string usage_error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const UsageError& error) {
    return error.what();
  }
  return "(no UsageError)";
}

// ---- accepted forms -------------------------------------------------------

struct SpecCase {
  std::string spec;
  Ipv4Range expected;
};
void PrintTo(const SpecCase& c, std::ostream* out) { *out << "'" << c.spec << "'"; }

class TargetSpecAccepts : public ::testing::TestWithParam<SpecCase> {};

TEST_P(TargetSpecAccepts, ParsesToOneRange) {
  EXPECT_EQ(parse_target_spec(GetParam().spec, nullptr), std::vector<Ipv4Range>{GetParam().expected});
}

INSTANTIATE_TEST_SUITE_P(
    Forms, TargetSpecAccepts,
    ::testing::Values(
        SpecCase{"198.18.0.7", range("198.18.0.7", "198.18.0.7")},
        SpecCase{"198.18.0.0/16", range("198.18.0.0", "198.18.255.255")},
        SpecCase{"198.18.3.4/16", range("198.18.0.0", "198.18.255.255")},  // host bits masked
        SpecCase{"10.1.2.3/31", range("10.1.2.2", "10.1.2.3")},
        SpecCase{"10.1.2.3/32", range("10.1.2.3", "10.1.2.3")},
        SpecCase{"10.1.2.3/0", range("0.0.0.0", "255.255.255.255")},
        SpecCase{"255.255.255.255/1", range("128.0.0.0", "255.255.255.255")},
        SpecCase{"198.18.0.1-198.18.3.255", range("198.18.0.1", "198.18.3.255")},
        SpecCase{"0.0.0.0-255.255.255.255", range("0.0.0.0", "255.255.255.255")},
        SpecCase{"198.18.0.5-198.18.0.5", range("198.18.0.5", "198.18.0.5")},
        SpecCase{"198.18.0.1-20", range("198.18.0.1", "198.18.0.20")},
        SpecCase{"198.18.7.0-255", range("198.18.7.0", "198.18.7.255")},
        SpecCase{"198.18.7.9-9", range("198.18.7.9", "198.18.7.9")}),
    [](const ::testing::TestParamInfo<SpecCase>& info) { return "Case" + std::to_string(info.index); });

// ---- rejected specs: one line naming the spec and the reason -------------

struct BadSpecCase {
  std::string spec;
  std::string message;
};
void PrintTo(const BadSpecCase& c, std::ostream* out) { *out << "'" << c.spec << "'"; }

class TargetSpecRejects : public ::testing::TestWithParam<BadSpecCase> {};

const std::string kNotASpec =
    "not an address, CIDR block (198.18.0.0/16), range (198.18.0.1-198.18.0.9 or 198.18.0.1-9) "
    "or hostname";
const std::string kBadAddress = "not a valid IPv4 address (four decimal octets 0-255)";
const std::string kBadPrefix = "prefix length must be 0-32";
const std::string kBadRangeEnd = "range end must be an IPv4 address or a last octet 0-255";

TEST_P(TargetSpecRejects, ThrowsUsageErrorNamingTheSpec) {
  FakeResolver dns;
  const std::string message = usage_error_of([&] { parse_target_spec(GetParam().spec, dns.resolver()); });
  EXPECT_EQ(message, "bad target '" + GetParam().spec + "': " + GetParam().message);
  EXPECT_EQ(message.find('\n'), std::string::npos);
  EXPECT_TRUE(dns.questions.empty()) << "a malformed spec must never reach DNS";
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, TargetSpecRejects,
    ::testing::Values(
        BadSpecCase{"198.18.0.0/33", kBadPrefix},
        BadSpecCase{"198.18.0.0/", kBadPrefix},
        BadSpecCase{"198.18.0.0/-1", kBadPrefix},
        BadSpecCase{"198.18.0.0/100", kBadPrefix},
        BadSpecCase{"198.18.0.0/x", kBadPrefix},
        BadSpecCase{"198.18.0.0/24/8", kBadPrefix},
        BadSpecCase{"1.2.3", kBadAddress},
        BadSpecCase{"256.1.1.1", kBadAddress},
        BadSpecCase{"01234.1.1.1", kBadAddress},
        BadSpecCase{"1.2.3.4.5", kBadAddress},
        BadSpecCase{"300.0.0.0/8", kBadAddress},
        BadSpecCase{"198.18.0.9-198.18.0.1", "range end 198.18.0.1 is before its start 198.18.0.9"},
        BadSpecCase{"198.18.0.9-3", "range end 198.18.0.3 is before its start 198.18.0.9"},
        BadSpecCase{"198.18.0.1-300", kBadRangeEnd},
        BadSpecCase{"198.18.0.1-", kBadRangeEnd},
        BadSpecCase{"198.18.0.1-1.2.3", kBadRangeEnd},
        BadSpecCase{"198.18.0.1-0x20", kBadRangeEnd},
        BadSpecCase{"", "empty target spec"},
        BadSpecCase{"1.2.3.4 ", kNotASpec},
        BadSpecCase{"192.168.1-3.1-254", kNotASpec},
        BadSpecCase{"198.18.0.1-198.18.0.9/24", kNotASpec},
        BadSpecCase{"-1.2.3.4", kNotASpec},
        BadSpecCase{"host name", kNotASpec},
        BadSpecCase{"-bad.example", kNotASpec},
        BadSpecCase{"bad-.example", kNotASpec},
        BadSpecCase{"a..example", kNotASpec},
        BadSpecCase{"*.example", kNotASpec},
        BadSpecCase{"::1", kNotASpec},
        BadSpecCase{std::string(64, 'a') + ".example", kNotASpec}),
    [](const ::testing::TestParamInfo<BadSpecCase>& info) { return "Case" + std::to_string(info.index); });

TEST(TargetSpecTest, ErrorMessageMatchesTheDocumentedExample) {
  EXPECT_EQ(usage_error_of([] { parse_target_spec("198.18.0.0/33", nullptr); }),
            "bad target '198.18.0.0/33': prefix length must be 0-32");
}

// ---- hostnames -----------------------------------------------------------

TEST(TargetSpecTest, HostnameStandsForEveryResolvedAddress) {
  FakeResolver dns;
  dns.table["scanme.example"] = {ip("198.51.100.7"), ip("203.0.113.9")};
  EXPECT_EQ(parse_target_spec("scanme.example", dns.resolver()),
            (std::vector<Ipv4Range>{range("198.51.100.7", "198.51.100.7"),
                                    range("203.0.113.9", "203.0.113.9")}));
  EXPECT_EQ(dns.questions, std::vector<std::string>{"scanme.example"});
}

TEST(TargetSpecTest, HostnameWithPrefixMasksEachAddress) {
  FakeResolver dns;
  dns.table["web-1.example"] = {ip("198.51.100.77")};
  EXPECT_EQ(parse_target_spec("web-1.example/24", dns.resolver()),
            std::vector<Ipv4Range>{range("198.51.100.0", "198.51.100.255")});
}

TEST(TargetSpecTest, HostnameWithDashIsNotARange) {
  FakeResolver dns;
  dns.table["my-host"] = {ip("192.0.2.1")};
  EXPECT_EQ(parse_target_spec("my-host", dns.resolver()),
            std::vector<Ipv4Range>{range("192.0.2.1", "192.0.2.1")});
}

TEST(TargetSpecTest, HostnameAcceptsTrailingDotAndUnderscore) {
  FakeResolver dns;
  dns.table["_svc.example."] = {ip("192.0.2.2")};
  EXPECT_EQ(parse_target_spec("_svc.example.", dns.resolver()).size(), 1u);
}

TEST(TargetSpecTest, UnresolvableHostnameIsAUsageError) {
  FakeResolver dns;
  EXPECT_EQ(usage_error_of([&] { parse_target_spec("nowhere.example", dns.resolver()); }),
            "bad target 'nowhere.example': hostname does not resolve to an IPv4 address");
  EXPECT_EQ(dns.questions.size(), 1u);
}

TEST(TargetSpecTest, HostnamesRejectedWithoutResolver) {
  EXPECT_EQ(usage_error_of([] { parse_target_spec("scanme.example", nullptr); }),
            "bad target 'scanme.example': hostnames are not accepted here");
}

TEST(TargetSpecTest, ResolverSystemErrorPropagates) {
  const HostResolver failing = [](const std::string& name) -> std::vector<Ipv4> {
    throw SystemError("cannot resolve '" + name + "': Temporary failure in name resolution");
  };
  EXPECT_THROW(parse_target_spec("scanme.example", failing), SystemError);
}

TEST(TargetSpecTest, NumericHostnameResolvesWithoutDns) {
  // getaddrinfo parses numeric strings itself: no query leaves the machine.
  EXPECT_EQ(resolve_with_getaddrinfo("198.18.0.7"), std::vector<Ipv4>{ip("198.18.0.7")});
}

// ---- lists -----------------------------------------------------------------

TEST(TargetListTest, ParsesCommaSeparatedSpecsWithBlanks) {
  FakeResolver dns;
  dns.table["gw.example"] = {ip("192.0.2.254")};
  EXPECT_EQ(parse_target_list("10.0.0.0/8, 198.18.0.1-20 ,\tgw.example", dns.resolver()),
            (std::vector<Ipv4Range>{range("10.0.0.0", "10.255.255.255"),
                                    range("198.18.0.1", "198.18.0.20"),
                                    range("192.0.2.254", "192.0.2.254")}));
}

TEST(TargetListTest, SingleEntryList) {
  EXPECT_EQ(parse_target_list("192.0.2.1", nullptr),
            std::vector<Ipv4Range>{range("192.0.2.1", "192.0.2.1")});
}

TEST(TargetListTest, ResolvesEachHostnameOnce) {
  FakeResolver dns;
  dns.table["a.example"] = {ip("192.0.2.1")};
  dns.table["b.example"] = {ip("192.0.2.2")};
  const auto ranges =
      parse_target_list("a.example,b.example,a.example,A.Example/32,b.example/24", dns.resolver());
  EXPECT_EQ(ranges.size(), 5u);
  EXPECT_EQ(dns.questions, (std::vector<std::string>{"a.example", "b.example"}));
  EXPECT_EQ(ranges[4], range("192.0.2.0", "192.0.2.255"));
}

TEST(TargetListTest, EmptyEntriesAreErrors) {
  EXPECT_EQ(usage_error_of([] { parse_target_list("1.2.3.4,,5.6.7.8", nullptr); }),
            "bad target list '1.2.3.4,,5.6.7.8': entry 2 is empty");
  EXPECT_EQ(usage_error_of([] { parse_target_list("1.2.3.4,", nullptr); }),
            "bad target list '1.2.3.4,': entry 2 is empty");
  EXPECT_EQ(usage_error_of([] { parse_target_list(",1.2.3.4", nullptr); }),
            "bad target list ',1.2.3.4': entry 1 is empty");
  EXPECT_EQ(usage_error_of([] { parse_target_list("  ", nullptr); }), "empty target list");
}

TEST(TargetListTest, BadEntryIsNamedAlone) {
  EXPECT_EQ(usage_error_of([] { parse_target_list("10.0.0.0/8, 1.2.3 ,192.0.2.1", nullptr); }),
            "bad target '1.2.3': " + kBadAddress);
}

// ---- reserved blocks -------------------------------------------------------

TEST(NeverValidTargetsTest, ListsThisNetworkMulticastAndReserved) {
  EXPECT_EQ(never_valid_targets(),
            (std::vector<Ipv4Range>{range("0.0.0.0", "0.255.255.255"),
                                    range("224.0.0.0", "239.255.255.255"),
                                    range("240.0.0.0", "255.255.255.255")}));
}

}  // namespace
}  // namespace zeroscan
