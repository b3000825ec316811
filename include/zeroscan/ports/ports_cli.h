// "zeroscan ports": argument parsing and the run, with the database and the
// streams injected so the whole command is unit-testable. The thin wrapper
// in src/cli/ports_command.cpp loads the embedded database and calls this.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "zeroscan/ports/port_database.h"

namespace zeroscan::ports {

// args excludes the program/subcommand name. Exit codes: 0 something shown,
// 1 nothing matched, 2 bad input (one line on err).
int run_ports_cli(const std::vector<std::string>& args, const PortDatabase& db, std::ostream& out,
                  std::ostream& err);

}  // namespace zeroscan::ports
