// Query resolution for "zeroscan ports": numbers and ranges go to the
// per-port index, names to services/aliases and then trojan names, and the
// filters apply last so they combine with any query.
#include "zeroscan/ports/port_query.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "text_util.h"
#include "zeroscan/core/errors.h"

namespace zeroscan::ports {
namespace {

bool looks_numeric(const std::string& query) {
  return !query.empty() && std::all_of(query.begin(), query.end(), [](char c) {
           return (c >= '0' && c <= '9') || c == '-';
         });
}

std::vector<const PortEntry*> by_trojan_name(const PortDatabase& db, const std::string& query) {
  std::vector<const PortEntry*> out;
  if (query.size() < 3) return out;  // "bo" would match half the list
  const std::string needle = text::lower(query);
  for (const auto& entry : db.entries())
    for (const auto& trojan : entry.trojans)
      if (text::lower(trojan).find(needle) != std::string::npos) {
        out.push_back(&entry);
        break;
      }
  return out;
}

void resolve_query(const PortDatabase& db, const std::string& query,
                   std::optional<Protocol> protocol, std::vector<PortCard>& cards) {
  if (looks_numeric(query)) {
    const auto range = PortRange::parse(query);
    if (!range)
      throw UsageError("'" + query + "' is not a port (0-65535) or a range like 1000-1100");
    const auto entries = db.overlapping(*range, protocol);
    for (const PortEntry* entry : entries) cards.push_back({entry->range, entry->protocol, entry});
    if (entries.empty() && range->is_single()) cards.push_back({*range, protocol, nullptr});
    return;
  }
  // Names cover services, aliases and trojans alike: "subseven" should find
  // 27374 (IANA name asp) as well as the ports we named after it.
  auto entries = db.named(query);
  for (const PortEntry* entry : by_trojan_name(db, query))
    if (std::find(entries.begin(), entries.end(), entry) == entries.end()) entries.push_back(entry);
  if (entries.empty())
    throw UsageError("unknown port or service '" + query +
                     "' (give a number, a range like 1000-1100, a service name like ssh, "
                     "or --trojans)");
  for (const PortEntry* entry : entries)
    if (!protocol || entry->protocol == *protocol)
      cards.push_back({entry->range, entry->protocol, entry});
}

// One item of a query list: "22/tcp" names its protocol, "22" leaves it to
// --proto. Only a tcp/udp suffix counts: service names may contain '/'.
struct QueryItem {
  std::string text;
  std::optional<Protocol> protocol;
};

QueryItem split_protocol(std::string_view item, std::optional<Protocol> fallback) {
  const std::size_t slash = item.rfind('/');
  if (slash != std::string_view::npos && slash > 0)
    if (const auto protocol = parse_protocol(item.substr(slash + 1)))
      return {std::string(item.substr(0, slash)), protocol};
  return {std::string(item), fallback};
}

// "1,2,3" and "22/tcp,53/udp" are lists as in a scan's -p; each item resolves alone.
std::vector<QueryItem> query_items(const std::string& query, std::optional<Protocol> fallback) {
  std::vector<QueryItem> items;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = query.find(',', start);
    const std::string_view item =
        text::trim(std::string_view(query).substr(start, comma == std::string::npos ? std::string::npos
                                                                                     : comma - start));
    if (item.empty()) throw UsageError("empty item in the port list '" + query + "'");
    items.push_back(split_protocol(item, fallback));
    if (comma == std::string::npos) return items;
    start = comma + 1;
  }
}

bool keep(const PortCard& card, const PortSelection& selection) {
  if (selection.backdoors_only && !(card.entry && card.entry->backdoor)) return false;
  if (selection.port_class && class_of(card.range.first) != *selection.port_class) return false;
  if (selection.protocol && card.protocol && *card.protocol != *selection.protocol) return false;
  return true;
}

}  // namespace

std::vector<PortCard> select_ports(const PortDatabase& db, const PortSelection& selection) {
  std::vector<PortCard> cards;
  if (selection.top) {
    const Protocol protocol = selection.protocol.value_or(Protocol::Tcp);
    for (std::uint16_t port : db.top_ports(*selection.top, protocol))
      cards.push_back({PortRange{port, port}, protocol, db.find(port, protocol)});
  } else if (!selection.queries.empty()) {
    for (const auto& query : selection.queries)
      for (const QueryItem& item : query_items(query, selection.protocol))
        resolve_query(db, item.text, item.protocol, cards);
  } else if (selection.backdoors_only || selection.port_class) {
    for (const auto& entry : db.entries()) cards.push_back({entry.range, entry.protocol, &entry});
  } else {
    throw UsageError("nothing to show: give a port, a range, a service name, --trojans, "
                     "--class or --top");
  }

  std::vector<PortCard> kept;
  std::set<const PortEntry*> seen_entries;
  for (const PortCard& card : cards) {
    if (!keep(card, selection)) continue;
    if (card.entry && !seen_entries.insert(card.entry).second) continue;  // asked twice
    kept.push_back(card);
  }
  return kept;
}

}  // namespace zeroscan::ports
