// nmap-compatible XML (-oX). The document validates against the nmap.dtd
// Debian's nmap package ships, and ndiff compares two of them. Records are
// kept per host (HostPortTable) and the whole document is written at
// finish; the closing </nmaprun> goes out only when everything before it
// did, so a truncated file never looks complete. docs/outputs.md has the
// mapping (what goes where, and where SYN+ACK scans put the second state).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "zeroscan/output/host_port_table.h"
#include "zeroscan/output/host_up_list.h"
#include "zeroscan/output/output_file.h"
#include "zeroscan/output/result_sink.h"
#include "zeroscan/output/verdict_table.h"

namespace zeroscan {

class XmlWriter : public ResultSink {
 public:
  // spool_run_size: entries each table keeps in memory before spilling.
  XmlWriter(std::unique_ptr<OutputFile> file, PortAnnotator annotate, std::size_t spool_run_size = kSpoolRunSize);
  void port(const PortRecord& record) override;
  void firewall(const FirewallRecord& record) override;
  // -O: the host's <os> matches and <distance>.
  void host(const HostRecord& record) override;
  // -sn: a <host> with <status state="up" reason="echo-reply" .../> and
  // its address, as nmap -sn -oX writes it.
  void host_up(const HostUpRecord& record) override { hosts_up_.add(record); }
  void finish(const ScanSummary& summary) override;
  std::string error() const override;

 private:
  std::unique_ptr<OutputFile> file_;
  PortAnnotator annotate_;
  HostPortTable table_;
  HostUpList hosts_up_;
  VerdictTable verdicts_;  // SYN+ACK scans: shown in each port's probe script
  // ip -> rendered <os>…</os><distance/> elements.
  std::map<IpAddress, std::string> os_elements_;
};

// Attribute/text escaping for XML (&, <, >, ", ' and control characters).
std::string xml_escape(std::string_view text);
// The same, appended to `out` (no temporary).
void append_xml_escaped(std::string& out, std::string_view text);

}  // namespace zeroscan
