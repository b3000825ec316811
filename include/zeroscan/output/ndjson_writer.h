// NDJSON output (-oJ): one JSON object per line. The field names and values
// are a contract other tools and the lab tests rely on:
//   {"type":"port","ip":"198.18.0.7","port":22,"proto":"tcp","probe":"syn",
//    "state":"open","reason":"syn-ack","ttl":64,"window":65160,...}
//   {"type":"host-up","ip":"198.18.0.2","status":"up","reason":"echo-reply",...}  (-sn)
//   {"type":"summary",...}   (last line)
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "zeroscan/output/annotation_cache.h"
#include "zeroscan/output/output_file.h"
#include "zeroscan/output/result_sink.h"

namespace zeroscan {

// The reference form of a port record (readers' tests build lines with it).
nlohmann::ordered_json port_record_json(const PortRecord& record, const PortAnnotator& annotate);
// The same bytes as port_record_json(record, ...).dump(), appended to `out`
// without allocating (the writers' hot path). `about`: the port's
// annotation, or nullptr.
void append_port_record_ndjson(std::string& out, const PortRecord& record, const PortAnnotation* about);
nlohmann::ordered_json summary_json(const ScanSummary& summary);
nlohmann::ordered_json firewall_record_json(const FirewallRecord& record);
nlohmann::ordered_json host_record_json(const HostRecord& record);
// -sn: {"type":"host-up","ip":"198.18.0.2","status":"up","reason":"echo-reply",
//       "probe":"echo","ttl":64} — probe/port/ttl only when a probe was
// answered (not for "arp-response"); port only for syn/ack probes;
// icmp_code for "icmp-unreach" answers (reason then names the code).
nlohmann::ordered_json host_up_record_json(const HostUpRecord& record);

class NdjsonWriter : public ResultSink {
 public:
  NdjsonWriter(std::unique_ptr<OutputFile> file, PortAnnotator annotate);
  void port(const PortRecord& record) override;
  void firewall(const FirewallRecord& record) override;
  void host(const HostRecord& record) override;
  void host_up(const HostUpRecord& record) override;
  void finish(const ScanSummary& summary) override;
  std::string error() const override { return file_->error(); }

 private:
  std::unique_ptr<OutputFile> file_;
  AnnotationCache annotations_;
  std::string line_;  // reused per record
};

}  // namespace zeroscan
