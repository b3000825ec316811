// The scan command: composition root of a scan. Resolves inputs, plans the
// next hop, builds templates, opens the real packet sink and capture, wires
// the outputs and runs the Scanner; the only place besides main that names
// concrete socket/pcap types.
#pragma once

namespace zeroscan {

// argv[0] is the program name. Returns the process exit code: 0 done,
// 1 a write error or the scan could not finish, 2 bad input or environment.
int run_scan_command(int argc, char** argv);

}  // namespace zeroscan
