// CSV rows for port records.
#include "zeroscan/output/csv_writer.h"

#include "zeroscan/output/record_text.h"

namespace zeroscan {

const char* CsvWriter::header() {
  return "ip,port,proto,probe,state,reason,ttl,window,flags,ack,mss,options,icmp_type,icmp_code,"
         "responder,ip_id,df,attempt,service,warning\n";
}

void append_csv_cell(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(text);
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string csv_cell(std::string_view text) {
  std::string out;
  append_csv_cell(out, text);
  return out;
}

CsvWriter::CsvWriter(std::unique_ptr<OutputFile> file, PortAnnotator annotate)
    : file_(std::move(file)), annotations_(std::move(annotate)) {
  file_->write(header());
}

void CsvWriter::port(const PortRecord& r) {
  // Cells in header order; TCP-only cells stay empty for ICMP answers and
  // every reply cell stays empty for silence, as NDJSON omits those keys.
  const bool tcp = r.answered && !r.icmp_type;
  const bool icmp = r.answered && r.icmp_type;
  std::string& row = row_;
  row.clear();
  auto cell = [&row](bool present, auto value) {
    row += ',';
    if (present) append_number(row, value);
  };
  append_ip(row, r.ip);
  row += ',';
  append_number(row, r.port);
  row += ",tcp,";
  row += probe_label(r.probe, r.port);
  row += ',';
  row += to_string(r.state);
  row += ',';
  row += to_string(r.reason);
  cell(r.answered, unsigned(r.ttl));
  cell(tcp, r.window);
  cell(tcp, unsigned(r.tcp_flags));
  cell(tcp, r.ack);
  cell(tcp && r.mss, r.mss.value_or(0));
  row += ',';
  if (tcp) append_csv_cell(row, r.tcp_options);
  cell(icmp, unsigned(r.icmp_type.value_or(0)));
  cell(icmp, unsigned(r.icmp_code.value_or(0)));
  row += ',';
  if (icmp) append_ip(row, r.responder);
  cell(r.answered, r.ip_id);
  row += ',';
  if (r.answered) row += r.df ? "true" : "false";
  cell(r.answered, unsigned(r.attempt));
  row += ',';
  const PortAnnotation* about = annotations_.get(r.port);
  if (about) append_csv_cell(row, about->service);
  row += ',';
  if (about) append_csv_cell(row, about->warning);
  row += '\n';
  file_->write(row);  // one call per row
}

void CsvWriter::finish(const ScanSummary&) { file_->close(); }

}  // namespace zeroscan
