// IPv6 route lookup (longest prefix across the 64-bit halves, local first,
// metric) and the 2001:2::/48 default-route guard.
#include <gtest/gtest.h>

#include "zeroscan/core/errors.h"
#include "zeroscan/net/ipv6_benchmark_range_guard.h"
#include "zeroscan/net/ipv6_route.h"

namespace zeroscan {
namespace {

Ipv6 a(const char* text) { return *Ipv6::parse(text); }

Ipv6Route route(const char* destination, std::uint8_t prefix, const char* iface, std::uint32_t metric = 0) {
  Ipv6Route r;
  r.destination = a(destination);
  r.prefix_length = prefix;
  r.interface = iface;
  r.metric = metric;
  return r;
}

TEST(Ipv6RouteLookup, LongestPrefixWinsOnEitherSideOfTheHalves) {
  const std::vector<Ipv6Route> table{route("::", 0, "eth0"), route("2001:2::", 48, "lab0"),
                                     route("2001:2:0:1::", 64, "lab1"), route("2001:2:0:1::80", 121, "lab2"),
                                     route("2001:2:0:1::7", 128, "lab3")};
  EXPECT_EQ(lookup_ipv6_route(table, a("2001:db8::1"))->interface, "eth0");
  EXPECT_EQ(lookup_ipv6_route(table, a("2001:2:0:2::1"))->interface, "lab0");
  EXPECT_EQ(lookup_ipv6_route(table, a("2001:2:0:1::1"))->interface, "lab1");
  EXPECT_EQ(lookup_ipv6_route(table, a("2001:2:0:1::ff"))->interface, "lab2");
  EXPECT_EQ(lookup_ipv6_route(table, a("2001:2:0:1::100"))->interface, "lab1");
  EXPECT_EQ(lookup_ipv6_route(table, a("2001:2:0:1::7"))->interface, "lab3");
  EXPECT_FALSE(lookup_ipv6_route({route("2001:2::", 48, "lab0")}, a("2001:3::1")));
}

TEST(Ipv6RouteLookup, LocalRoutesFirstThenTheLowestMetric) {
  Ipv6Route local = route("2001:2::1", 128, "lo");
  local.is_local = true;
  const std::vector<Ipv6Route> table{route("2001:2::", 64, "lab0", 100), route("2001:2::", 64, "lab1", 10),
                                     local, route("2001:2::1", 128, "lab2")};
  EXPECT_EQ(lookup_ipv6_route(table, a("2001:2::5"))->interface, "lab1");
  EXPECT_EQ(lookup_ipv6_route(table, a("2001:2::1"))->interface, "lo");
  EXPECT_FALSE(lookup_ipv6_route({route("2001:2::", 200, "bad")}, a("2001:2::")));
}

TEST(Ipv6BenchmarkRangeGuard, RefusesLabAddressesOnTheDefaultRoute) {
  const std::vector<Ipv6Route> routes{route("::", 0, "eth0")};
  EXPECT_THROW(refuse_ipv6_benchmark_range_via_default_route(routes, {{a("2001:2::10"), a("2001:2::13")}}),
               SystemError);
  // A range that only touches the block at one end is caught too.
  EXPECT_THROW(refuse_ipv6_benchmark_range_via_default_route(
                   routes, {{a("2001:1:ffff:ffff:ffff:ffff:ffff:ff00"), a("2001:2::5")}}),
               SystemError);
  try {
    refuse_ipv6_benchmark_range_via_default_route(routes, {{a("2001:2::10"), a("2001:2::13")}});
  } catch (const SystemError& e) {
    EXPECT_EQ(std::string(e.what()),
              "refusing to scan 2001:2::10: 2001:2::/48 is a benchmarking block, yet this machine would "
              "send it through its default route (eth0); is the test network (scripts/lab up) missing?");
  }
}

TEST(Ipv6BenchmarkRangeGuard, AllowsLabRoutesTheSafetyRouteAndOtherAddresses) {
  Ipv6Route safety = route("2001:2::", 48, "lo");
  safety.is_reject = true;
  const std::vector<Ipv6Route> routes{route("::", 0, "eth0"), safety, route("2001:2:0:1::", 64, "zs-lab6")};
  EXPECT_NO_THROW(refuse_ipv6_benchmark_range_via_default_route(routes, {{a("2001:2:0:1::"), a("2001:2:0:1::ff")}}));
  EXPECT_NO_THROW(refuse_ipv6_benchmark_range_via_default_route(routes, {{a("2001:2:9::1"), a("2001:2:9::1")}}));
  // Outside the block the default route is every scanner's business.
  EXPECT_NO_THROW(refuse_ipv6_benchmark_range_via_default_route(routes, {{a("2001:db8::1"), a("2001:db8::9")}}));
  // Without the safety route, the rest of the block would leak.
  const std::vector<Ipv6Route> no_safety{route("::", 0, "eth0"), route("2001:2:0:1::", 64, "zs-lab6")};
  EXPECT_THROW(refuse_ipv6_benchmark_range_via_default_route(no_safety, {{a("2001:2:0:2::1"), a("2001:2:0:2::1")}}),
               SystemError);
  // The block's last address is inside it.
  EXPECT_THROW(refuse_ipv6_benchmark_range_via_default_route(
                   no_safety, {{a("2001:2:0:ffff:ffff:ffff:ffff:ffff"), a("2001:3::")}}),
               SystemError);
}

}  // namespace
}  // namespace zeroscan
