// The receive path alone, from frames in memory: for a SYN-ACK flood and a
// RST flood (every reply a first answer of a distinct pair), each frame
// goes through Receiver::handle_frame (parse, cookie, scan-space index,
// classify, state table, push into the result queue) and the queue is
// drained into one output format writing to /dev/null, all on this one
// thread. Prints replies per second per core for each format, "capture"
// being the path without any writer. Time is this thread's CPU time, so
// the figure is per core even on a busy machine. Figures only; not a test.
//
// Usage: zeroscan_receive_bench [PORTS [FORMAT]]
//   /16 x PORTS replies (default 16); FORMAT: only that one (for profiling)
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "support/scripted_replies.h"
#include "zeroscan/engine/receiver.h"
#include "zeroscan/engine/result_queue.h"
#include "zeroscan/engine/sender.h"
#include "zeroscan/engine/state_table.h"
#include "zeroscan/output/csv_writer.h"
#include "zeroscan/output/grepable_writer.h"
#include "zeroscan/output/ndjson_writer.h"
#include "zeroscan/output/text_writer.h"
#include "zeroscan/output/xml_writer.h"
#include "zeroscan/parse/reply_parser.h"

namespace zeroscan {
namespace {

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

class NullSink : public ResultSink {
 public:
  void port(const PortRecord& r) override { checksum_ += r.port; }
  void finish(const ScanSummary&) override {}
  std::string error() const override { return {}; }
  std::uint64_t checksum_ = 0;
};

struct Scan {
  Ipv4 source = *Ipv4::parse("198.19.0.1");
  TargetSet targets;
  PortSet ports;
  ScanSpace space;
  Cookie cookie;
  explicit Scan(std::uint16_t port_count)
      : targets({{*Ipv4::parse("198.18.0.0"), *Ipv4::parse("198.18.255.255")}}, {}),
        ports(port_list(port_count)),
        space(targets, ports, {ProbeKind::Syn}),
        cookie(SipKey{1, 2}, source, SourcePortRange{40000, 20000}, 2) {}
  static std::vector<std::uint16_t> port_list(std::uint16_t n) {
    std::vector<std::uint16_t> out;
    for (std::uint16_t p = 1; p <= n; ++p) out.push_back(p);
    return out;
  }
};

using Frames = std::vector<std::vector<std::uint8_t>>;

// One reply per pair of the scan, in a scrambled order.
Frames build_flood(const Scan& scan, bool open) {
  TemplateOptions options;
  options.src_ip = scan.source;
  options.src_mac = *MacAddress::parse("02:00:00:00:00:01");
  options.dst_mac = *MacAddress::parse("02:00:00:00:00:02");
  ProbeTemplates templates;
  templates[int(ProbeKind::Syn)].emplace(ProbeKind::Syn, options);
  const TargetMacs macs;
  std::vector<std::uint8_t> probe(max_frame_size(templates));
  const ReplyStyle style;
  Frames frames;
  frames.reserve(scan.space.size());
  const std::uint64_t step = 7919;  // prime, coprime with the power-of-two space size
  for (std::uint64_t k = 0; k < scan.space.size(); ++k) {
    const ProbeTarget t = scan.space.at(k * step % scan.space.size());
    const std::size_t size = stamp_probe(templates, macs, scan.cookie, t, 0, probe.data());
    const auto parsed = parse_reply(probe.data(), size, LinkType::Ethernet);
    frames.push_back(open ? build_syn_ack(probe.data(), size, *parsed, style)
                          : build_rst_ack(probe.data(), size, *parsed, style));
  }
  return frames;
}

PortAnnotator annotator() {
  return [](std::uint16_t port) {
    if (port == 22) return PortAnnotation{"ssh", ""};
    if (port == 80) return PortAnnotation{"http", ""};
    return PortAnnotation{};
  };
}

std::unique_ptr<ResultSink> writer(const std::string& format) {
  auto devnull = [] { return std::make_unique<OutputFile>("/dev/null"); };
  if (format == "ndjson") return std::make_unique<NdjsonWriter>(devnull(), annotator());
  if (format == "csv") return std::make_unique<CsvWriter>(devnull(), annotator());
  if (format == "text") return std::make_unique<TextWriter>(devnull(), annotator());
  if (format == "xml") return std::make_unique<XmlWriter>(devnull(), annotator());
  if (format == "grepable") return std::make_unique<GrepableWriter>(devnull(), annotator());
  return std::make_unique<NullSink>();
}

double replies_per_second(const Scan& scan, const Frames& frames, const std::string& format) {
  StateTable table(scan.space.size());
  ResultQueue queue(result_queue_capacity(1e6));
  ScanCounters counters;
  Receiver receiver({scan.space, scan.cookie, &table, queue, counters, nullptr});
  const std::unique_ptr<ResultSink> sink = writer(format);
  PortRecord scratch;
  const double start = cpu_seconds();
  std::size_t i = 0;
  for (const auto& frame : frames) {
    receiver.handle_frame(frame.data(), frame.size(), LinkType::Ethernet, 0);
    if (++i % 128 == 0) drain_results(queue, *sink, scratch, 1 << 20);
  }
  drain_results(queue, *sink, scratch, 1 << 20);
  sink->finish(ScanSummary{});
  const double seconds = cpu_seconds() - start;
  if (counters.matched.load() != frames.size() || counters.results_lost.load() != 0) {
    std::fprintf(stderr, "receive_bench: %s: matched %llu of %zu, lost %llu\n", format.c_str(),
                 static_cast<unsigned long long>(counters.matched.load()), frames.size(),
                 static_cast<unsigned long long>(counters.results_lost.load()));
    std::exit(1);
  }
  return double(frames.size()) / seconds;
}

}  // namespace
}  // namespace zeroscan

int main(int argc, char** argv) {
  using namespace zeroscan;
  const int ports = argc > 1 ? std::atoi(argv[1]) : 16;
  if (ports < 1 || ports > 1024) {
    std::fprintf(stderr, "usage: zeroscan_receive_bench [PORTS 1..1024]\n");
    return 2;
  }
  const std::string only = argc > 2 ? argv[2] : "";
  const Scan scan{std::uint16_t(ports)};
  std::printf("%-8s %-9s %14s\n", "flood", "format", "M replies/s");
  for (const bool open : {true, false}) {
    const Frames frames = build_flood(scan, open);
    for (const char* format : {"capture", "ndjson", "csv", "text", "xml", "grepable"})
      if (only.empty() || only == format)
        std::printf("%-8s %-9s %14.2f\n", open ? "syn-ack" : "rst", format,
                  replies_per_second(scan, frames, format) / 1e6);
    std::fflush(stdout);
  }
  return 0;
}
