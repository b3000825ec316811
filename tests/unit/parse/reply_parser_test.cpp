// parse_reply over well-formed replies built with libtins: SYN-ACKs with the
// option sets real stacks send, RSTs, payloads, each wrapped in every link
// framing, and every truncation of each frame.
#include "zeroscan/parse/reply_parser.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "reply_frames.h"

namespace zeroscan {
namespace {

using test::Bytes;
using test::TcpSpec;
using Opt = Tins::TCP::option;

using test::tcp_option;

Opt mss(std::uint16_t v) { return tcp_option(Tins::TCP::MSS, {std::uint8_t(v >> 8), std::uint8_t(v)}); }
Opt wscale(std::uint8_t v) { return tcp_option(Tins::TCP::WSCALE, {v}); }
Opt sack_ok() { return tcp_option(Tins::TCP::SACK_OK); }
Opt nop() { return tcp_option(Tins::TCP::NOP); }
Opt eol() { return tcp_option(Tins::TCP::EOL); }
Opt timestamp(std::uint32_t val, std::uint32_t ecr) {
  return tcp_option(Tins::TCP::TSOPT,
             {std::uint8_t(val >> 24), std::uint8_t(val >> 16), std::uint8_t(val >> 8), std::uint8_t(val),
              std::uint8_t(ecr >> 24), std::uint8_t(ecr >> 16), std::uint8_t(ecr >> 8), std::uint8_t(ecr)});
}

// One reply: how to build it, and what parse_reply must make of it.
struct TcpCase {
  std::string name;
  std::function<void(TcpSpec&)> shape;
  std::string layout;  // libtins pads the option list to 4 bytes with NOPs
  std::function<void(TcpOptions&)> option_values = [](TcpOptions&) {};
};

const std::vector<TcpCase>& tcp_cases() {
  static const std::vector<TcpCase> cases = {
      {"SynAckLinux",
       [](TcpSpec& s) { s.options = {mss(1460), sack_ok(), timestamp(123456789, 0xfeedf00d), nop(), wscale(7)}; },
       "MSTNW",
       [](TcpOptions& o) {
         o.has_mss = true, o.mss = 1460, o.sack_permitted = true, o.has_timestamp = true;
         o.ts_val = 123456789, o.ts_ecr = 0xfeedf00d, o.has_wscale = true, o.wscale = 7;
       }},
      {"SynAckWindows",
       [](TcpSpec& s) { s.options = {mss(1380), nop(), wscale(8), nop(), nop(), sack_ok()}; },
       "MNWNNS",
       [](TcpOptions& o) {
         o.has_mss = true, o.mss = 1380, o.has_wscale = true, o.wscale = 8, o.sack_permitted = true;
       }},
      {"SynAckMssOnly", [](TcpSpec& s) { s.options = {mss(536)}; }, "M",
       [](TcpOptions& o) { o.has_mss = true, o.mss = 536; }},
      {"SynAckNoOptions", [](TcpSpec&) {}, ""},
      {"SynAckEndOfListThenPadding",
       [](TcpSpec& s) { s.options = {mss(1440), nop(), wscale(0), eol()}; }, "MNWE",
       [](TcpOptions& o) { o.has_mss = true, o.mss = 1440, o.has_wscale = true, o.wscale = 0; }},
      {"SynAckUnknownOption",
       [](TcpSpec& s) { s.options = {mss(1200), tcp_option(30, {0x00, 0x01, 0x02, 0x03})}; }, "M?NN",
       [](TcpOptions& o) { o.has_mss = true, o.mss = 1200; }},
      {"SynAckDuplicateMssKeepsFirst", [](TcpSpec& s) { s.options = {mss(1460), mss(1200)}; }, "MM",
       [](TcpOptions& o) { o.has_mss = true, o.mss = 1460; }},
      {"SynAckMssWithWrongLength",
       [](TcpSpec& s) { s.options = {tcp_option(Tins::TCP::MSS, {0x05, 0xb4, 0x00})}; }, "?NNN"},
      {"Rst",
       [](TcpSpec& s) { s.flags = tcp_flag::Rst, s.ack = 0, s.window = 0, s.ip.df = false; }, ""},
      {"RstAck", [](TcpSpec& s) { s.flags = tcp_flag::Rst | tcp_flag::Ack, s.window = 0; }, ""},
      {"RstWithPayload",
       [](TcpSpec& s) { s.flags = tcp_flag::Rst, s.payload = {'r', 'e', 's', 'e', 't'}; }, ""},
      {"OddHeaderValues",
       [](TcpSpec& s) {
         s.ip.ttl = 255, s.ip.tos = 0xb8, s.ip.df = false, s.ip.id = 0xffff;
         s.src_port = 0, s.dst_port = 65535, s.seq = 0xffffffff, s.ack = 0;
         s.flags = 0xff, s.urgent = 0x8001, s.window = 0xffff;
       },
       ""},
  };
  return cases;
}

// One way of framing the IP packet on the wire.
struct Link {
  std::string name;
  LinkType type;
  std::size_t ip_offset;
  std::function<Bytes(Tins::IP&)> frame;
};

const std::vector<Link>& links() {
  static const std::vector<Link> all = {
      {"Ethernet", LinkType::Ethernet, 14, [](Tins::IP& ip) { return test::ethernet_frame(ip); }},
      {"EthernetWithTrailer", LinkType::Ethernet, 14,
       [](Tins::IP& ip) {
         // Some NICs hand over the FCS or junk after the IP packet.
         Bytes frame = test::ethernet_frame(ip);
         frame.insert(frame.end(), {0xde, 0xad, 0xbe, 0xef, 0xff, 0xff});
         return frame;
       }},
      {"RawIp", LinkType::RawIp, 0, [](Tins::IP& ip) { return ip.serialize(); }},
      {"LinuxSll", LinkType::LinuxSll, 16,
       [](Tins::IP& ip) {
         Tins::SLL sll;
         sll.packet_type(0);  // to us
         sll.lladdr_type(1);  // ARPHRD_ETHER
         sll.address("02:00:00:00:00:02");
         Tins::SLL framed = sll / ip;
         return framed.serialize();
       }},
      {"Vlan8021Q", LinkType::Ethernet, 18,
       [](Tins::IP& ip) {
         Tins::EthernetII frame = Tins::EthernetII("02:00:00:00:00:01", "02:00:00:00:00:02") /
                                  Tins::Dot1Q(100) / ip;
         return frame.serialize();
       }},
      {"QinQ8021ad", LinkType::Ethernet, 22,
       [](Tins::IP& ip) {
         Tins::EthernetII frame = Tins::EthernetII("02:00:00:00:00:01", "02:00:00:00:00:02") /
                                  Tins::Dot1Q(10) / Tins::Dot1Q(20) / ip;
         Bytes bytes = frame.serialize();
         bytes[12] = 0x88, bytes[13] = 0xa8;  // libtins writes 0x8100 for the outer tag
         return bytes;
       }},
  };
  return all;
}

class TcpReplyTest : public ::testing::TestWithParam<std::tuple<std::size_t, std::size_t>> {
 protected:
  const TcpCase& reply_case() const { return tcp_cases()[std::get<0>(GetParam())]; }
  const Link& link() const { return links()[std::get<1>(GetParam())]; }

