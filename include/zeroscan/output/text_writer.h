// The default human output: a per-host table on stdout, printed when the
// scan ends (hosts in address order, ports ascending), like nmap's report.
// Ports that stayed silent are counted per host, not listed; hosts that
// answered nothing at all are only counted.
//
// Memory is bounded by the answering hosts, not the records: answers go
// into a HostPortTable (spooled to a temporary file past one run), silence
// is only counted, for hosts that answered (silence concludes after every
// answer), and firewall verdicts go into a VerdictTable (spooled the same
// way) and are grouped into rules one host at a time.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "zeroscan/output/annotation_cache.h"
#include "zeroscan/output/host_port_table.h"
#include "zeroscan/output/host_up_list.h"
#include "zeroscan/output/output_file.h"
#include "zeroscan/output/result_sink.h"
#include "zeroscan/output/verdict_table.h"

namespace zeroscan {

class TextWriter : public ResultSink {
 public:
  // reason_column: the REASON column ("syn-ack ttl 64"), nmap's --reason.
  // spool_run_size: entries each table keeps in memory before spilling.
  TextWriter(std::unique_ptr<OutputFile> file, PortAnnotator annotate, bool reason_column = true,
             std::size_t spool_run_size = kSpoolRunSize);
  void port(const PortRecord& record) override;
  // Verdicts become a per-host rule list: "80,443 SYN blocked, ACK passes:
  // stateless filter". Hosts where every port is dropped are only counted.
  void firewall(const FirewallRecord& record) override;
  // "OS: Linux (94%)" under the host's heading.
  void host(const HostRecord& record) override;
  // -sn: "Host 198.18.0.2 is up (echo-reply ttl 64)", in address order at finish.
  void host_up(const HostUpRecord& record) override { hosts_up_.add(record); }
  void finish(const ScanSummary& summary) override;
  std::string error() const override;

 private:
  struct Silence {
    std::uint64_t syn = 0;
    std::uint64_t ack = 0;
  };
  // One host's block; `entries` holds only its answers.
  void render_host(IpAddress ip, const PortEntry* first, const PortEntry* last);
  void render_row(std::uint16_t port, const PortEntry* syn, const PortEntry* ack);
  // -sn: one line per host up, in address order.
  void render_hosts_up();
  // The "Firewall rules" section, written host by host.
  void render_firewall();
  // "SYN blocked, ACK passes: stateless filter [stateless-filter]" plus
  // the ICMP code or forged-reset TTLs that set this verdict apart.
  std::string rule_text(const VerdictEntry& e) const;

  std::unique_ptr<OutputFile> file_;
  AnnotationCache annotations_;
  HostPortTable table_;                                // every answer
  std::unordered_map<IpAddress, Silence> silent_;  // answering hosts only
  std::map<IpAddress, std::string> os_lines_;      // -O: one line per named host
  std::string out_;                                    // the host block being rendered
  VerdictTable verdicts_;                              // SYN+ACK scans: the rule lists
  HostUpList hosts_up_;                                // -sn: the hosts found up
  bool saw_ack_ = false;
  bool reason_column_;
};

// Passes on only open ports (--open).
class OpenOnlyFilter : public ResultSink {
 public:
  explicit OpenOnlyFilter(std::unique_ptr<ResultSink> inner) : inner_(std::move(inner)) {}
  void port(const PortRecord& record) override {
    if (record.state == PortState::Open) inner_->port(record);
  }
  void firewall(const FirewallRecord& record) override {
    if (record.syn_state == PortState::Open) inner_->firewall(record);
  }
  void host(const HostRecord& record) override { inner_->host(record); }
  void host_up(const HostUpRecord& record) override { inner_->host_up(record); }
  void finish(const ScanSummary& summary) override { inner_->finish(summary); }
  std::string error() const override { return inner_->error(); }

 private:
  std::unique_ptr<ResultSink> inner_;
};

}  // namespace zeroscan
