// Root only: read_interfaces, read_routes and read_neighbours against a
// namespace whose configuration the test itself made.
#include <algorithm>

#include "namespace_fixture.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/net/next_hop.h"
#include "zeroscan/net/next_hop_plan.h"

namespace zeroscan {
namespace {

class KernelTablesTest : public NamespaceTest {};

TEST_F(KernelTablesTest, ReadsTheInterfacesOfTheNamespace) {
  lab_->scanner.ip("link set zs0 address 02:00:5e:fa:00:01 mtu 1400");
  lab_->scanner.ip("addr add 198.19.250.9/24 dev zs0");  // secondary: not the primary
  EnterNamespace inside(lab_->scanner);

  auto interfaces = read_interfaces();
  ASSERT_EQ(interfaces.size(), 2u);
  InterfaceInfo veth = read_interface("zs0");
  EXPECT_EQ(veth.address, scanner_ip());
  EXPECT_EQ(veth.prefix_length, 24);
  EXPECT_EQ(veth.mac, *MacAddress::parse("02:00:5e:fa:00:01"));
  EXPECT_EQ(veth.mtu, 1400u);
  EXPECT_TRUE(veth.is_up);
  EXPECT_TRUE(veth.has_link_layer);
  EXPECT_FALSE(veth.is_loopback);
  EXPECT_GT(veth.index, 0);

  InterfaceInfo lo = read_interface("lo");
  EXPECT_TRUE(lo.is_loopback);
  EXPECT_TRUE(lo.has_link_layer);
  EXPECT_EQ(lo.address, Ipv4::from_octets(127, 0, 0, 1));
  EXPECT_EQ(lo.prefix_length, 8);

  EXPECT_THROW(read_interface("zs-missing"), SystemError);
}

TEST_F(KernelTablesTest, ReadsMainAndLocalRoutesWithGatewaysMetricsAndRejects) {
  lab_->scanner.ip("route add 198.19.251.0/24 via 198.19.250.2 dev zs0 metric 7");
  lab_->scanner.ip("route add blackhole 198.19.252.0/24");
  lab_->scanner.ip("route add default via 198.19.250.254 dev zs0");
  EnterNamespace inside(lab_->scanner);
  auto routes = read_routes();

  auto find = [&](const char* destination, std::uint8_t prefix, bool local) -> const Route* {
    auto it = std::find_if(routes.begin(), routes.end(), [&](const Route& r) {
      return r.destination == *Ipv4::parse(destination) && r.prefix_length == prefix && r.is_local == local;
    });
    return it == routes.end() ? nullptr : &*it;
  };
  const Route* on_link = find("198.19.250.0", 24, false);
  ASSERT_NE(on_link, nullptr);
  EXPECT_EQ(on_link->interface, "zs0");
  EXPECT_EQ(on_link->gateway, Ipv4());
  EXPECT_EQ(on_link->preferred_source, scanner_ip());

  const Route* via = find("198.19.251.0", 24, false);
  ASSERT_NE(via, nullptr);
  EXPECT_EQ(via->gateway, target_ip());
  EXPECT_EQ(via->metric, 7u);

  const Route* reject = find("198.19.252.0", 24, false);
  ASSERT_NE(reject, nullptr);
  EXPECT_TRUE(reject->is_reject);

  const Route* own = find("198.19.250.1", 32, true);
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->interface, "zs0");
  const Route* loopback = find("127.0.0.0", 8, true);
  ASSERT_NE(loopback, nullptr);
  EXPECT_EQ(loopback->interface, "lo");

  const Route* fallback = find("0.0.0.0", 0, false);
  ASSERT_NE(fallback, nullptr);
  EXPECT_EQ(fallback->gateway, Ipv4::from_octets(198, 19, 250, 254));

  // Broadcast routes of the local table are not routes to scan through.
  EXPECT_EQ(find("198.19.250.255", 32, false), nullptr);
  EXPECT_EQ(find("198.19.250.255", 32, true), nullptr);

  // And the whole thing answers like `ip route get` would.
  EXPECT_EQ(lookup_route(routes, Ipv4::from_octets(198, 19, 251, 9))->gateway, target_ip());
  EXPECT_TRUE(lookup_route(routes, scanner_ip())->is_local);
}

TEST_F(KernelTablesTest, ReadsUsableNeighbourEntriesOnly) {
  lab_->scanner.ip("neigh add 198.19.250.9 lladdr 02:00:5e:fa:00:09 dev zs0 nud permanent");
  lab_->scanner.ip("neigh add 198.19.250.10 lladdr 02:00:5e:fa:00:10 dev zs0 nud stale");
  lab_->scanner.ip("neigh add 198.19.250.11 dev zs0 nud failed");
  EnterNamespace inside(lab_->scanner);

  EXPECT_EQ(neighbour_mac("zs0", Ipv4::from_octets(198, 19, 250, 9)), MacAddress::parse("02:00:5e:fa:00:09"));
  EXPECT_EQ(neighbour_mac("zs0", Ipv4::from_octets(198, 19, 250, 10)), MacAddress::parse("02:00:5e:fa:00:10"));
  EXPECT_FALSE(neighbour_mac("zs0", Ipv4::from_octets(198, 19, 250, 11)).has_value());
  EXPECT_FALSE(neighbour_mac("lo", Ipv4::from_octets(198, 19, 250, 9)).has_value());
  EXPECT_EQ(read_network_tables().neighbours.size(), 2u);
}

}  // namespace
}  // namespace zeroscan
