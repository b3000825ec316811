// Which processes hold which sockets: walks /proc/<pid>/fd looking for
// "socket:[inode]" links, the way fport/netstat -p do. Without root only the
// caller's own processes are visible, so owners may be missing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace zeroscan::ports {

struct ProcessInfo {
  int pid = 0;
  std::string name;  // /proc/<pid>/comm
  std::string exe;   // /proc/<pid>/exe target; empty when not readable
  std::string unit;  // systemd unit from /proc/<pid>/cgroup, e.g. "ssh.service"
};

// inode -> processes holding it (lowest pid first).
using SocketOwners = std::map<std::uint64_t, std::vector<ProcessInfo>>;

// Only the inodes asked for are collected.
SocketOwners find_socket_owners(const std::filesystem::path& proc_root,
                                const std::set<std::uint64_t>& inodes);

// "0::/system.slice/ssh.service" -> "ssh.service"; "" when the process is
// not in a service unit (user sessions, containers without systemd).
std::string systemd_unit_from_cgroup(std::string_view cgroup_text);

// "socket:[12345]" -> 12345; 0 for anything else.
std::uint64_t socket_inode_from_link(std::string_view link_target);

}  // namespace zeroscan::ports
