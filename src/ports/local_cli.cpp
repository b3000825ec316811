// "zeroscan local": read the socket tables, find owners, judge, report.
// The exit status carries the result so the command fits in cron and CI.
#include "zeroscan/ports/local_cli.h"

#include <unistd.h>

#include "cli_args.h"
#include "text_util.h"
#include "zeroscan/core/errors.h"

namespace zeroscan::ports {
namespace {

std::vector<PortRange> parse_allowed(const std::vector<std::string>& specs) {
  std::vector<PortRange> ranges;
  for (const std::string& spec : specs)
    for (std::string_view piece : text::split(spec, ",")) {
      const auto range = PortRange::parse(text::trim(piece));
      if (!range)
        throw UsageError("--allow: '" + std::string(piece) +
                         "' is not a port or range (e.g. 22,8000-8100)");
      ranges.push_back(*range);
    }
  return ranges;
}

}  // namespace

int run_local_cli(const std::vector<std::string>& args, const PortDatabase& db, std::ostream& out,
                  std::ostream& err, const std::filesystem::path& proc_root) {
  CLI::App app{"Audit this machine's listening TCP and UDP sockets against the port database. "
               "Exit status: 0 clean, 1 something worth a look, 2 error.",
               "local"};
  bool json = false;
  std::vector<std::string> allow_specs;
  app.add_flag("--json", json, "machine-readable output");
  app.add_option("--allow", allow_specs, "ports you have vetted, e.g. 22,8000-8100 (repeatable)");
  try {
    parse_args(app, args);
    AuditPolicy policy;
    policy.allowed = parse_allowed(allow_specs);
    const auto sockets = read_listening_sockets(proc_root / "net");
    std::set<std::uint64_t> inodes;
    for (const auto& socket : sockets) inodes.insert(socket.inode);
    const auto findings =
        judge_listeners(sockets, find_socket_owners(proc_root, inodes), db, policy);
    const bool as_root = ::geteuid() == 0;
    if (json)
      out << local_report_json(findings, as_root).dump(2) << '\n';
    else
      write_local_report(out, findings, as_root);
    return audit_exit_code(findings);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::ParseError& e) {
    err << "zeroscan local: " << e.what() << '\n';
    return 2;
  } catch (const Error& e) {
    err << "zeroscan local: " << e.what() << '\n';
    return 2;
  }
}

}  // namespace zeroscan::ports
