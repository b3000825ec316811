// Every port and range the seed documents (shared/seeds) discuss is in the
// embedded database under its checked name, and the backdoor flag is set
// exactly where the seeds' trojan ports have no living service.
#include <gtest/gtest.h>

#include "zeroscan/ports/embedded_port_data.h"

namespace zeroscan::ports {
namespace {

struct SeedPort {
  std::uint16_t port;
  Protocol protocol;
  const char* service;
  bool backdoor;
};

std::ostream& operator<<(std::ostream& os, const SeedPort& p) {
  return os << p.port << "/" << to_string(p.protocol) << " " << p.service;
}

const PortDatabase& database() {
  // Loaded once per test binary; tests only read it.
  static const PortDatabase db = load_embedded_port_database();
  return db;
}

class SeedPortTest : public ::testing::TestWithParam<SeedPort> {};

TEST_P(SeedPortTest, IsInTheDatabaseUnderItsCheckedName) {
  const SeedPort& seed = GetParam();
  const PortEntry* entry = database().find(seed.port, seed.protocol);
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->service, seed.service);
  EXPECT_EQ(entry->backdoor, seed.backdoor);
  EXPECT_FALSE(entry->about.empty());
}

constexpr Protocol T = Protocol::Tcp;
constexpr Protocol U = Protocol::Udp;

INSTANTIATE_TEST_SUITE_P(
    SeedDocuments, SeedPortTest,
    ::testing::Values(
        SeedPort{0, T, "reserved", false}, SeedPort{0, U, "reserved", false},
        SeedPort{1, T, "tcpmux", false}, SeedPort{3, T, "compressnet", false},
        SeedPort{7, T, "echo", false}, SeedPort{7, U, "echo", false},
        SeedPort{11, T, "systat", false}, SeedPort{19, T, "chargen", false},
        SeedPort{19, U, "chargen", false}, SeedPort{20, T, "ftp-data", false},
        SeedPort{21, T, "ftp", false}, SeedPort{22, T, "ssh", false}, SeedPort{22, U, "ssh", false},
        SeedPort{23, T, "telnet", false}, SeedPort{25, T, "smtp", false},
        SeedPort{31, T, "msg-auth", true}, SeedPort{42, T, "nameserver", false},
        SeedPort{53, T, "domain", false}, SeedPort{53, U, "domain", false},
        SeedPort{67, U, "dhcps", false}, SeedPort{68, U, "dhcpc", false},
        SeedPort{69, U, "tftp", false}, SeedPort{79, T, "finger", false},
        SeedPort{80, T, "http", false}, SeedPort{98, T, "linuxconf", false},
        SeedPort{99, T, "metagram", true}, SeedPort{102, T, "iso-tsap", false},
        SeedPort{109, T, "pop2", false}, SeedPort{110, T, "pop3", false},
        SeedPort{111, T, "rpcbind", false}, SeedPort{111, U, "rpcbind", false},
        SeedPort{113, T, "ident", false}, SeedPort{118, T, "sqlserv", false},
        SeedPort{119, T, "nntp", false}, SeedPort{123, U, "ntp", false},
        SeedPort{135, T, "msrpc", false}, SeedPort{135, U, "msrpc", false},
        SeedPort{137, U, "netbios-ns", false}, SeedPort{138, U, "netbios-dgm", false},
        SeedPort{139, T, "netbios-ssn", false}, SeedPort{143, T, "imap", false},
        SeedPort{161, U, "snmp", false}, SeedPort{162, U, "snmp-trap", false},
        SeedPort{177, U, "xdmcp", false}, SeedPort{389, T, "ldap", false},
        SeedPort{443, T, "https", false}, SeedPort{445, T, "microsoft-ds", false},
        SeedPort{456, T, "macon", true}, SeedPort{513, T, "login", false},
        SeedPort{513, U, "who", false}, SeedPort{544, T, "kshell", false},
        SeedPort{548, T, "afp", false}, SeedPort{553, U, "pirp", false},
        SeedPort{555, T, "dsf", true}, SeedPort{568, T, "ms-shuttle", false},
        SeedPort{569, T, "ms-rome", false}, SeedPort{600, T, "ipcserver", true},
        SeedPort{635, T, "rlzdbase", false}, SeedPort{635, U, "rlzdbase", false},
        SeedPort{636, T, "ldapssl", false}, SeedPort{666, T, "doom", true},
        SeedPort{993, T, "imaps", false}, SeedPort{1001, T, "silencer", true},
        SeedPort{1011, T, "doly-trojan", true}, SeedPort{1024, T, "reserved", false},
        SeedPort{1025, T, "blackjack", false}, SeedPort{1033, T, "netspy", false},
        SeedPort{1080, T, "socks", false}, SeedPort{1114, T, "mini-sql", false},
        SeedPort{1170, T, "psyber-stream", true}, SeedPort{1234, T, "hotline", false},
        SeedPort{1243, T, "subseven", true}, SeedPort{1245, T, "voodoo-doll", true},
        SeedPort{1433, T, "ms-sql-s", false}, SeedPort{1492, T, "stone-design-1", true},
        SeedPort{1500, T, "vlsi-lm", false}, SeedPort{1503, T, "imtc-mcs", false},
        SeedPort{1524, T, "ingreslock", true}, SeedPort{1600, T, "issd", true},
        SeedPort{1720, T, "h323q931", false}, SeedPort{1731, T, "msiccp", false},
        SeedPort{1807, T, "spysender", true}, SeedPort{1981, T, "shockrave", true},
        SeedPort{1999, T, "tcp-id-port", true}, SeedPort{2000, T, "cisco-sccp", false},
        SeedPort{2001, T, "dc", true}, SeedPort{2023, T, "xinuexpansion3", true},
        SeedPort{2049, T, "nfs", false}, SeedPort{2049, U, "nfs", false},
        SeedPort{2115, T, "bugs", true}, SeedPort{2140, T, "deep-throat", true},
        SeedPort{2500, T, "rtsserv", false}, SeedPort{2583, T, "mon", false},
        SeedPort{2801, T, "igcp", true}, SeedPort{3024, T, "wincrash", true},
        SeedPort{3128, T, "squid-http", false}, SeedPort{3129, T, "master-paradise", false},
        SeedPort{3130, U, "icpv2", false}, SeedPort{3150, T, "deep-throat", true},
        SeedPort{3210, T, "schoolbus", true}, SeedPort{3333, T, "dec-notes", false},
        SeedPort{3372, T, "msdtc", false}, SeedPort{3389, T, "ms-wbt-server", false},
        SeedPort{3700, T, "portal-of-doom", true}, SeedPort{3996, T, "remoteanything", true},
        SeedPort{4000, T, "terabase", false}, SeedPort{4000, U, "terabase", false},
        SeedPort{4060, T, "remoteanything", true}, SeedPort{4092, T, "wincrash", true},
        SeedPort{4321, T, "rwhois", false}, SeedPort{4590, T, "icqtrojan", true},
        SeedPort{5000, T, "upnp", false}, SeedPort{5001, T, "commplex-link", false},
        SeedPort{5321, T, "sockets-de-troie", true}, SeedPort{5632, U, "pcanywherestat", false},
        SeedPort{6000, T, "x11", false}, SeedPort{6711, T, "subseven", true},
        SeedPort{6776, T, "subseven", true}, SeedPort{6970, U, "realaudio", false},
        SeedPort{7170, U, "realaudio", false}, SeedPort{7070, T, "realserver", false},
        SeedPort{7626, T, "glacier", true}, SeedPort{8000, T, "http-alt", false},
        SeedPort{8001, T, "vcom-tunnel", false}, SeedPort{8080, T, "http-proxy", false},
        SeedPort{8888, T, "http-alt-8888", false}, SeedPort{13223, T, "powwow", false},
        SeedPort{17027, T, "conducent", false}, SeedPort{27374, T, "asp", true},
        SeedPort{27910, U, "quake", false}, SeedPort{27961, U, "quake", false},
        SeedPort{30100, T, "netsphere", true}, SeedPort{31337, T, "back-orifice", true},
        SeedPort{31337, U, "back-orifice", true}, SeedPort{31789, U, "hack-a-tack", true},
        SeedPort{31790, U, "hack-a-tack", true}, SeedPort{32770, T, "sun-rpc-high", false},
        SeedPort{32900, U, "sun-rpc-high", false}, SeedPort{33434, U, "traceroute", false},
        SeedPort{33600, U, "traceroute", false}, SeedPort{41508, U, "inoculan", false},
        SeedPort{50505, T, "sockets-de-troie", true}, SeedPort{61000, T, "linux-masquerade", false},
        SeedPort{65095, T, "linux-masquerade", false}));

TEST(SeedRangeTest, RangesEndWhereTheSeedsSay) {
  // One past each seed range must not resolve to the range's entry.
  auto service_at = [](std::uint16_t port, Protocol protocol) -> std::string {
    const PortEntry* entry = database().find(port, protocol);
    return entry ? entry->service : "";
  };
  EXPECT_NE(service_at(7171, Protocol::Udp), "realaudio");
  EXPECT_NE(service_at(6969, Protocol::Udp), "realaudio");
  EXPECT_NE(service_at(33601, Protocol::Udp), "traceroute");
  EXPECT_NE(service_at(33433, Protocol::Udp), "traceroute");
  EXPECT_NE(service_at(32901, Protocol::Tcp), "sun-rpc-high");
  EXPECT_NE(service_at(32769, Protocol::Tcp), "sun-rpc-high");
  EXPECT_NE(service_at(27962, Protocol::Udp), "quake");
  EXPECT_NE(service_at(60999, Protocol::Tcp), "linux-masquerade");
  EXPECT_NE(service_at(65096, Protocol::Tcp), "linux-masquerade");
}

}  // namespace
}  // namespace zeroscan::ports
