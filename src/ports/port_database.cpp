// PortDatabase: merging layers of records into entries, the per-port lookup
// index, and the queries the commands and the output layer use.
#include "zeroscan/ports/port_database.h"

#include <algorithm>
#include <map>

#include "read_data_file.h"
#include "text_util.h"
#include "zeroscan/core/errors.h"

namespace zeroscan::ports {
namespace {

std::size_t index_of(Protocol protocol) { return protocol == Protocol::Tcp ? 0 : 1; }

bool names(const std::vector<std::string>& aliases, const std::string& name) {
  return std::any_of(aliases.begin(), aliases.end(),
                     [&](const std::string& alias) { return text::iequals(alias, name); });
}

// A later layer may rename an entry (to nmap's name, so ndiff stays quiet)
// only by keeping the earlier name among its aliases: a mere transcription
// error ("80 = bios") cannot pass for a rename.
void rename(PortEntry& base, const std::string& name) {
  base.aliases.erase(std::remove_if(base.aliases.begin(), base.aliases.end(),
                                    [&](const std::string& alias) { return text::iequals(alias, name); }),
                     base.aliases.end());
  base.service = name;
}

// Copies the fields an overlay stanza set onto the entry it extends.
void extend(PortEntry& base, const PortRecord& overlay, std::vector<std::string>& errors) {
  const PortEntry& more = overlay.entry;
  const bool renames = overlay.has(Field::Service) && !text::iequals(more.service, base.service);
  if (renames && !names(more.aliases, base.service)) {
    errors.push_back(more.source + ": service '" + more.service + "' for " + base.key() +
                     " disagrees with '" + base.service + "' at " + base.source +
                     " (to rename, keep '" + base.service + "' in aliases)");
    return;
  }
  for (const auto& alias : more.aliases)
    if (!names(base.aliases, alias) && !text::iequals(alias, more.service)) base.aliases.push_back(alias);
  if (renames) rename(base, more.service);
  if (overlay.has(Field::Origin)) base.origin = more.origin;
  if (overlay.has(Field::Risk)) base.risk = more.risk;
  if (overlay.has(Field::Flags)) base.backdoor = more.backdoor;
  if (overlay.has(Field::About)) base.about = more.about;
  if (overlay.has(Field::Abuse)) base.abuse = more.abuse;
  if (overlay.has(Field::Trojans)) base.trojans = more.trojans;
  if (overlay.has(Field::Close)) base.close = more.close;
  if (overlay.has(Field::Note)) base.note = more.note;
  base.source += ", " + more.source;
}

bool narrower(const PortEntry& a, const PortEntry& b) {
  return a.range.width() != b.range.width() ? a.range.width() < b.range.width()
                                            : a.range.first < b.range.first;
}

}  // namespace

PortDatabase PortDatabase::build(const std::vector<std::vector<PortRecord>>& layers,
                                 std::vector<RankedPort> ranking) {
  std::vector<std::string> errors;
  PortDatabase db;
  std::map<std::string, std::size_t> by_key;
  for (const auto& layer : layers) {
    for (const PortRecord& record : layer) {
      const std::string key = record.entry.key();
      if (auto it = by_key.find(key); it != by_key.end()) {
        extend(db.entries_[it->second], record, errors);
        continue;
      }
      if (!record.has(Field::Service) || !record.has(Field::Origin)) {
        // A new entry must say where its name comes from, or folklore could
        // pass for an IANA fact.
        errors.push_back(record.entry.source + ": " + key +
                         " is a new entry and needs both 'service' and 'origin'");
        continue;
      }
      by_key.emplace(key, db.entries_.size());
      db.entries_.push_back(record.entry);
    }
  }
  if (!errors.empty()) throw DataError(text::join_lines(errors));

  std::sort(db.entries_.begin(), db.entries_.end(), [](const PortEntry& a, const PortEntry& b) {
    return a.range != b.range ? a.range < b.range : a.protocol < b.protocol;
  });
  for (auto& best : db.best_) best.assign(65536, -1);
  for (std::size_t i = 0; i < db.entries_.size(); ++i) {
    const PortEntry& entry = db.entries_[i];
    auto& best = db.best_[index_of(entry.protocol)];
    for (std::uint32_t port = entry.range.first; port <= entry.range.last; ++port) {
      std::int32_t& slot = best[port];
      if (slot < 0 || narrower(entry, db.entries_[std::size_t(slot)])) slot = std::int32_t(i);
    }
  }
  for (const RankedPort& ranked : ranking) db.ranking_[index_of(ranked.protocol)].push_back(ranked.port);
  return db;
}

PortDatabase PortDatabase::load_files(const std::vector<std::filesystem::path>& entry_files,
                                      const std::filesystem::path& ranking_file) {
  std::vector<std::string> errors;
  std::vector<std::vector<PortRecord>> layers;
  for (const auto& path : entry_files) {
    try {
      layers.push_back(parse_port_records(read_data_file(path), path.string(), errors));
    } catch (const DataError& unreadable) {
      errors.push_back(unreadable.what());
    }
  }
  std::vector<RankedPort> ranking;
  try {
    ranking = parse_port_ranking(read_data_file(ranking_file), ranking_file.string(), errors);
  } catch (const DataError& unreadable) {
    errors.push_back(unreadable.what());
  }
  if (!errors.empty()) throw DataError(text::join_lines(errors));
  return build(layers, std::move(ranking));
}

const PortEntry* PortDatabase::find(std::uint16_t port, Protocol protocol) const {
  const auto& best = best_[index_of(protocol)];
  if (best.empty() || best[port] < 0) return nullptr;
  return &entries_[std::size_t(best[port])];
}

std::string backdoor_warning(const PortEntry& entry) {
  std::string names;
  for (const auto& trojan : entry.trojans) names += (names.empty() ? "" : ", ") + trojan;
  return "known backdoor port: " + names;
}

PortAnnotation PortDatabase::annotate(std::uint16_t port, Protocol protocol) const {
  PortAnnotation annotation;
  annotation.port_class = class_of(port);
  annotation.entry = find(port, protocol);
  if (!annotation.entry) return annotation;
  annotation.service = annotation.entry->service;
  annotation.risk = annotation.entry->risk;
  if (annotation.entry->backdoor) annotation.warning = backdoor_warning(*annotation.entry);
  return annotation;
}

PortAnnotation PortDatabase::annotate(std::uint16_t port, std::string_view protocol) const {
  const auto parsed = parse_protocol(protocol);
  if (!parsed) throw UsageError("unknown protocol '" + std::string(protocol) + "' (tcp or udp)");
  return annotate(port, *parsed);
}

std::vector<const PortEntry*> PortDatabase::overlapping(PortRange range,
                                                        std::optional<Protocol> protocol) const {
  std::vector<const PortEntry*> out;
  for (const auto& entry : entries_)
    if (entry.range.overlaps(range) && (!protocol || entry.protocol == *protocol))
      out.push_back(&entry);
  return out;
}

std::vector<const PortEntry*> PortDatabase::named(std::string_view name) const {
  std::vector<const PortEntry*> out;
  for (const auto& entry : entries_) {
    bool match = text::iequals(entry.service, name);
    for (const auto& alias : entry.aliases) match = match || text::iequals(alias, name);
    if (match) out.push_back(&entry);
  }
  return out;
}

std::vector<const PortEntry*> PortDatabase::backdoors() const {
  std::vector<const PortEntry*> out;
  for (const auto& entry : entries_)
    if (entry.backdoor) out.push_back(&entry);
  return out;
}

std::vector<const PortEntry*> PortDatabase::in_class(PortClass port_class) const {
  std::vector<const PortEntry*> out;
  for (const auto& entry : entries_)
    if (entry.port_class() == port_class) out.push_back(&entry);
  return out;
}

std::vector<std::uint16_t> PortDatabase::top_ports(std::size_t n, Protocol protocol) const {
  const auto& ranking = ranking_[index_of(protocol)];
  return {ranking.begin(), ranking.begin() + std::ptrdiff_t(std::min(n, ranking.size()))};
}

std::size_t PortDatabase::ranking_size(Protocol protocol) const {
  return ranking_[index_of(protocol)].size();
}

}  // namespace zeroscan::ports
