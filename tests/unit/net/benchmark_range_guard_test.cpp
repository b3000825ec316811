// Benchmark-range targets never leave through the default route.
#include "zeroscan/net/benchmark_range_guard.h"

#include <gtest/gtest.h>

#include "zeroscan/core/errors.h"

namespace zeroscan {
namespace {

Ipv4 ip(const char* text) { return *Ipv4::parse(text); }

Route route(const char* destination, std::uint8_t prefix, const char* iface) {
  Route r;
  r.destination = ip(destination);
  r.prefix_length = prefix;
  r.interface = iface;
  return r;
}

TEST(BenchmarkRangeGuardTest, RefusesLabAddressesOnTheDefaultRoute) {
  const std::vector<Route> routes{route("0.0.0.0", 0, "eth0")};
  EXPECT_THROW(refuse_benchmark_range_via_default_route(routes, {{ip("198.19.1.10"), ip("198.19.1.13")}}),
               SystemError);
  // A range that only touches the block at one end is caught too.
  EXPECT_THROW(refuse_benchmark_range_via_default_route(routes, {{ip("198.17.255.0"), ip("198.18.0.5")}}),
               SystemError);
}

TEST(BenchmarkRangeGuardTest, AllowsLabRoutesAndOtherAddresses) {
  std::vector<Route> routes{route("0.0.0.0", 0, "eth0"), route("198.18.0.0", 16, "zs-lab-any0"),
                            route("198.19.1.0", 24, "zs-lab-hst0")};
  EXPECT_NO_THROW(refuse_benchmark_range_via_default_route(routes, {{ip("198.18.0.0"), ip("198.18.255.255")}}));
  EXPECT_NO_THROW(refuse_benchmark_range_via_default_route(routes, {{ip("198.19.1.10"), ip("198.19.1.13")}}));
  // Outside the block the default route is every scanner's business.
  EXPECT_NO_THROW(refuse_benchmark_range_via_default_route(routes, {{ip("192.0.2.1"), ip("192.0.2.9")}}));
  // The lab's own half of the block is fine, the other half is not.
  EXPECT_THROW(refuse_benchmark_range_via_default_route(routes, {{ip("198.19.2.1"), ip("198.19.2.1")}}),
               SystemError);
}

TEST(BenchmarkRangeGuardTest, AnUnreachableSafetyRouteIsNotADefaultRoute) {
  Route safety = route("198.18.0.0", 15, "lo");
  safety.is_reject = true;
  const std::vector<Route> routes{route("0.0.0.0", 0, "eth0"), safety};
  // The planner then refuses the reject route itself; this guard has nothing to add.
  EXPECT_NO_THROW(refuse_benchmark_range_via_default_route(routes, {{ip("198.19.1.10"), ip("198.19.1.10")}}));
}

}  // namespace
}  // namespace zeroscan
