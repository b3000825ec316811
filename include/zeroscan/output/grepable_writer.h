// Grepable output (-oG): one line per host and probe kind, tab-separated
// "Name: value" fields in nmap's -oG layout, so `grep /open/` and scripts
// written for nmap's format keep working. Written at finish (hosts sorted);
// the last line, "# zeroscan done ...", marks a complete file.
// Per-port entries are PORT/STATE/tcp//SERVICE//REASON/ — nmap's seven
// slots, with the reason in the slot nmap uses for version text (zeroscan
// does no version detection). Silent ports are folded into "Ignored State"
// and listed in "Ignored Ports". docs/outputs.md has the details.
#pragma once

#include <memory>
#include <string>

#include "zeroscan/output/host_port_table.h"
#include "zeroscan/output/host_up_list.h"
#include "zeroscan/output/output_file.h"
#include "zeroscan/output/result_sink.h"

namespace zeroscan {

class GrepableWriter : public ResultSink {
 public:
  GrepableWriter(std::unique_ptr<OutputFile> file, PortAnnotator annotate);
  void port(const PortRecord& record) override;
  // -sn: "Host: 198.18.0.2 ()\tStatus: Up", as nmap -sn -oG writes it.
  void host_up(const HostUpRecord& record) override { hosts_up_.add(record); }
  void finish(const ScanSummary& summary) override;
  std::string error() const override { return file_->error().empty() ? table_.error() : file_->error(); }

 private:
  std::unique_ptr<OutputFile> file_;
  PortAnnotator annotate_;
  HostPortTable table_;
  HostUpList hosts_up_;
};

}  // namespace zeroscan
