// Pairs SYN and ACK outcomes per port into firewall verdicts.
#include "zeroscan/output/firewall_aggregator.h"


#include "zeroscan/classify/firewall_verdict.h"

namespace zeroscan {

namespace {
constexpr std::uint8_t kDf = 1, kIpIdZero = 2, kIcmp = 4, kReset = 8;

ProbeAnswer answer_of(std::uint8_t state, std::uint8_t ttl, std::uint8_t flags) {
  ProbeAnswer a;
  a.state = PortState(state);
  a.ttl = ttl;
  a.df = flags & kDf;
  a.ip_id_zero = flags & kIpIdZero;
  a.icmp = flags & kIcmp;
  a.reset = flags & kReset;
  return a;
}
}  // namespace

FirewallAggregator::FirewallAggregator(ResultSink& inner, std::size_t run_size)
    : inner_(inner), digests_(run_size) {}

void FirewallAggregator::port(const PortRecord& r) {
  inner_.port(r);
  std::uint8_t flags = 0;
  if (r.df) flags |= kDf;
  if (r.answered && r.ip_id == 0) flags |= kIpIdZero;
  if (r.icmp_type) flags |= kIcmp;
  if (r.answered && !r.icmp_type && (r.tcp_flags & 0x04)) flags |= kReset;
  digests_.add(Digest{r.ip, r.port, std::uint8_t(r.probe), std::uint8_t(r.state),
                            std::uint8_t(r.reason), r.ttl, flags, r.icmp_code.value_or(0)});
}

void FirewallAggregator::emit_host(const Digest* first, const Digest* last) {
  // What this host's own replies look like, from its SYN-ACKs.
  std::vector<ProbeAnswer> syn_acks;
  for (const Digest* d = first; d != last; ++d)
    if (d->kind == std::uint8_t(ProbeKind::Syn) && PortState(d->state) == PortState::Open)
      syn_acks.push_back(answer_of(d->state, d->ttl, d->flags));
  const auto host = host_signature(syn_acks);

  std::vector<std::pair<FirewallVerdict, FirewallRecord>> records;
  bool stateful_seen = false;
  for (const Digest* d = first; d != last;) {
    const Digest* syn = nullptr;
    const Digest* ack = nullptr;
    const std::uint16_t port = d->port;
    for (; d != last && d->port == port; ++d) (d->kind == std::uint8_t(ProbeKind::Syn) ? syn : ack) = d;
    if (!syn || !ack) continue;  // only one kind concluded (interrupted scan)
    const ProbeAnswer syn_answer = answer_of(syn->state, syn->ttl, syn->flags);
    const ProbeAnswer ack_answer = answer_of(ack->state, ack->ttl, ack->flags);
    const bool forged = reset_looks_forged(syn_answer, host);
    const FirewallVerdict verdict = combine_verdict(syn_answer, ack_answer, forged);
    stateful_seen |= verdict == FirewallVerdict::OpenStateful || verdict == FirewallVerdict::ClosedStateful;

    FirewallRecord record;
    record.ip = first->ip;
    record.port = port;
    record.syn_state = PortState(syn->state);
    record.syn_reason = StateReason(syn->reason);
    record.ack_state = PortState(ack->state);
    record.ack_reason = StateReason(ack->reason);
    if (syn_answer.icmp) record.syn_icmp_code = syn->icmp_code;
    if (ack_answer.icmp) record.ack_icmp_code = ack->icmp_code;
    record.forged_reset = forged;
    if (forged) record.reset_ttl = syn->ttl;
    if (host) record.host_ttl = host->ttl;
    records.emplace_back(verdict, std::move(record));
  }
  for (auto& [verdict, record] : records) {
    // A drop on a host that elsewhere shows a stateful filter is that filter.
    const FirewallVerdict final_verdict = refine_for_host(verdict, stateful_seen);
    record.verdict = std::string(to_string(final_verdict));
    record.explanation = std::string(describe(final_verdict));
    inner_.firewall(record);
  }
}

void FirewallAggregator::finish(const ScanSummary& summary) {
  // One host at a time, in address order.
  std::vector<Digest> host;
  digests_.for_each([&](const Digest& d) {
    if (!host.empty() && host.front().ip != d.ip) {
      emit_host(host.data(), host.data() + host.size());
      host.clear();
    }
    host.push_back(d);
  });
  if (!host.empty()) emit_host(host.data(), host.data() + host.size());
  inner_.finish(summary);
}

}  // namespace zeroscan
