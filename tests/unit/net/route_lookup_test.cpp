// lookup_route: local routes first, then longest prefix, then lowest metric.
#include <gtest/gtest.h>

#include "zeroscan/net/next_hop.h"

namespace zeroscan {
namespace {

Ipv4 ip(const char* text) { return *Ipv4::parse(text); }

Route route(const char* destination, std::uint8_t prefix, const char* gateway, const char* interface,
            std::uint32_t metric = 0, bool local = false) {
  Route r;
  r.destination = ip(destination);
  r.prefix_length = prefix;
  r.gateway = ip(gateway);
  r.interface = interface;
  r.metric = metric;
  r.is_local = local;
  return r;
}

const std::vector<Route>& table() {
  static const std::vector<Route> routes = {
      route("0.0.0.0", 0, "198.19.250.1", "eth0", 100),
      route("0.0.0.0", 0, "198.19.251.1", "eth1", 50),
      route("198.19.250.0", 24, "0.0.0.0", "eth0"),
      route("198.19.250.128", 25, "198.19.250.2", "eth0"),
      route("198.19.252.0", 24, "198.19.250.3", "eth0", 20),
      route("198.19.252.0", 24, "198.19.250.4", "eth0", 10),
      route("127.0.0.0", 8, "0.0.0.0", "lo", 0, true),
      route("198.19.250.7", 32, "0.0.0.0", "eth0", 0, true),
      // More specific than the local /8, but the kernel's local table wins.
      route("127.0.0.0", 24, "198.19.250.9", "eth0"),
  };
  return routes;
}

struct LookupCase {
  const char* destination;
  const char* expected_gateway;
  const char* expected_interface;
  bool expected_local;
};

class RouteLookupTest : public ::testing::TestWithParam<LookupCase> {};

TEST_P(RouteLookupTest, PicksTheRouteTheKernelWould) {
  const LookupCase& c = GetParam();
  auto found = lookup_route(table(), ip(c.destination));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->gateway, ip(c.expected_gateway));
  EXPECT_EQ(found->interface, c.expected_interface);
  EXPECT_EQ(found->is_local, c.expected_local);
}

INSTANTIATE_TEST_SUITE_P(
    Table, RouteLookupTest,
    ::testing::Values(LookupCase{"8.8.8.8", "198.19.251.1", "eth1", false},        // default: lower metric
                      LookupCase{"198.19.250.5", "0.0.0.0", "eth0", false},        // on-link /24
                      LookupCase{"198.19.250.200", "198.19.250.2", "eth0", false}, // /25 beats /24
                      LookupCase{"198.19.250.127", "0.0.0.0", "eth0", false},      // just below the /25
                      LookupCase{"198.19.252.1", "198.19.250.4", "eth0", false},   // equal prefix: metric
                      LookupCase{"198.19.250.7", "0.0.0.0", "eth0", true},         // our own address
                      LookupCase{"127.0.0.5", "0.0.0.0", "lo", true}));            // local table first

TEST(RouteLookupTest, NoMatchWithoutDefaultRoute) {
  std::vector<Route> routes = {route("198.19.250.0", 24, "0.0.0.0", "eth0")};
  EXPECT_FALSE(lookup_route(routes, ip("198.19.251.1")).has_value());
  EXPECT_FALSE(lookup_route({}, ip("198.19.250.1")).has_value());
}

TEST(RouteLookupTest, HostRouteMatchesOnlyItsAddress) {
  std::vector<Route> routes = {route("198.19.250.9", 32, "198.19.250.1", "eth0")};
  EXPECT_TRUE(lookup_route(routes, ip("198.19.250.9")).has_value());
  EXPECT_FALSE(lookup_route(routes, ip("198.19.250.8")).has_value());
  EXPECT_FALSE(lookup_route(routes, ip("198.19.250.10")).has_value());
}

}  // namespace
}  // namespace zeroscan
