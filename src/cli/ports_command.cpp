// "zeroscan ports": composition root of the subcommand. Loads the embedded
// port database once and hands it to the command logic in src/ports.
#include "zeroscan/cli/ports_command.h"

#include <iostream>

#include "zeroscan/core/errors.h"
#include "zeroscan/ports/embedded_port_data.h"
#include "zeroscan/ports/ports_cli.h"

namespace zeroscan {

int run_ports_command(int argc, char** argv) {
  try {
    const ports::PortDatabase db = ports::load_embedded_port_database();
    return ports::run_ports_cli({argv + 1, argv + argc}, db, std::cout, std::cerr);
  } catch (const Error& e) {
    std::cerr << "zeroscan ports: " << e.what() << '\n';
    return 2;
  }
}

}  // namespace zeroscan
