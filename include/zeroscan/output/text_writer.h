// The default human output: a per-host table on stdout, printed when the
// scan ends (hosts in address order, ports ascending), like nmap's report.
// Ports that stayed silent are counted per host, not listed; hosts that
// answered nothing at all are only counted.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "zeroscan/output/output_file.h"
#include "zeroscan/output/result_sink.h"

namespace zeroscan {

class TextWriter : public ResultSink {
 public:
  // reason_column: the REASON column ("syn-ack ttl 64"), nmap's --reason.
  TextWriter(std::unique_ptr<OutputFile> file, PortAnnotator annotate, bool reason_column = true);
  void port(const PortRecord& record) override;
  // Verdicts become a per-host rule list: "80,443 SYN blocked, ACK passes:
  // stateless filter". Hosts where every port is dropped are only counted.
  void firewall(const FirewallRecord& record) override;
  // "OS: Linux (94%)" under the host's heading.
  void host(const HostRecord& record) override;
  void finish(const ScanSummary& summary) override;
  std::string error() const override { return file_->error(); }

 private:
  struct Row {
    std::optional<PortRecord> syn;
    std::optional<PortRecord> ack;
  };
  struct Host {
    std::map<std::uint16_t, Row> rows;
    std::uint64_t silent_syn = 0;
    std::uint64_t silent_ack = 0;
    std::string os_line;
  };
  std::string render_host(Ipv4 ip, const Host& host) const;
  std::string render_firewall() const;

  std::unique_ptr<OutputFile> file_;
  PortAnnotator annotate_;
  std::map<std::uint32_t, Host> hosts_;  // only hosts that answered something
  // host -> verdict explanation -> ports, in first-seen verdict order
  std::map<std::uint32_t, std::vector<std::pair<std::string, std::vector<std::uint16_t>>>> rules_;
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
  void finish(const ScanSummary& summary) override { inner_->finish(summary); }
  std::string error() const override { return inner_->error(); }

 private:
  std::unique_ptr<ResultSink> inner_;
};

}  // namespace zeroscan
