// NDJSON records for ports and the closing summary.
#include "zeroscan/output/ndjson_writer.h"

#include "zeroscan/output/port_reason.h"
#include "zeroscan/output/record_text.h"

namespace zeroscan {

nlohmann::ordered_json port_record_json(const PortRecord& r, const PortAnnotator& annotate) {
  nlohmann::ordered_json j;
  j["type"] = "port";
  j["ip"] = r.ip.to_string();
  j["port"] = r.port;
  j["proto"] = "tcp";
  j["probe"] = std::string(probe_label(r.probe, r.port));
  j["state"] = std::string(to_string(r.state));
  j["reason"] = std::string(to_string(r.reason));
  if (r.answered) {
    j["ttl"] = r.ttl;
    if (r.icmp_type) {
      j["icmp_type"] = *r.icmp_type;
      j["icmp_code"] = r.icmp_code.value_or(0);
      j["responder"] = r.responder.to_string();
    } else {
      j["window"] = r.window;
      j["flags"] = r.tcp_flags;
      j["ack"] = r.ack;
      if (r.mss) j["mss"] = *r.mss;
      if (!r.tcp_options.empty()) j["options"] = r.tcp_options;
    }
    j["ip_id"] = r.ip_id;
    j["df"] = r.df;
    j["attempt"] = r.attempt;
  }
  if (annotate) {
    const PortAnnotation a = annotate(r.port);
    if (!a.service.empty()) j["service"] = a.service;
    if (!a.warning.empty()) j["warning"] = a.warning;
  }
  return j;
}

nlohmann::ordered_json summary_json(const ScanSummary& s) {
  return {{"type", "summary"},
          {"targets", s.targets},
          {"ports", s.ports},
          {"probes_planned", s.probes_planned},
          {"sent", s.sent},
          {"received", s.received},
          {"matched", s.matched},
          {"invalid", s.invalid},
          {"duplicates", s.duplicates},
          {"inconclusive", s.inconclusive},
          {"kernel_dropped", s.kernel_dropped},
          {"open", s.open},
          {"closed", s.closed},
          {"filtered", s.filtered},
          {"unfiltered", s.unfiltered},
          {"seed", s.seed},
          {"shard", std::to_string(s.shard_index) + "/" + std::to_string(s.shard_count)},
          {"elapsed_seconds", s.elapsed_seconds},
          {"send_seconds", s.send_seconds},
          {"interrupted", s.interrupted},
          // Appended after the original keys so existing readers keep their order.
          {"space_size", s.space_size},
          {"covered", s.covered},
          {"coverage", s.space_size ? double(s.covered) / double(s.space_size) : 0.0},
          {"merged_from", s.merged_from},
          {"config",
           {{"targets", s.config.targets},
            {"ports", s.config.ports},
            {"probes", s.config.probes},
            {"rate", s.config.rate},
            {"retries", s.config.retries},
            {"wait", s.config.wait_seconds},
            {"ttl", s.config.ttl},
            {"responders_only", s.config.responders_only},
            {"open_only", s.config.open_only}}},
          {"version", s.version},
          {"args", s.args},
          {"start", s.start_unix},
          {"results_lost", s.results_lost},
          {"hosts_up", s.hosts_up}};
}

nlohmann::ordered_json firewall_record_json(const FirewallRecord& r) {
  nlohmann::ordered_json j;
  j["type"] = "firewall";
  j["ip"] = r.ip.to_string();
  j["port"] = r.port;
  j["proto"] = "tcp";
  j["syn"] = std::string(to_string(r.syn_state));
  j["syn_reason"] = std::string(to_string(r.syn_reason));
  if (r.syn_icmp_code) j["syn_icmp_code"] = *r.syn_icmp_code;
  j["ack"] = std::string(to_string(r.ack_state));
  j["ack_reason"] = std::string(to_string(r.ack_reason));
  if (r.ack_icmp_code) j["ack_icmp_code"] = *r.ack_icmp_code;
  j["verdict"] = r.verdict;
  j["explanation"] = r.explanation;
  if (r.forged_reset) {
    j["forged_reset"] = true;
    j["reset_ttl"] = r.reset_ttl;
  }
  if (r.host_ttl) j["host_ttl"] = *r.host_ttl;
  return j;
}

nlohmann::ordered_json host_record_json(const HostRecord& r) {
  auto guess = [](const OsGuess& g) {
    return nlohmann::ordered_json{{"label", g.label}, {"family", g.family}, {"device", g.device}, {"score", g.score}};
  };
  nlohmann::ordered_json j;
  j["type"] = "host";
  j["ip"] = r.ip.to_string();
  nlohmann::ordered_json os = guess(r.best);
  os["known"] = r.known;
  os["family_score"] = r.family_score;
  os["alternatives"] = nlohmann::ordered_json::array();
  for (const OsGuess& alt : r.alternatives) os["alternatives"].push_back(guess(alt));
  os["evidence"] = r.evidence;
  j["os"] = std::move(os);
  if (r.distance) j["distance"] = *r.distance;
  j["features"] = r.features_json.empty() ? nlohmann::ordered_json::object()
                                          : nlohmann::ordered_json::parse(r.features_json, nullptr, false);
  j["observed_entry"] = r.observed_entry;
  return j;
}

nlohmann::ordered_json host_up_record_json(const HostUpRecord& r) {
  nlohmann::ordered_json j;
  j["type"] = "host-up";
  j["ip"] = r.ip.to_string();
  j["status"] = "up";
  j["reason"] = report_reason(r);
  if (r.answered) {
    j["probe"] = std::string(to_string(r.probe));
    if (r.probe != ProbeKind::Echo) j["port"] = r.port;
    j["ttl"] = r.ttl;
    if (r.icmp_code) j["icmp_code"] = *r.icmp_code;
  }
  return j;
}

void append_port_record_ndjson(std::string& out, const PortRecord& r, const PortAnnotation* about) {
  // Keys, order and escaping exactly as port_record_json(...).dump().
  // Room: the fixed part stays under 400 bytes with two IPv6 addresses;
  // escaped strings need 6x.
  std::size_t strings = r.tcp_options.size();
  if (about) strings += about->service.size() + about->warning.size();
  TextCursor c(out, 400 + 6 * strings + 6);
  c.put("{\"type\":\"port\",\"ip\":\"");
  c.ip(r.ip);
  c.put("\",\"port\":");
  c.number(r.port);
  // probe, state and reason are our own fixed lowercase words: nothing to escape.
  c.put(",\"proto\":\"tcp\",\"probe\":\"");
  c.put(probe_label(r.probe, r.port));
  c.put("\",\"state\":\"");
  c.put(to_string(r.state));
  c.put("\",\"reason\":\"");
  c.put(to_string(r.reason));
  c.put('"');
  if (r.answered) {
    c.put(",\"ttl\":");
    c.number(unsigned(r.ttl));
    if (r.icmp_type) {
      c.put(",\"icmp_type\":");
      c.number(unsigned(*r.icmp_type));
      c.put(",\"icmp_code\":");
      c.number(unsigned(r.icmp_code.value_or(0)));
      c.put(",\"responder\":\"");
      c.ip(r.responder);
      c.put('"');
    } else {
      c.put(",\"window\":");
      c.number(r.window);
      c.put(",\"flags\":");
      c.number(unsigned(r.tcp_flags));
      c.put(",\"ack\":");
      c.number(r.ack);
      if (r.mss) {
        c.put(",\"mss\":");
        c.number(*r.mss);
      }
      if (!r.tcp_options.empty()) {
        c.put(",\"options\":");
        c.json_string(r.tcp_options);
      }
    }
    c.put(",\"ip_id\":");
    c.number(r.ip_id);
    c.put(r.df ? ",\"df\":true" : ",\"df\":false");
    c.put(",\"attempt\":");
    c.number(unsigned(r.attempt));
  }
  if (about) {
    if (!about->service.empty()) {
      c.put(",\"service\":");
      c.json_string(about->service);
    }
    if (!about->warning.empty()) {
      c.put(",\"warning\":");
      c.json_string(about->warning);
    }
  }
  c.put('}');
}

NdjsonWriter::NdjsonWriter(std::unique_ptr<OutputFile> file, PortAnnotator annotate)
    : file_(std::move(file)), annotations_(std::move(annotate)) {}

void NdjsonWriter::port(const PortRecord& record) {
  // One write per line: a record is either whole in the stream or absent.
  line_.clear();
  append_port_record_ndjson(line_, record, annotations_.get(record.port));
  line_ += '\n';
  file_->write(line_);
}

void NdjsonWriter::firewall(const FirewallRecord& record) {
  std::string line = firewall_record_json(record).dump();
  line += '\n';
  file_->write(line);
}

void NdjsonWriter::host(const HostRecord& record) {
  std::string line = host_record_json(record).dump();
  line += '\n';
  file_->write(line);
}

void NdjsonWriter::host_up(const HostUpRecord& record) {
  std::string line = host_up_record_json(record).dump();
  line += '\n';
  file_->write(line);
}

void NdjsonWriter::finish(const ScanSummary& summary) {
  std::string line = summary_json(summary).dump();
  line += '\n';
  file_->write(line);
  file_->close();
}

}  // namespace zeroscan
