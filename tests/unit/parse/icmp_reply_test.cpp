// parse_reply over ICMP errors quoting probes made by ProbeTemplate: the
// quote is read back to the fields the cookie check needs, whatever the
// error type and however much of the probe the router quoted.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "reply_frames.h"
#include "zeroscan/parse/reply_parser.h"
#include "zeroscan/probe/probe_template.h"

namespace zeroscan {
namespace {

using test::Bytes;

constexpr Ipv4 kScanner = Ipv4::from_octets(127, 0, 0, 1);
constexpr Ipv4 kTarget = Ipv4::from_octets(127, 0, 0, 2);
constexpr Ipv4 kRouter = Ipv4::from_octets(127, 0, 0, 254);
constexpr std::uint16_t kPort = 8443;
const ProbeFields kFields{45678, 0xc0ffee11, 0, 0x4d2f};

// Our probe as it left: IP header first, as ICMP quotes it.
Bytes probe_packet(ProbeKind kind) {
  TemplateOptions options;
  options.ethernet = false;
  options.src_ip = kScanner;
  const ProbeTemplate probe(kind, options);
  Bytes bytes(probe.size());
  probe.stamp(bytes.data(), kTarget, kPort, kFields);
  return bytes;
}

struct IcmpCase {
  std::string name;
  Tins::ICMP::Flags type;
  std::uint8_t code;
  ProbeKind probe;
  std::function<Bytes(Bytes)> quote;  // what the router put after the ICMP header
};

Bytes whole(Bytes probe) { return probe; }
Bytes first_28_bytes(Bytes probe) { return Bytes(probe.begin(), probe.begin() + 28); }
// An IP header with 4 bytes of options (IHL 6), then the 8 TCP bytes.
Bytes with_ip_options(Bytes probe) {
  // Built at its final size: GCC 12 misreads insert() into a fresh
  // 20-byte vector as a write past its end (-Warray-bounds).
  Bytes quote(32);
  std::copy(probe.begin(), probe.begin() + 20, quote.begin());
  quote[0] = 0x46;
  const Bytes options = {1, 1, 1, 0};  // NOP NOP NOP EOL
  std::copy(options.begin(), options.end(), quote.begin() + 20);
  std::copy(probe.begin() + 20, probe.begin() + 28, quote.begin() + 24);
  return quote;
}
// NAT or a buggy router rewrote the quoted header without fixing its checksum.
Bytes with_broken_quoted_checksum(Bytes probe) {
  probe[10] ^= 0xff;
  return probe;
}

const std::vector<IcmpCase>& icmp_cases() {
  static const std::vector<IcmpCase> cases = {
      {"PortUnreachableQuotingWholeSyn", Tins::ICMP::DEST_UNREACHABLE, 3, ProbeKind::Syn, whole},
      {"AdminProhibitedQuotingEightBytes", Tins::ICMP::DEST_UNREACHABLE, 13, ProbeKind::Syn, first_28_bytes},
      {"HostUnreachableQuotingAck", Tins::ICMP::DEST_UNREACHABLE, 1, ProbeKind::Ack, whole},
      {"TimeExceeded", Tins::ICMP::TIME_EXCEEDED, 0, ProbeKind::Syn, first_28_bytes},
      {"SourceQuench", Tins::ICMP::SOURCE_QUENCH, 0, ProbeKind::Ack, first_28_bytes},
      {"ParameterProblem", Tins::ICMP::PARAM_PROBLEM, 0, ProbeKind::Syn, whole},
      {"QuoteWithIpOptions", Tins::ICMP::DEST_UNREACHABLE, 10, ProbeKind::Syn, with_ip_options},
      {"QuoteWithBrokenChecksum", Tins::ICMP::DEST_UNREACHABLE, 3, ProbeKind::Syn,
       with_broken_quoted_checksum},
  };
  return cases;
}

class IcmpReplyTest : public ::testing::TestWithParam<std::size_t> {
 protected:
  const IcmpCase& icmp_case() const { return icmp_cases()[GetParam()]; }
  Tins::IP packet() const {
    return test::build_icmp_error(icmp_case().type, icmp_case().code,
                                  icmp_case().quote(probe_packet(icmp_case().probe)), kRouter);
  }
  Reply expected() const {
    Reply reply;
    reply.kind = ReplyKind::IcmpError;
    const test::IpSpec outer;
    reply.ip.src = kRouter;
    reply.ip.dst = outer.dst;
    reply.ip.ttl = outer.ttl;
    reply.ip.id = outer.id;
    reply.ip.df = false;
    reply.ip.total_length = std::uint16_t(packet().size());
    reply.icmp.type = std::uint8_t(icmp_case().type);
    reply.icmp.code = icmp_case().code;
    reply.icmp.quoted = QuotedProbe{kScanner, kTarget, 6, kFields.ip_id, kFields.src_port, kPort, kFields.seq};
    return reply;
  }
};

TEST_P(IcmpReplyTest, ReadsTypeCodeAndQuotedProbe) {
  Tins::IP ip = packet();
  const Bytes frame = test::ethernet_frame(ip);
  const auto got = test::parse_all(frame, LinkType::Ethernet);
  ASSERT_TRUE(got.has_value());
  test::expect_same_reply(*got, expected());
}

TEST_P(IcmpReplyTest, EveryTruncationIsRejected) {
  Tins::IP ip = packet();
  const Bytes frame = ip.serialize();
  for (std::size_t size = 0; size < frame.size(); ++size)
    ASSERT_FALSE(test::parse_exact(frame, size, LinkType::RawIp).has_value()) << "size " << size;
  const auto got = test::parse_all(frame, LinkType::RawIp);
  ASSERT_TRUE(got.has_value());
  test::expect_same_reply(*got, expected());
}

INSTANTIATE_TEST_SUITE_P(Errors, IcmpReplyTest, ::testing::Range<std::size_t>(0, icmp_cases().size()),
                         [](const auto& info) { return icmp_cases()[info.param].name; });

// Quotes that cannot identify a TCP probe: each must be rejected.
struct BadQuote {
  std::string name;
  std::function<Bytes(Bytes)> quote;
};

class IcmpBadQuoteTest : public ::testing::TestWithParam<BadQuote> {};

TEST_P(IcmpBadQuoteTest, IsRejected) {
  Tins::IP ip = test::build_icmp_error(Tins::ICMP::DEST_UNREACHABLE, 3,
                                       GetParam().quote(probe_packet(ProbeKind::Syn)));
  EXPECT_FALSE(test::parse_all(test::ethernet_frame(ip), LinkType::Ethernet).has_value());
}

INSTANTIATE_TEST_SUITE_P(
    Quotes, IcmpBadQuoteTest,
    ::testing::Values(
        BadQuote{"SevenTcpBytes", [](Bytes p) { return Bytes(p.begin(), p.begin() + 27); }},
        BadQuote{"IpHeaderOnly", [](Bytes p) { return Bytes(p.begin(), p.begin() + 20); }},
        BadQuote{"HalfAnIpHeader", [](Bytes p) { return Bytes(p.begin(), p.begin() + 10); }},
        BadQuote{"Nothing", [](Bytes) { return Bytes{}; }},
        BadQuote{"QuotedIhlPastTheQuote",
                 [](Bytes p) {
                   p.resize(28);
                   p[0] = 0x47;  // 28-byte header leaves no TCP bytes
                   return p;
                 }},
        BadQuote{"QuotedIhlBelowFive",
                 [](Bytes p) {
                   p[0] = 0x44;
                   return p;
                 }},
        BadQuote{"QuotedVersionSix",
                 [](Bytes p) {
                   p[0] = 0x65;
                   return p;
                 }},
        BadQuote{"QuotedUdp",
                 [](Bytes p) {
                   p[9] = 17;
                   return p;
                 }},
        // ICMP is quoted too now (-sn's echo requests): icmp_echo_test.cpp.
        BadQuote{"QuotedIgmp",
                 [](Bytes p) {
                   p[9] = 2;
                   return p;
                 }},
        BadQuote{"QuotedLaterFragment",
                 [](Bytes p) {
                   p[6] = 0x00, p[7] = 0x01;  // offset 8 bytes: no TCP header in it
                   return p;
                 }}),
    [](const auto& info) { return info.param.name; });

// Echo replies and requests are parsed as echo messages (icmp_echo_test.cpp).
TEST(IcmpReplyOtherTypes, NonErrorTypesAreRejectedEvenWhenQuotingTcp) {
  for (auto type : {Tins::ICMP::REDIRECT, Tins::ICMP::TIMESTAMP_REPLY, Tins::ICMP::TIMESTAMP_REQUEST,
                    Tins::ICMP::ADDRESS_MASK_REPLY}) {
    Tins::IP ip = test::build_icmp_error(type, 0, probe_packet(ProbeKind::Syn));
    EXPECT_FALSE(test::parse_all(ip.serialize(), LinkType::RawIp).has_value()) << int(type);
  }
}

TEST(IcmpReplyOtherTypes, IcmpShorterThanItsHeaderIsRejected) {
  test::IpSpec spec;
  Tins::IP ip = test::build_ip(spec) / Tins::RawPDU(Bytes{3, 3, 0, 0, 0, 0, 0});  // 7 bytes
  ip.protocol(1);
  Bytes bytes = ip.serialize();
  ASSERT_EQ(bytes[9], 1);
  EXPECT_FALSE(test::parse_all(bytes, LinkType::RawIp).has_value());
}

}  // namespace
}  // namespace zeroscan
