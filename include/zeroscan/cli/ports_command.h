// Entry point of "zeroscan ports" for main.cpp. argv[0] is "ports".
// The logic lives in src/ports (ports_cli.h); this only wires it up.
#pragma once

namespace zeroscan {

// Returns the exit code: 0 shown, 1 nothing matched, 2 bad input.
int run_ports_command(int argc, char** argv);

}  // namespace zeroscan
