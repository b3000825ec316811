// record_reader: NDJSON written by NdjsonWriter reads back into the same
// values; incomplete shards are recognised; malformed files name file:line.
#include "zeroscan/output/record_reader.h"

#include <gtest/gtest.h>

#include "mixed_family_records.h"
#include "output_fixture.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/output/ndjson_writer.h"

namespace zeroscan {
namespace {

using namespace test;

void expect_same(const PortRecord& a, const PortRecord& b) {
  const std::string where = a.ip.to_string() + ":" + std::to_string(a.port) + " " +
                            std::string(to_string(a.probe));
  EXPECT_EQ(a.ip, b.ip) << where;
  EXPECT_EQ(a.port, b.port) << where;
  EXPECT_EQ(a.probe, b.probe) << where;
  EXPECT_EQ(a.state, b.state) << where;
  EXPECT_EQ(a.reason, b.reason) << where;
  EXPECT_EQ(a.answered, b.answered) << where;
  if (!a.answered) return;
  EXPECT_EQ(a.attempt, b.attempt) << where;
  EXPECT_EQ(a.responder, b.responder) << where;
  EXPECT_EQ(a.ttl, b.ttl) << where;
  EXPECT_EQ(a.ip_id, b.ip_id) << where;
  EXPECT_EQ(a.df, b.df) << where;
  EXPECT_EQ(a.icmp_type, b.icmp_type) << where;
  EXPECT_EQ(a.icmp_code, b.icmp_code) << where;
  if (a.icmp_type) return;
  EXPECT_EQ(a.tcp_flags, b.tcp_flags) << where;
  EXPECT_EQ(a.window, b.window) << where;
  EXPECT_EQ(a.ack, b.ack) << where;
  EXPECT_EQ(a.mss, b.mss) << where;
  EXPECT_EQ(a.tcp_options, b.tcp_options) << where;
}

std::string ndjson_of(const std::vector<PortRecord>& records, const ScanSummary* summary) {
  std::string out;
  for (const PortRecord& r : records) out += port_record_json(r, fixture_annotator()).dump() + "\n";
  if (summary) out += summary_json(*summary).dump() + "\n";
  return out;
}

NdjsonFile read(const std::string& text, std::vector<PortRecord>* records = nullptr) {
  std::istringstream in(text);
  return read_ndjson(in, "shard.json", [&](const PortRecord& r) {
    if (records) records->push_back(r);
  });
}

TEST(RecordReaderTest, PortRecordsRoundTrip) {
  const auto written = fixture_records();
  const ScanSummary summary = fixture_summary();
  std::vector<PortRecord> back;
  const NdjsonFile file = read(ndjson_of(written, &summary), &back);
  ASSERT_EQ(back.size(), written.size());
  EXPECT_EQ(file.port_records, written.size());
  for (std::size_t i = 0; i < written.size(); ++i) expect_same(written[i], back[i]);
  EXPECT_FALSE(file.cut_last_line);
}

TEST(RecordReaderTest, Ipv6AndMixedRecordsRoundTripThroughTheWriter) {
  // The bytes NdjsonWriter writes (its allocation-free path), read back.
  const auto written = mixed_family_records();
  std::string text;
  for (const PortRecord& r : written) {
    const PortAnnotation about = fixture_annotator()(r.port);
    append_port_record_ndjson(text, r, &about);
    text += '\n';
  }
  std::vector<PortRecord> back;
  const NdjsonFile file = read(text, &back);
  ASSERT_EQ(back.size(), written.size());
  for (std::size_t i = 0; i < written.size(); ++i) {
    expect_same(written[i], back[i]);
    EXPECT_EQ(back[i].ip.is_v6(), written[i].ip.is_v6()) << written[i].ip.to_string();
  }
  EXPECT_EQ(back[1].ip.to_string(), "2001:2::1");
  EXPECT_EQ(back[1].responder.to_string(), "2001:2:ff::1");
  EXPECT_EQ(back[1].icmp_type, 1);  // ICMPv6 destination unreachable, kept as written
  EXPECT_EQ(back[1].icmp_code, 1);
}

TEST(RecordReaderTest, AddressesInAnyIpv6TextFormReadAsTheSameAddress) {
  std::vector<PortRecord> back;
  read(R"({"type":"port","ip":"2001:0002:0:0:0:0:0:0001","port":22,"probe":"syn","state":"filtered","reason":"no-response"})"
       "\n",
       &back);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].ip, *IpAddress::parse("2001:2::1"));
  for (const char* bad : {"2001:2::1/64", "[2001:2::1]", "fe80::1%eth0", "2001:2::g"}) {
    const std::string line = std::string(R"({"type":"port","ip":")") + bad +
                             R"(","port":22,"probe":"syn","state":"filtered","reason":"no-response"})" "\n";
    EXPECT_THROW(read(line), DataError) << bad;
  }
}

