// "zeroscan local": audit this machine's listening TCP/UDP sockets. The
// /proc root is injected so tests can run it over a fixture tree.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "zeroscan/ports/local_audit.h"

namespace zeroscan::ports {

// args excludes the subcommand name. Exit codes: 0 clean, 1 something worth
// a look, 2 bad input or /proc unreadable (one line on err).
int run_local_cli(const std::vector<std::string>& args, const PortDatabase& db, std::ostream& out,
                  std::ostream& err, const std::filesystem::path& proc_root = "/proc");

void write_local_report(std::ostream& out, const std::vector<Finding>& findings, bool as_root);
nlohmann::json local_report_json(const std::vector<Finding>& findings, bool as_root);

}  // namespace zeroscan::ports
