// Shard compatibility checks and summary arithmetic for `zeroscan merge`.
#include "zeroscan/output/shard_merge.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace zeroscan {

namespace {

std::string shard_text(const ScanSummary& s) {
  return std::to_string(s.shard_index) + "/" + std::to_string(s.shard_count);
}

template <typename T>
std::string show(const T& value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::string quoted(const std::string& text) { return "'" + text + "'"; }

// The first field in which b's scan differs from a's, as "name x vs y";
// empty when they are shards of one scan.
std::string first_difference(const ScanSummary& a, const ScanSummary& b) {
  if (a.seed != b.seed) return "seed " + show(a.seed) + " vs " + show(b.seed);
  if (a.shard_count != b.shard_count)
    return "shard count " + show(a.shard_count) + " vs " + show(b.shard_count);
  const ScanConfig& x = a.config;
  const ScanConfig& y = b.config;
  if (x.targets != y.targets) return "targets " + quoted(x.targets) + " vs " + quoted(y.targets);
  if (x.ports != y.ports) return "ports " + quoted(x.ports) + " vs " + quoted(y.ports);
  if (x.probes != y.probes) return "probes " + quoted(x.probes) + " vs " + quoted(y.probes);
  if (x.rate != y.rate) return "rate " + show(x.rate) + " vs " + show(y.rate);
  if (x.retries != y.retries) return "retries " + show(x.retries) + " vs " + show(y.retries);
  if (x.wait_seconds != y.wait_seconds) return "wait " + show(x.wait_seconds) + " vs " + show(y.wait_seconds);
  if (x.ttl != y.ttl) return "ttl " + show(x.ttl) + " vs " + show(y.ttl);
  if (x.responders_only != y.responders_only) return "--responders-only on one, not the other";
  if (x.open_only != y.open_only) return "--open on one, not the other";
  // Same spelling can still name different sets (a target file that
  // changed between shards): the sizes catch that.
  if (a.targets != b.targets) return "address count " + show(a.targets) + " vs " + show(b.targets);
  if (a.ports != b.ports) return "port count " + show(a.ports) + " vs " + show(b.ports);
  if (a.space_size != b.space_size) return "scan size " + show(a.space_size) + " vs " + show(b.space_size);
  return {};
}

}  // namespace

std::string join_indices(const std::vector<std::uint32_t>& indices) {
  std::string out;
  for (std::uint32_t i : indices) out += (out.empty() ? "" : ", ") + std::to_string(i);
  return out;
}

MergePlan plan_merge(const std::vector<NdjsonFile>& files) {
  MergePlan plan;
  const NdjsonFile* reference = nullptr;
  std::map<std::uint32_t, const NdjsonFile*> by_shard;
  for (const NdjsonFile& f : files) {
    if (!f.summary) {
      plan.incomplete.push_back(f.path);
      continue;
    }
    if (!reference) reference = &f;
    if (std::string diff = first_difference(*reference->summary, *f.summary); !diff.empty())
      throw MergeConflict(f.path + " is from a different scan than " + reference->path + ": " + diff);
    auto [it, inserted] = by_shard.emplace(f.summary->shard_index, &f);
    if (!inserted)
      throw MergeConflict("shard " + shard_text(*f.summary) + " given twice: " + it->second->path +
                          " and " + f.path);
  }
  if (!reference) throw DataError("no complete shard output: nothing says what the scan was");

  const ScanSummary& first = *reference->summary;
  ScanSummary& m = plan.merged;
  m.targets = first.targets;
  m.ports = first.ports;
  m.seed = first.seed;
  m.space_size = first.space_size;
  m.config = first.config;
  m.host_discovery = first.host_discovery;
  m.version = first.version;
  m.shard_index = 0;
  m.shard_count = 1;  // together they are one scan, if none is missing
  plan.shard_count = first.shard_count;
  for (std::uint32_t i = 0; i < first.shard_count; ++i)
    if (!by_shard.count(i)) plan.missing.push_back(i);
  for (const auto& [index, f] : by_shard) {
    const ScanSummary& s = *f->summary;
    plan.use.push_back(f->path);
    if (s.interrupted) plan.interrupted.push_back(f->path);
    m.probes_planned += s.probes_planned;
    m.sent += s.sent;
    m.received += s.received;
    m.matched += s.matched;
    m.invalid += s.invalid;
    m.duplicates += s.duplicates;
    m.inconclusive += s.inconclusive;
    m.kernel_dropped += s.kernel_dropped;
    m.results_lost += s.results_lost;
    m.open += s.open;
    m.closed += s.closed;
    m.filtered += s.filtered;
    m.unfiltered += s.unfiltered;
    m.hosts_up += s.hosts_up;
    m.covered += s.covered;
    m.merged_from += std::max<std::uint32_t>(1, s.merged_from);
    // Shards run side by side: the merged run took as long as the slowest.
    m.elapsed_seconds = std::max(m.elapsed_seconds, s.elapsed_seconds);
    m.send_seconds = std::max(m.send_seconds, s.send_seconds);
    if (s.start_unix && (!m.start_unix || s.start_unix < m.start_unix)) m.start_unix = s.start_unix;
    m.interrupted = m.interrupted || s.interrupted;
  }
  return plan;
}

}  // namespace zeroscan
