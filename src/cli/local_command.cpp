// "zeroscan local": composition root of the subcommand. Loads the embedded
// port database once and hands it to the audit in src/ports.
#include "zeroscan/cli/local_command.h"

#include <iostream>

#include "zeroscan/core/errors.h"
#include "zeroscan/ports/embedded_port_data.h"
#include "zeroscan/ports/local_cli.h"

namespace zeroscan {

int run_local_command(int argc, char** argv) {
  try {
    const ports::PortDatabase db = ports::load_embedded_port_database();
    return ports::run_local_cli({argv + 1, argv + argc}, db, std::cout, std::cerr);
  } catch (const Error& e) {
    std::cerr << "zeroscan local: " << e.what() << '\n';
    return 2;
  }
}

}  // namespace zeroscan
