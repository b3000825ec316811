// "zeroscan ports": parse the flags, select, render. Bad input becomes one
// line on stderr and exit code 2, as everywhere in zeroscan.
#include "zeroscan/ports/ports_cli.h"

#include "cli_args.h"
#include "zeroscan/core/errors.h"
#include "zeroscan/ports/port_cards.h"
#include "zeroscan/ports/port_query.h"

namespace zeroscan::ports {

int run_ports_cli(const std::vector<std::string>& args, const PortDatabase& db, std::ostream& out,
                  std::ostream& err) {
  CLI::App app{"Look up ports, ranges and services in zeroscan's port knowledge base.", "ports"};
  PortSelection selection;
  std::string class_text, protocol_text;
  std::size_t top = 0;
  bool json = false;
  app.add_option("query", selection.queries,
                 "port (445, 22/tcp), range (1000-1100), list (1,2,3), service (ssh) or trojan/worm name (subseven, sasser)");
  app.add_flag("--trojans", selection.backdoors_only, "only ports known for trojans/backdoors");
  app.add_option("--class", class_text, "well-known, registered or dynamic");
  app.add_option("--proto", protocol_text, "tcp or udp");
  auto* top_option = app.add_option("--top", top, "the N most commonly open ports (our ranking)");
  app.add_flag("--json", json, "machine-readable output (a JSON array)");
  try {
    parse_args(app, args);
    if (!class_text.empty()) {
      selection.port_class = parse_port_class(class_text);
      if (!selection.port_class)
        throw UsageError("unknown class '" + class_text + "' (well-known, registered, dynamic)");
    }
    if (!protocol_text.empty()) {
      selection.protocol = parse_protocol(protocol_text);
      if (!selection.protocol) throw UsageError("unknown protocol '" + protocol_text + "' (tcp, udp)");
    }
    if (top_option->count() > 0) {
      if (!selection.queries.empty()) throw UsageError("--top lists the ranking; drop the queries");
      selection.top = top;
    }
    const auto cards = select_ports(db, selection);
    if (json) {
      out << port_cards_json(cards).dump(2) << '\n';
    } else if (cards.empty()) {
      out << "no entries match\n";
    } else {
      write_port_cards(out, cards);
    }
    return cards.empty() ? 1 : 0;
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    err << "zeroscan ports: " << e.what() << '\n';
    return 2;
  } catch (const UsageError& e) {
    err << "zeroscan ports: " << e.what() << '\n';
    return 2;
  }
}

}  // namespace zeroscan::ports