TEST(RecordReaderTest, SummaryRoundTrip) {
  const ScanSummary s = fixture_summary();
  const NdjsonFile file = read(ndjson_of({}, &s));
  ASSERT_TRUE(file.summary);
  const ScanSummary& b = *file.summary;
  EXPECT_EQ(b.targets, s.targets);
  EXPECT_EQ(b.ports, s.ports);
  EXPECT_EQ(b.probes_planned, s.probes_planned);
  EXPECT_EQ(b.sent, s.sent);
  EXPECT_EQ(b.received, s.received);
  EXPECT_EQ(b.matched, s.matched);
  EXPECT_EQ(b.invalid, s.invalid);
  EXPECT_EQ(b.duplicates, s.duplicates);
  EXPECT_EQ(b.open, s.open);
  EXPECT_EQ(b.closed, s.closed);
  EXPECT_EQ(b.filtered, s.filtered);
  EXPECT_EQ(b.unfiltered, s.unfiltered);
  EXPECT_EQ(b.seed, s.seed);
  EXPECT_EQ(b.shard_index, 1u);
  EXPECT_EQ(b.shard_count, 4u);
  EXPECT_EQ(b.elapsed_seconds, s.elapsed_seconds);
  EXPECT_EQ(b.space_size, s.space_size);
  EXPECT_EQ(b.covered, s.covered);
  EXPECT_TRUE(b.config == s.config);
  EXPECT_EQ(b.version, s.version);
  EXPECT_EQ(b.args, s.args);
  EXPECT_EQ(b.start_unix, s.start_unix);
}

TEST(RecordReaderTest, OldSummaryWithoutNewFieldsReadsWithDefaults) {
  const NdjsonFile file = read(R"({"type":"summary","targets":3,"seed":9,"shard":"2/3","open":1})" "\n");
  ASSERT_TRUE(file.summary);
  EXPECT_EQ(file.summary->targets, 3u);
  EXPECT_EQ(file.summary->shard_index, 2u);
  EXPECT_EQ(file.summary->config.probes, "");
  EXPECT_EQ(file.summary->space_size, 0u);
}

TEST(RecordReaderTest, MissingSummaryMeansTheShardDidNotFinish) {
  const auto records = fixture_records();
  const NdjsonFile file = read(ndjson_of(records, nullptr));
  EXPECT_FALSE(file.summary);
  EXPECT_EQ(file.port_records, records.size());
  EXPECT_FALSE(file.cut_last_line);
}

TEST(RecordReaderTest, LastLineCutMidRecordIsToleratedAndNotCounted) {
  std::string text = ndjson_of(fixture_records(), nullptr);
  text.resize(text.size() - 20);  // the writer died inside the last line
  std::vector<PortRecord> back;
  const NdjsonFile file = read(text, &back);
  EXPECT_TRUE(file.cut_last_line);
  EXPECT_FALSE(file.summary);
  EXPECT_EQ(back.size(), fixture_records().size() - 1);
}

TEST(RecordReaderTest, WholeRecordWithoutItsNewlineCountsAsCut) {
  std::string text = ndjson_of(fixture_records(), nullptr);
  text.pop_back();
  std::vector<PortRecord> back;
  EXPECT_TRUE(read(text, &back).cut_last_line);
  EXPECT_EQ(back.size(), fixture_records().size() - 1);
}

TEST(RecordReaderTest, FirewallAndUnknownLinesAreSkipped) {
  const ScanSummary s = fixture_summary();
  std::string text = R"({"type":"firewall","ip":"198.18.0.1","port":22,"verdict":"open"})" "\n"
                     R"({"type":"future-thing","x":1})" "\n";
  text += ndjson_of(fixture_records_of(ProbeKind::Syn), &s);
  const NdjsonFile file = read(text);
  EXPECT_EQ(file.port_records, fixture_records_of(ProbeKind::Syn).size());
  EXPECT_TRUE(file.summary);
}

void expect_error(const std::string& text, const std::string& message) {
  try {
    read(text);
    ADD_FAILURE() << "no error for: " << text;
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

TEST(RecordReaderTest, MalformedInputNamesFileAndLine) {
  const std::string good = port_record_json(fixture_records()[0], nullptr).dump() + "\n";
  expect_error(good + "{not json\n" + good, "shard.json:2: not a JSON object");
  expect_error(good + "[1,2]\n", "shard.json:2: not a JSON object");
  expect_error(R"({"type":"port","ip":"198.18.0.300","port":1,"probe":"syn","state":"open","reason":"syn-ack"})" "\n",
               "shard.json:1: bad \"ip\" '198.18.0.300'");
  expect_error(R"({"type":"port","ip":"198.18.0.3","port":70000,"probe":"syn","state":"open","reason":"syn-ack"})" "\n",
               "shard.json:1: \"port\" is out of range");
  expect_error(R"({"type":"port","ip":"198.18.0.3","port":1,"probe":"fin","state":"open","reason":"syn-ack"})" "\n",
               "shard.json:1: unknown probe 'fin'");
  expect_error(R"({"type":"port","ip":"198.18.0.3","port":1,"probe":"syn","reason":"syn-ack"})" "\n",
               "shard.json:1: missing \"state\"");
  expect_error(R"({"type":"summary","shard":"4/4"})" "\n", "shard.json:1: bad \"shard\" '4/4'");
  const std::string summary = R"({"type":"summary"})" "\n";
  expect_error(summary + good, "shard.json:2: port record after the summary");
  expect_error(summary + summary, "shard.json:2: second summary");
}

TEST(RecordReaderTest, UnreadableFileIsADataError) {
  EXPECT_THROW(read_ndjson_file("/nonexistent/zeroscan/shard.json", nullptr), DataError);
}

}  // namespace
}  // namespace zeroscan
