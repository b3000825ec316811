// scripts/lab and namespace helpers; see lab_control.h.
#include "support/lab_control.h"

#include <cstdio>

#include "support/lab_paths.h"
#include "support/subprocess.h"

namespace zeroscan::lab {

namespace {

ProcessResult run_lab(const std::vector<std::string>& args, const ScratchDir& scratch) {
  std::vector<std::string> argv{"/bin/bash", lab_script()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, std::chrono::seconds(180), scratch.path("lab.out"),
                     scratch.path("lab.err"), {"ZEROSCAN_LAB_LISTENER=" + listener_path()});
}

std::string shell_output(const std::string& command) {
  std::string out;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buf[256];
    while (fgets(buf, sizeof buf, p)) out += buf;
    pclose(p);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace

bool lab_is_up() {
  ScratchDir scratch;
  return run_lab({"status", "--quiet"}, scratch).exit_code == 0;
}

std::string lab_command(const std::string& verb) {
  ScratchDir scratch;
  const ProcessResult r = run_lab({verb}, scratch);
  if (!r.start_error.empty()) return r.start_error;
  if (r.timed_out) return "scripts/lab " + verb + " timed out";
  if (r.exit_code != 0)
    return "scripts/lab " + verb + " failed (" + std::to_string(r.exit_code) + "):\n" + r.stderr_tail;
  return "";
}

std::string netns_mac(const std::string& netns, const std::string& iface) {
  // Names come from the truth file, which only scripts/lab writes; still,
  // refuse anything that is not a plain lab name before it reaches a shell.
  for (const std::string& s : {netns, iface})
    if (s.rfind("zs-lab-", 0) != 0 || s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
      return "";
  return shell_output("ip netns exec " + netns + " cat /sys/class/net/" + iface + "/address");
}

void flush_neighbours(const std::string& iface) {
  if (iface.rfind("zs-lab-", 0) != 0 || iface.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
    return;
  shell_output("ip neigh flush dev " + iface + " 2>&1");
}

}  // namespace zeroscan::lab
