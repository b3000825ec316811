// Root only: read_ipv6_routes and read_ipv6_neighbours against a namespace
// holding its loopback, routes the test made (all in 2001:2::/48) and, for
// the neighbour table, a veth pair that is never brought up. Nothing
// there can transmit, so no IPv6 packet (not even DAD or MLD) is sent.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/test_namespace.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/net/ipv6_benchmark_range_guard.h"
#include "zeroscan/net/ipv6_neighbour.h"
#include "zeroscan/net/ipv6_route.h"

namespace zeroscan {
namespace {

Ipv6 a(const char* text) { return *Ipv6::parse(text); }

class Ipv6KernelRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!running_as_root()) GTEST_SKIP() << "needs root: creates a network namespace";
    ns_ = std::make_unique<TestNamespace>("ipv6-routes");
    ns_->ip("link set lo up");
  }
  std::unique_ptr<TestNamespace> ns_;
};

const Ipv6Route* find(const std::vector<Ipv6Route>& routes, const char* destination, std::uint8_t prefix,
                      bool local) {
  const auto it = std::find_if(routes.begin(), routes.end(), [&](const Ipv6Route& r) {
    return r.destination == a(destination) && r.prefix_length == prefix && r.is_local == local;
  });
  return it == routes.end() ? nullptr : &*it;
}

TEST_F(Ipv6KernelRoutesTest, ReadsMainAndLocalRoutesMetricsAndRejects) {
  ns_->ip("-6 route add 2001:2:0:1::/64 dev lo metric 7");
  ns_->ip("-6 route add blackhole 2001:2:0:2::/64");
  ns_->ip("-6 route add unreachable 2001:2::/48");
  ns_->ip("-6 route add local 2001:2:0:5::/64 dev lo");
  ns_->ip("-6 route add default dev lo metric 1000");
  std::vector<Ipv6Route> routes;
  {
    EnterNamespace inside(*ns_);
    routes = read_ipv6_routes();
  }
  const Ipv6Route* on_lo = find(routes, "2001:2:0:1::", 64, false);
  ASSERT_NE(on_lo, nullptr);
  EXPECT_EQ(on_lo->interface, "lo");
  EXPECT_EQ(on_lo->metric, 7u);
  EXPECT_EQ(on_lo->gateway, Ipv6());
  EXPECT_FALSE(on_lo->is_reject);
  const Ipv6Route* blackhole = find(routes, "2001:2:0:2::", 64, false);
  ASSERT_NE(blackhole, nullptr);
  EXPECT_TRUE(blackhole->is_reject);
  const Ipv6Route* safety = find(routes, "2001:2::", 48, false);
  ASSERT_NE(safety, nullptr);
  EXPECT_TRUE(safety->is_reject);
  const Ipv6Route* anyip = find(routes, "2001:2:0:5::", 64, true);
  ASSERT_NE(anyip, nullptr);
  EXPECT_EQ(anyip->interface, "lo");
  const Ipv6Route* loopback = find(routes, "::1", 128, true);
  ASSERT_NE(loopback, nullptr);
  ASSERT_NE(find(routes, "::", 0, false), nullptr);
  // Multicast routes of the local table are not routes to scan through.
  EXPECT_TRUE(std::none_of(routes.begin(), routes.end(),
                           [](const Ipv6Route& r) { return (r.destination.hi >> 56) == 0xff; }));

  EXPECT_EQ(lookup_ipv6_route(routes, a("2001:2:0:1::9"))->interface, "lo");
  EXPECT_TRUE(lookup_ipv6_route(routes, a("2001:2:0:5::9"))->is_local);
  EXPECT_TRUE(lookup_ipv6_route(routes, a("2001:2:0:9::9"))->is_reject);
}

TEST_F(Ipv6KernelRoutesTest, TheGuardSeesTheSafetyRouteAndItsAbsence) {
  ns_->ip("-6 route add default dev lo");
  ns_->ip("-6 route add unreachable 2001:2::/48");
  std::vector<Ipv6Route> with_safety, without_safety;
  {
    EnterNamespace inside(*ns_);
    with_safety = read_ipv6_routes();
  }
  ns_->ip("-6 route del unreachable 2001:2::/48");
  {
    EnterNamespace inside(*ns_);
    without_safety = read_ipv6_routes();
  }
  const std::vector<Ipv6Range> targets{{a("2001:2:0:9::1"), a("2001:2:0:9::ff")}};
  EXPECT_NO_THROW(refuse_ipv6_benchmark_range_via_default_route(with_safety, targets));
  EXPECT_THROW(refuse_ipv6_benchmark_range_via_default_route(without_safety, targets), SystemError);
}

TEST_F(Ipv6KernelRoutesTest, ReadsUsableNeighbourEntriesOnly) {
  // A link-layer device (a veth pair, both ends in here), kept down:
  // entries can be added, nothing is sent.
  ns_->ip("link add zs6 type veth peer name zs7");
  ns_->ip("-6 neigh add 2001:2::5 lladdr 02:00:5e:00:06:05 dev zs6 nud permanent");
  ns_->ip("-6 neigh add 2001:2::6 lladdr 02:00:5e:00:06:06 dev zs6 nud stale");
  ns_->ip("-6 neigh add 2001:2::7 dev zs6 nud failed");  // no MAC: not usable
  std::vector<Ipv6Neighbour> neighbours;
  {
    EnterNamespace inside(*ns_);
    neighbours = read_ipv6_neighbours();
  }
  std::sort(neighbours.begin(), neighbours.end(),
            [](const Ipv6Neighbour& x, const Ipv6Neighbour& y) { return x.address < y.address; });
  ASSERT_EQ(neighbours.size(), 2u);
  EXPECT_EQ(neighbours[0].interface, "zs6");
  EXPECT_EQ(neighbours[0].address, a("2001:2::5"));
  EXPECT_EQ(neighbours[0].mac, *MacAddress::parse("02:00:5e:00:06:05"));
  EXPECT_EQ(neighbours[1].address, a("2001:2::6"));
  EXPECT_EQ(neighbours[1].mac, *MacAddress::parse("02:00:5e:00:06:06"));
}

}  // namespace
}  // namespace zeroscan