  TcpSpec spec() const {
    TcpSpec s;
    reply_case().shape(s);
    return s;
  }
  Bytes frame() const {
    Tins::IP ip = test::build_ip_tcp(spec());
    return link().frame(ip);
  }
  Reply expected() const {
    Reply reply = test::expected_tcp_reply(spec(), reply_case().layout);
    reply.ip.total_length = std::uint16_t(test::build_ip_tcp(spec()).size());
    reply_case().option_values(reply.tcp.options);
    return reply;
  }
};

TEST_P(TcpReplyTest, ParsesEveryField) {
  const Bytes bytes = frame();
  Reply want = expected();
  want.timestamp_ns = 1700000000123456789;
  const auto got = parse_reply(bytes.data(), bytes.size(), link().type, want.timestamp_ns);
  ASSERT_TRUE(got.has_value());
  test::expect_same_reply(*got, want);
}

// Cutting the frame anywhere inside the IP packet must reject it; cutting
// only link padding must not change the result.
TEST_P(TcpReplyTest, EveryTruncationIsRejectedOrUnchanged) {
  const Bytes bytes = frame();
  const Reply want = expected();
  const std::size_t needed = link().ip_offset + want.ip.total_length;
  ASSERT_LE(needed, bytes.size());
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    const auto got = test::parse_exact(bytes, size, link().type);
    if (size < needed) {
      ASSERT_FALSE(got.has_value()) << "accepted a frame cut to " << size << " bytes";
    } else {
      ASSERT_TRUE(got.has_value()) << "rejected a frame that only lost padding, size " << size;
      test::expect_same_reply(*got, want);
    }
  }
}

// The header bytes of one framing never line up as another's: the EtherType,
// version nibble or SLL protocol lands on a MAC or address byte and rejects.
TEST_P(TcpReplyTest, WrongLinkTypeIsRejected) {
  const Bytes bytes = frame();
  for (LinkType other : {LinkType::Ethernet, LinkType::RawIp, LinkType::LinuxSll}) {
    if (other == link().type) continue;
    EXPECT_FALSE(test::parse_all(bytes, other).has_value());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Replies, TcpReplyTest,
    ::testing::Combine(::testing::Range<std::size_t>(0, tcp_cases().size()),
                       ::testing::Range<std::size_t>(0, links().size())),
    [](const auto& info) {
      return tcp_cases()[std::get<0>(info.param)].name + "Over" + links()[std::get<1>(info.param)].name;
    });

}  // namespace
}  // namespace zeroscan
