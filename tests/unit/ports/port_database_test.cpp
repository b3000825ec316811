// The embedded database as a whole: it loads, keys are unique, classes are
// right at the IANA boundaries, lookups prefer the most specific entry, the
// annotation API behaves as the output layer expects, and the ranking holds
// at least 1000 distinct TCP ports.
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "zeroscan/core/errors.h"
#include "zeroscan/ports/embedded_port_data.h"

namespace zeroscan::ports {
namespace {

const PortDatabase& database() {
  static const PortDatabase db = load_embedded_port_database();
  return db;
}

TEST(PortDatabaseTest, KeysAreUnique) {
  std::set<std::string> keys;
  for (const auto& entry : database().entries())
    EXPECT_TRUE(keys.insert(entry.key()).second) << "duplicate " << entry.key();
}

TEST(PortDatabaseTest, EveryEntryIsDescribed) {
  for (const auto& entry : database().entries())
    EXPECT_FALSE(entry.about.empty()) << entry.key() << " (" << entry.source << ")";
}

TEST(PortDatabaseTest, BackdoorEntriesNameTheirTrojansAndAreCritical) {
  ASSERT_FALSE(database().backdoors().empty());
  for (const PortEntry* entry : database().backdoors()) {
    EXPECT_FALSE(entry->trojans.empty()) << entry->key();
    EXPECT_EQ(entry->risk, Risk::Critical) << entry->key();
  }
}

TEST(PortDatabaseTest, EveryNetbaseServiceIsPresentUnderItsNameOrAsAlias) {
  // Guards against a stale generated services.db: compare with the live
  // /etc/services when the machine has one. Where we use nmap's name,
  // netbase's must stay an alias.
  std::ifstream services("/etc/services");
  if (!services) GTEST_SKIP() << "no /etc/services on this machine";
  std::string line;
  int checked = 0;
  while (std::getline(services, line)) {
    std::istringstream fields(line.substr(0, line.find('#')));
    std::string name, port_proto;
    if (!(fields >> name >> port_proto)) continue;
    const auto slash = port_proto.find('/');
    const auto protocol = parse_protocol(port_proto.substr(slash + 1));
    if (!protocol) continue;  // ddp, sctp
    const auto port = static_cast<std::uint16_t>(std::stoi(port_proto.substr(0, slash)));
    const PortEntry* entry = database().find(port, *protocol);
    ASSERT_NE(entry, nullptr) << port_proto;
    if (entry->service != name) {
      EXPECT_NE(std::find(entry->aliases.begin(), entry->aliases.end(), name), entry->aliases.end())
          << port_proto << " is " << entry->service << " without netbase's " << name << " as alias";
    }
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

struct ClassCase {
  std::uint16_t port;
  PortClass expected;
};

class PortClassBoundaryTest : public ::testing::TestWithParam<ClassCase> {};

TEST_P(PortClassBoundaryTest, ClassFollowsIanaRanges) {
  const auto [port, expected] = GetParam();
  EXPECT_EQ(class_of(port), expected);
  EXPECT_EQ(database().annotate(port, Protocol::Tcp).port_class, expected);
  if (const PortEntry* entry = database().find(port, Protocol::Tcp)) {
    EXPECT_EQ(entry->port_class(), expected);
  }
}

INSTANTIATE_TEST_SUITE_P(Boundaries, PortClassBoundaryTest,
                         ::testing::Values(ClassCase{0, PortClass::WellKnown},
                                           ClassCase{1023, PortClass::WellKnown},
                                           ClassCase{1024, PortClass::Registered},
                                           ClassCase{49151, PortClass::Registered},
                                           ClassCase{49152, PortClass::Dynamic},
                                           ClassCase{65535, PortClass::Dynamic}));

TEST(PortDatabaseTest, NoEntrySpansTwoClasses) {
  for (const auto& entry : database().entries())
    EXPECT_EQ(class_of(entry.range.first), class_of(entry.range.last)) << entry.key();
}

TEST(PortDatabaseTest, SinglePortBeatsTheRangeAroundIt) {
  // 7000/udp is AFS inside the RealAudio range 6970-7170.
  EXPECT_EQ(database().find(7000, Protocol::Udp)->service, "afs3-fileserver");
  EXPECT_EQ(database().find(7010, Protocol::Udp)->service, "realaudio");
  // Squid on 3128 inside MyDoom's backdoor range 3127-3198.
  EXPECT_EQ(database().find(3128, Protocol::Tcp)->service, "squid-http");
}

TEST(PortAnnotationTest, BackdoorPortCarriesWarningNamingTheTrojan) {
  const PortAnnotation a = database().annotate(31337, "udp");
  EXPECT_EQ(a.service, "back-orifice");
  EXPECT_EQ(a.risk, Risk::Critical);
  EXPECT_NE(a.warning.find("Back Orifice"), std::string::npos);
}

TEST(PortAnnotationTest, OrdinaryServiceHasNoWarningEvenWithTrojanHistory) {
  // Trojans once used 21 and 80, but an open web or FTP port is no alarm.
  for (std::uint16_t port : {21, 22, 80}) {
    const PortAnnotation a = database().annotate(port, Protocol::Tcp);
    EXPECT_TRUE(a.known());
    EXPECT_TRUE(a.warning.empty()) << port;
  }
  EXPECT_EQ(database().annotate(22, Protocol::Tcp).service, "ssh");
}

TEST(PortAnnotationTest, WormBackdoorPortsWarn) {
  for (std::uint16_t port : {5554, 9996, 3127, 3160, 3198}) {
    const PortAnnotation a = database().annotate(port, Protocol::Tcp);
    EXPECT_EQ(a.risk, Risk::Critical) << port;
    EXPECT_FALSE(a.warning.empty()) << port;
  }
  EXPECT_NE(database().annotate(3127, Protocol::Tcp).warning.find("MyDoom"), std::string::npos);
  EXPECT_NE(database().annotate(9996, Protocol::Tcp).warning.find("Sasser"), std::string::npos);
  // Squid on 3128 sits inside MyDoom's range but keeps its own, quiet entry.
  EXPECT_TRUE(database().annotate(3128, Protocol::Tcp).warning.empty());
  EXPECT_TRUE(database().annotate(3199, Protocol::Tcp).warning.empty());
}

TEST(PortAnnotationTest, IphoneSyncIsNotLinuxMasquerading) {
  EXPECT_EQ(database().annotate(62078, Protocol::Tcp).service, "iphone-sync");
  // Linux 2.2 masqueraded from 61000 through 65095 (4096 ports), not to 65535.
  EXPECT_EQ(database().annotate(61000, Protocol::Tcp).service, "linux-masquerade");
  EXPECT_EQ(database().annotate(65095, Protocol::Tcp).service, "linux-masquerade");
  EXPECT_NE(database().annotate(65096, Protocol::Tcp).service, "linux-masquerade");
}

TEST(PortAnnotationTest, ServiceNamesFollowNmapWithNetbaseNameAsAlias) {
  // nmap's output names these so; the same names keep ndiff quiet.
  const struct {
    std::uint16_t port;
    Protocol protocol;
    const char* nmap_name;
    const char* netbase_name;
  } cases[] = {{8080, Protocol::Tcp, "http-proxy", "http-alt"}, {135, Protocol::Tcp, "msrpc", "epmap"},
               {111, Protocol::Tcp, "rpcbind", "sunrpc"},        {143, Protocol::Tcp, "imap", "imap2"},
               {5900, Protocol::Tcp, "vnc", "rfb"},              {67, Protocol::Udp, "dhcps", "bootps"},
               // Hand-written entries checked against nmap's nmap-services
               // (IANA's name kept as the alias).
               {98, Protocol::Tcp, "linuxconf", "tacnews"},      {135, Protocol::Udp, "msrpc", "epmap"},
               {456, Protocol::Tcp, "macon", "macon-tcp"},       {1234, Protocol::Tcp, "hotline", "search-agent"},
               {1900, Protocol::Udp, "upnp", "ssdp"},            {3372, Protocol::Tcp, "msdtc", "tip2"},
               {7070, Protocol::Tcp, "realserver", "arcp"}};
  for (const auto& c : cases) {
    const PortEntry* entry = database().find(c.port, c.protocol);
    ASSERT_NE(entry, nullptr) << c.port;
    EXPECT_EQ(entry->service, c.nmap_name);
    EXPECT_NE(std::find(entry->aliases.begin(), entry->aliases.end(), c.netbase_name), entry->aliases.end())
        << c.port;
    EXPECT_EQ(std::find(entry->aliases.begin(), entry->aliases.end(), c.nmap_name), entry->aliases.end())
        << c.port;
  }
}

TEST(PortAnnotationTest, XinuExpansionPortsAreNumberedAsRegistered) {
  // IANA (and nmap-services): 2021-2024 are xinuexpansion1-4; 2023 was
  // written from memory as xinuexpansion4.
  const PortEntry* entry = database().find(2023, Protocol::Tcp);
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->service, "xinuexpansion3");
}

TEST(PortAnnotationTest, UnknownPortHasClassButNoServiceOrRisk) {
  const PortAnnotation a = database().annotate(47999, Protocol::Tcp);
  EXPECT_FALSE(a.known());
  EXPECT_TRUE(a.service.empty());
  EXPECT_FALSE(a.risk.has_value());
  EXPECT_EQ(a.port_class, PortClass::Registered);
}

TEST(PortAnnotationTest, ProtocolTextIsCheckedAndCaseInsensitive) {
  EXPECT_EQ(database().annotate(53, "UDP").service, "domain");
  EXPECT_THROW(database().annotate(53, "sctp"), UsageError);
}

TEST(TopPortsTest, RanksAtLeastAThousandDistinctTcpPorts) {
  const auto top = database().top_ports(1000);
  ASSERT_EQ(top.size(), 1000u);
  EXPECT_EQ(std::set<std::uint16_t>(top.begin(), top.end()).size(), top.size());
  EXPECT_EQ(std::count(top.begin(), top.end(), 0), 0);  // port 0 is never a service
}

TEST(TopPortsTest, ShorterRankingIsAPrefixOfLongerOne) {
  const auto ten = database().top_ports(10);
  const auto hundred = database().top_ports(100);
  ASSERT_EQ(ten.size(), 10u);
  EXPECT_TRUE(std::equal(ten.begin(), ten.end(), hundred.begin()));
}

TEST(TopPortsTest, AskingForMoreThanTheRankingReturnsAllOfIt) {
  const std::size_t size = database().ranking_size(Protocol::Udp);
  ASSERT_GT(size, 0u);
  EXPECT_EQ(database().top_ports(size + 50, Protocol::Udp).size(), size);
}

TEST(TopPortsTest, CuratedHeadIsCommonServices) {
  // The head of our ranking must be the everyday services.
  const auto top = database().top_ports(10);
  for (std::uint16_t port : {80, 443, 22})
    EXPECT_NE(std::find(top.begin(), top.end(), port), top.end()) << port;
}

}  // namespace
}  // namespace zeroscan::ports
