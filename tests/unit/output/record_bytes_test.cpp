// The allocation-free writers produce the bytes the json-object and
// string-concatenation writers produced, record for record: NDJSON against
// nlohmann's dump() of port_record_json (the reference form), CSV against
// the row builder it replaced (kept below as the reference). Hostile
// strings (quotes, backslashes, control bytes, invalid UTF-8) are escaped.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "mixed_family_records.h"
#include "output_fixture.h"
#include "zeroscan/output/csv_writer.h"
#include "zeroscan/output/ndjson_writer.h"
#include "zeroscan/output/record_text.h"

namespace zeroscan {
namespace {

using namespace test;

// Every record shape: the fixture, plus answers with odd option layouts,
// no MSS, extreme numbers, ICMP types other than unreachable, and IPv6
// addresses of every text length (the longest is 39 characters).
std::vector<PortRecord> all_shapes() {
  std::vector<PortRecord> out = fixture_records();
  for (const PortRecord& r : mixed_family_records()) out.push_back(r);
  out.push_back(icmp_answer("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", 65535, ProbeKind::Ack, 255,
                            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
  PortRecord big = tcp_answer("255.255.255.255", 65535, ProbeKind::Syn, PortState::Open, StateReason::SynAck, 0xff);
  big.ack = 0xffffffff;
  big.ip_id = 65535;
  big.ttl = 255;
  big.window = 65535;
  big.mss = 65535;
  big.attempt = 255;
  big.tcp_options = "MNWNNTSE?????????????????????????????????";
  out.push_back(big);
  PortRecord no_mss = tcp_answer("0.0.0.0", 1, ProbeKind::Ack, PortState::Unfiltered, StateReason::Rst, 0x04);
  no_mss.df = false;
  out.push_back(no_mss);
  PortRecord time_exceeded = icmp_answer("10.0.0.1", 7, ProbeKind::Syn, 0, "10.0.0.254");
  time_exceeded.icmp_type = 11;
  out.push_back(time_exceeded);
  return out;
}

// Service names a port database (or a hand-edited one) might hold.
PortAnnotator hostile_annotator() {
  return [](std::uint16_t port) -> PortAnnotation {
    switch (port % 8) {
      case 0: return {"quote\"back\\slash", "tab\there\nnewline\rcr"};
      case 1: return {std::string("nul\0byte\x01\x1f\x7f", 12), "bell\b form\f"};
      case 2: return {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", ""};  // valid UTF-8
      case 3: return {"", "comma, \"quoted\""};
      default: return {"plain", ""};
    }
  };
}

TEST(RecordBytesTest, NdjsonPortLinesEqualTheJsonObjectForm) {
  for (const PortAnnotator& annotate : {PortAnnotator(), fixture_annotator(), hostile_annotator()}) {
    for (const PortRecord& r : all_shapes()) {
      std::string fast;
      const PortAnnotation about = annotate ? annotate(r.port) : PortAnnotation{};
      append_port_record_ndjson(fast, r, annotate ? &about : nullptr);
      EXPECT_EQ(fast, port_record_json(r, annotate).dump()) << r.ip.to_string() << ":" << r.port;
    }
  }
}

TEST(RecordBytesTest, InvalidUtf8BecomesReplacementCharactersNotAnException) {
  std::string out;
  append_json_string(out, "a\xff" "b\xc3" "c\xed\xa0\x80" "d\xc0\xaf");
  EXPECT_EQ(out, "\"a\\ufffdb\\ufffdc\\ufffd\\ufffd\\ufffdd\\ufffd\\ufffd\"");
  // What we write is always JSON a reader accepts.
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "d\xef\xbf\xbd\xef\xbf\xbd");
}

TEST(RecordBytesTest, EveryControlByteIsEscapedAsJsonWants) {
  for (int c = 0; c < 0x80; ++c) {
    const std::string text(1, char(c));
    std::string out;
    append_json_string(out, text);
    EXPECT_EQ(out, nlohmann::json(text).dump()) << c;
  }
}

TEST(RecordBytesTest, AddressTextEqualsToString) {
  for (const char* text : {"0.0.0.0", "198.18.0.1", "255.255.255.255", "10.200.3.45", "::", "::1", "2001:2::1",
                           "2001:db8:0:1:1:1:1:1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"}) {
    std::string out = "x";  // appends, keeping what was there
    append_ip(out, *IpAddress::parse(text));
    EXPECT_EQ(out, std::string("x") + text);
  }
}

// The CSV row as the writer built it before it went allocation-free.
std::string reference_csv_row(const PortRecord& r, const PortAnnotator& annotate) {
  auto number = [](std::uint64_t v) { return std::to_string(v); };
  const bool tcp = r.answered && !r.icmp_type;
  const bool icmp = r.answered && r.icmp_type;
  std::string row = r.ip.to_string();
  row += ',' + number(r.port) + ",tcp," + std::string(probe_label(r.probe, r.port));
  row += ',' + std::string(to_string(r.state)) + ',' + std::string(to_string(r.reason));
  row += ',' + (r.answered ? number(r.ttl) : "");
  row += ',' + (tcp ? number(r.window) : "");
  row += ',' + (tcp ? number(r.tcp_flags) : "");
  row += ',' + (tcp ? number(r.ack) : "");
  row += ',' + (tcp && r.mss ? number(*r.mss) : "");
  row += ',' + (tcp ? csv_cell(r.tcp_options) : "");
  row += ',' + (icmp ? number(*r.icmp_type) : "");
  row += ',' + (icmp ? number(r.icmp_code.value_or(0)) : "");
  row += ',' + (icmp ? r.responder.to_string() : "");
  row += ',' + (r.answered ? number(r.ip_id) : "");
  row += ',' + (r.answered ? std::string(r.df ? "true" : "false") : "");
  row += ',' + (r.answered ? number(r.attempt) : "");
  PortAnnotation a;
  if (annotate) a = annotate(r.port);
  return row + ',' + csv_cell(a.service) + ',' + csv_cell(a.warning) + '\n';
}

class CsvBytesTest : public TempDirTest {};

TEST_F(CsvBytesTest, RowsEqualTheReferenceBuilder) {
  for (const PortAnnotator& annotate : {PortAnnotator(), fixture_annotator(), hostile_annotator()}) {
    const std::string path = dir_ + "/out.csv";
    std::string expected = CsvWriter::header();
    {
      CsvWriter writer(std::make_unique<OutputFile>(path), annotate);
      for (const PortRecord& r : all_shapes()) {
        writer.port(r);
        expected += reference_csv_row(r, annotate);
      }
      writer.finish(fixture_summary());
    }
    EXPECT_EQ(read_text(path), expected);
  }
}

}  // namespace
}  // namespace zeroscan
