// Per-host OS evidence during a scan, and matching at its end.
#include "zeroscan/engine/os_evidence.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "zeroscan/fingerprint/family.h"
#include "zeroscan/fingerprint/json.h"

namespace zeroscan {

OsEvidenceCollector::OsEvidenceCollector(const ScanSpace& space, FollowUpQueue& follow_ups,
                                         std::uint32_t our_ts_val, fingerprint::RetransmitTiming timing,
                                         std::uint64_t closed_port_salt)
    : space_(space),
      follow_ups_(follow_ups),
      our_ts_val_(our_ts_val),
      timing_(timing),
      closed_port_salt_(closed_port_salt) {}

void OsEvidenceCollector::add(const Reply& reply, const CookieMatch& match) {
  add(reply, match.target, match.kind, match.port);
}

void OsEvidenceCollector::add(const Reply& reply, const Ipv6CookieMatch& match) {
  add(reply, match.target, match.kind, match.port);
}

void OsEvidenceCollector::add(const Reply& reply, IpAddress target, ProbeKind kind, std::uint16_t port) {
  auto it = hosts_.find(target);
  if (it == hosts_.end()) {
    // Only hosts whose TCP stack answered are worth evidence and probes.
    if (reply.kind != ReplyKind::Tcp) return;
    it = hosts_.emplace(target, Host{fingerprint::HostEvidence(our_ts_val_, timing_), {}}).first;
  }
  Host& host = it->second;
  const auto probes = plan_follow_ups(target, reply, kind, port, space_, closed_port_salt_, host.follow_ups);
  for (const ProbeTarget& p : probes)
    if (p.port == 0) (p.kind == ProbeKind::Syn ? host.port0_syn_sent : host.port0_ack_sent) = true;
  if (!probes.empty()) follow_ups_.push(probes);
  host.evidence.add(reply, kind, port);
}

void OsEvidenceCollector::add_silence(IpAddress host, ProbeKind kind, std::uint16_t port) {
  auto it = hosts_.find(host);
  if (it != hosts_.end()) it->second.evidence.add_silence(kind, port);
}

std::vector<HostRecord> OsEvidenceCollector::conclude(const fingerprint::Matcher& matcher) {
  std::vector<IpAddress> order;
  order.reserve(hosts_.size());
  for (const auto& entry : hosts_) order.push_back(entry.first);
  std::sort(order.begin(), order.end());

  std::vector<HostRecord> records;
  records.reserve(order.size());
  for (IpAddress ip : order) {
    Host& host = hosts_.at(ip);
    // A follow-up to port 0 that drew nothing is itself an answer.
    fingerprint::Features features = host.evidence.features();
    if (host.port0_syn_sent && !features.port0_syn) host.evidence.add_silence(ProbeKind::Syn, 0);
    if (host.port0_ack_sent && !features.port0_ack) host.evidence.add_silence(ProbeKind::Ack, 0);
    features = host.evidence.features();

    const fingerprint::MatchResult match = matcher.match(features);
    HostRecord record;
    record.ip = ip;
    record.known = match.known;
    record.best = OsGuess{match.label, std::string(fingerprint::to_string(match.family)),
                          std::string(fingerprint::to_string(match.device)), match.score};
    record.family_score = match.family_score;
    for (std::size_t i = 1; i < match.candidates.size(); ++i) {
      const auto& c = match.candidates[i];
      record.alternatives.push_back(OsGuess{c.label, std::string(fingerprint::to_string(c.family)),
                                            std::string(fingerprint::to_string(c.device)), c.score});
    }
    record.distance = fingerprint::hop_distance(features);
    for (const auto& item : match.evidence) record.evidence.push_back(item.feature + "=" + item.value);
    record.observed_entry = match.observed_entry;
    nlohmann::json json;
    fingerprint::to_json(json, features);
    record.features_json = json.dump();
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace zeroscan
