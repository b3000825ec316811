// Entry point of "zeroscan local" for main.cpp. argv[0] is "local".
// The logic lives in src/ports (local_cli.h); this only wires it up.
#pragma once

namespace zeroscan {

// Returns the exit code: 0 clean, 1 something worth a look, 2 error.
int run_local_command(int argc, char** argv);

}  // namespace zeroscan
