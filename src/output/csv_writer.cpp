// CSV rows for port records.
#include "zeroscan/output/csv_writer.h"

namespace zeroscan {

namespace {

std::string number(std::uint64_t value) { return std::to_string(value); }

}  // namespace

const char* CsvWriter::header() {
  return "ip,port,proto,probe,state,reason,ttl,window,flags,ack,mss,options,icmp_type,icmp_code,"
         "responder,ip_id,df,attempt,service,warning\n";
}

std::string csv_cell(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

CsvWriter::CsvWriter(std::unique_ptr<OutputFile> file, PortAnnotator annotate)
    : file_(std::move(file)), annotate_(std::move(annotate)) {
  file_->write(header());
}

void CsvWriter::port(const PortRecord& r) {
  // Cells in header order; TCP-only cells stay empty for ICMP answers and
  // every reply cell stays empty for silence, as NDJSON omits those keys.
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
  if (annotate_) a = annotate_(r.port);
  row += ',' + csv_cell(a.service) + ',' + csv_cell(a.warning) + '\n';
  file_->write(row);  // one call per row
}

void CsvWriter::finish(const ScanSummary&) { file_->close(); }

}  // namespace zeroscan
