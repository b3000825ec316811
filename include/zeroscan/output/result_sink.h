// ResultSink: where concluded records go. One scan may feed several sinks
// (text on stdout, NDJSON to a file, ...); the engine calls them from one
// thread only, in the order records conclude.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "zeroscan/core/scan_results.h"

namespace zeroscan {

// What the port knowledge base says about a port, for annotating output.
struct PortAnnotation {
  std::string service;  // "ssh"; empty when unknown
  std::string warning;  // set only for ports known for trojans/backdoors
};
using PortAnnotator = std::function<PortAnnotation(std::uint16_t port)>;

class ResultSink {
 public:
  virtual ~ResultSink() = default;
  virtual void port(const PortRecord& record) = 0;
  // Combined SYN+ACK verdicts, after every port record and before finish.
  // Formats without a place for them ignore them.
  virtual void firewall(const FirewallRecord&) {}
  // OS fingerprint of a responsive host (-O), after the port records.
  virtual void host(const HostRecord&) {}
  // Host discovery (-sn): one host up. Formats without a place for it
  // ignore it.
  virtual void host_up(const HostUpRecord&) {}
  // Called once, after the last record. Writers flush here; a write error is
  // reported through error().
  virtual void finish(const ScanSummary& summary) = 0;
  // Empty while everything written so far reached its destination.
  virtual std::string error() const = 0;
};

// Fans one stream of records out to several sinks.
class SinkList : public ResultSink {
 public:
  void add(std::unique_ptr<ResultSink> sink) { sinks_.push_back(std::move(sink)); }
  // A sink owned elsewhere that must outlive this list.
  void add_borrowed(ResultSink& sink) { borrowed_.push_back(&sink); }
  void port(const PortRecord& record) override {
    for_each([&](ResultSink& s) { s.port(record); });
  }
  void firewall(const FirewallRecord& record) override {
    for_each([&](ResultSink& s) { s.firewall(record); });
  }
  void host(const HostRecord& record) override {
    for_each([&](ResultSink& s) { s.host(record); });
  }
  void host_up(const HostUpRecord& record) override {
    for_each([&](ResultSink& s) { s.host_up(record); });
  }
  void finish(const ScanSummary& summary) override {
    for_each([&](ResultSink& s) { s.finish(summary); });
  }
  std::string error() const override {
    for (auto& s : sinks_)
      if (auto e = s->error(); !e.empty()) return e;
    for (auto* s : borrowed_)
      if (auto e = s->error(); !e.empty()) return e;
    return {};
  }

 private:
  template <typename F>
  void for_each(F&& f) {
    for (auto& s : sinks_) f(*s);
    for (auto* s : borrowed_) f(*s);
  }
  std::vector<std::unique_ptr<ResultSink>> sinks_;
  std::vector<ResultSink*> borrowed_;
};

}  // namespace zeroscan
