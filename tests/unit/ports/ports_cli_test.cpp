// "zeroscan ports" as a user meets it: lookups by number, name, range,
// trojan and class; JSON for machines; one clear line and exit 2 for bad input.
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "zeroscan/ports/embedded_port_data.h"
#include "zeroscan/ports/ports_cli.h"

namespace zeroscan::ports {
namespace {

const PortDatabase& database() {
  static const PortDatabase db = load_embedded_port_database();
  return db;
}

struct CliResult {
  int code;
  std::string out, err;
};

CliResult run(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = run_ports_cli(args, database(), out, err);
  return {code, out.str(), err.str()};
}

TEST(PortsCliTest, PortNumberShowsACard) {
  const CliResult r = run({"445"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out.rfind("445/tcp  microsoft-ds  well-known, risk high", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("abuse:"), std::string::npos);
}

TEST(PortsCliTest, ServiceNameFindsEveryProtocol) {
  const CliResult r = run({"domain"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("53/tcp  domain"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("53/udp  domain"), std::string::npos) << r.out;
}

TEST(PortsCliTest, AliasAndTrojanNamesWork) {
  EXPECT_NE(run({"auth"}).out.find("113/tcp  ident"), std::string::npos);
  const CliResult sub7 = run({"SubSeven", "--json"});
  const auto j = nlohmann::json::parse(sub7.out);
  std::set<int> ports;
  for (const auto& e : j) ports.insert(e["first"].get<int>());
  for (int port : {1243, 6711, 6776, 27374}) EXPECT_EQ(ports.count(port), 1u) << port;
}

TEST(PortsCliTest, RangeListsEntriesInside) {
  const auto j = nlohmann::json::parse(run({"1000-1100", "--json"}).out);
  ASSERT_FALSE(j.empty());
  for (const auto& e : j) {
    EXPECT_LE(e["first"].get<int>(), 1100);
    EXPECT_GE(e["last"].get<int>(), 1000);
  }
}

TEST(PortsCliTest, UnknownPortStillGetsItsClass) {
  const CliResult r = run({"47999", "--proto", "tcp"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("47999/tcp  (not in the database)  registered"), std::string::npos) << r.out;
}

TEST(PortsCliTest, TrojansListsOnlyBackdoorsWithWarnings) {
  const auto j = nlohmann::json::parse(run({"--trojans", "--json"}).out);
  ASSERT_EQ(j.size(), database().backdoors().size());
  for (const auto& e : j) {
    EXPECT_TRUE(e["backdoor"].get<bool>());
    EXPECT_TRUE(e.contains("warning"));
  }
}

TEST(PortsCliTest, ClassFilterKeepsOnlyThatClass) {
  const auto j = nlohmann::json::parse(run({"--class", "dynamic", "--json"}).out);
  ASSERT_FALSE(j.empty());
  for (const auto& e : j) EXPECT_GE(e["first"].get<int>(), 49152);
  const auto wk = nlohmann::json::parse(run({"--class", "well-known", "--proto", "udp", "--json"}).out);
  for (const auto& e : wk) {
    EXPECT_LE(e["last"].get<int>(), 1023);
    EXPECT_EQ(e["protocol"], "udp");
  }
}

TEST(PortsCliTest, TopListsTheRankingInOrder) {
  const auto j = nlohmann::json::parse(run({"--top", "5", "--json"}).out);
  const auto expected = database().top_ports(5);
  ASSERT_EQ(j.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(j[i]["first"], expected[i]);
}

TEST(PortsCliTest, EmptyRangeExitsOne) {
  // 48500-48600 holds no entry (checked here, not assumed).
  ASSERT_TRUE(database().overlapping(PortRange{48500, 48600}).empty());
  const CliResult r = run({"48500-48600"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("no entries match"), std::string::npos);
}

std::set<int> first_ports(const std::string& json_text) {
  std::set<int> ports;
  for (const auto& e : nlohmann::json::parse(json_text)) ports.insert(e["first"].get<int>());
  return ports;
}

TEST(PortsCliTest, PortWithProtocolSuffixShowsOnlyThatProtocol) {
  const CliResult ssh = run({"22/tcp"});
  EXPECT_EQ(ssh.code, 0) << ssh.err;
  EXPECT_EQ(ssh.out.rfind("22/tcp  ssh", 0), 0u) << ssh.out;
  const auto dns = nlohmann::json::parse(run({"53/UDP", "--json"}).out);
  ASSERT_EQ(dns.size(), 1u);
  EXPECT_EQ(dns[0]["protocol"], "udp");
}

TEST(PortsCliTest, CommaListShowsEachItem) {
  EXPECT_EQ(first_ports(run({"1,2,3", "--json"}).out), (std::set<int>{1, 2, 3}));
  EXPECT_EQ(first_ports(run({"22/tcp,ssh,80", "--json"}).out), (std::set<int>{22, 80}));
}

TEST(PortsCliTest, WormNamesFindTheirPorts) {
  const std::set<int> sasser = first_ports(run({"sasser", "--json"}).out);
  for (int port : {5554, 9996}) EXPECT_EQ(sasser.count(port), 1u) << port;
  EXPECT_EQ(first_ports(run({"mydoom", "--json"}).out).count(3127), 1u);
}

TEST(PortsCliTest, Port3IsCompressnetNotAScanningScript) {
  const CliResult r = run({"3"});
  EXPECT_EQ(r.out.rfind("3/tcp  compressnet  well-known", 0), 0u) << r.out;
  EXPECT_EQ(r.out.find("sscan-probes"), std::string::npos) << r.out;
}

TEST(PortsCliTest, SubSevenCardNamesItsRegistrationWithoutContradiction) {
  const CliResult r = run({"27374/tcp"});
  EXPECT_EQ(r.out.rfind("27374/tcp  asp  registered, risk critical, IANA name", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("WARNING: known backdoor port: SubSeven"), std::string::npos) << r.out;
}

TEST(PortsCliTest, CardsNeverTellTheMaintainersStory) {
  // Corrections of the source documents are comments in knowledge.db, never
  // card text: no "(Chinese)", "one writes it '1 10'", "seeds", "we keep".
  const CliResult all = run({"0-65535"});
  ASSERT_EQ(all.code, 0);
  for (const char* phrase : {"seed", "Seed", "(Chinese)", "one writes it", "we keep", "We keep"})
    EXPECT_EQ(all.out.find(phrase), std::string::npos) << phrase;
}

struct BadInput {
  std::vector<std::string> args;
  const char* message;
};

class PortsBadInputTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(PortsBadInputTest, GivesOneLineAndExitTwo) {
  const CliResult r = run(GetParam().args);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.rfind("zeroscan ports: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(GetParam().message), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Args, PortsBadInputTest,
    ::testing::Values(BadInput{{"nosuchservice"}, "unknown port or service 'nosuchservice'"},
                      BadInput{{"70000"}, "'70000' is not a port"},
                      BadInput{{"100-50"}, "'100-50' is not a port"},
                      BadInput{{"--class", "huge"}, "unknown class 'huge'"},
                      BadInput{{"22", "--proto", "icmp"}, "unknown protocol 'icmp'"},
                      BadInput{{"--top", "5", "22"}, "--top"},
                      BadInput{{"--top", "many"}, "--top"},
                      BadInput{{}, "nothing to show"},
                      BadInput{{"1,,3"}, "empty item in the port list '1,,3'"},
                      BadInput{{"22/sctp"}, "unknown port or service '22/sctp'"},
                      BadInput{{"--bogus"}, "--bogus"}));

}  // namespace
}  // namespace zeroscan::ports
