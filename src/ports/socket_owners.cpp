// Socket ownership from /proc/<pid>/fd. Processes come and go while we walk,
// so every read may fail; a failure just means "owner not known".
#include "zeroscan/ports/socket_owners.h"

#include <algorithm>
#include <fstream>
#include <system_error>

#include "text_util.h"

namespace zeroscan::ports {
namespace {

std::string read_first_line(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

ProcessInfo describe_process(const std::filesystem::path& proc_dir, int pid) {
  ProcessInfo info;
  info.pid = pid;
  info.name = read_first_line(proc_dir / "comm");
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink(proc_dir / "exe", ec);
  if (!ec) info.exe = exe.string();
  info.unit = systemd_unit_from_cgroup(read_all(proc_dir / "cgroup"));
  return info;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::uint64_t socket_inode_from_link(std::string_view target) {
  constexpr std::string_view prefix = "socket:[";
  if (target.size() < prefix.size() + 2 || target.substr(0, prefix.size()) != prefix ||
      target.back() != ']')
    return 0;
  const std::string_view digits = target.substr(prefix.size(), target.size() - prefix.size() - 1);
  std::uint64_t inode = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return 0;
    inode = inode * 10 + std::uint64_t(c - '0');
  }
  return inode;
}

std::string systemd_unit_from_cgroup(std::string_view cgroup_text) {
  for (std::string_view line : text::lines(cgroup_text)) {
    // "hierarchy:controllers:/path"; the unit is the last ".service" component.
    const std::size_t path_start = line.find(":/");
    if (path_start == std::string_view::npos) continue;
    const auto parts = text::split(line.substr(path_start + 1), "/");
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
      const std::string_view part = *it;
      constexpr std::string_view suffix = ".service";
      if (part.size() > suffix.size() && part.substr(part.size() - suffix.size()) == suffix)
        return std::string(part);
    }
  }
  return "";
}

SocketOwners find_socket_owners(const std::filesystem::path& proc_root,
                                const std::set<std::uint64_t>& inodes) {
  SocketOwners owners;
  std::error_code ec;
  for (const auto& proc_entry : std::filesystem::directory_iterator(proc_root, ec)) {
    const std::string pid_text = proc_entry.path().filename().string();
    if (!all_digits(pid_text)) continue;
    const int pid = std::stoi(pid_text);
    std::error_code fd_ec;
    std::set<std::uint64_t> held;
    for (const auto& fd : std::filesystem::directory_iterator(proc_entry.path() / "fd", fd_ec)) {
      std::error_code link_ec;
      const auto target = std::filesystem::read_symlink(fd.path(), link_ec);
      if (link_ec) continue;
      const std::uint64_t inode = socket_inode_from_link(target.string());
      if (inode != 0 && inodes.count(inode)) held.insert(inode);
    }
    if (held.empty()) continue;
    const ProcessInfo info = describe_process(proc_entry.path(), pid);
    for (std::uint64_t inode : held) owners[inode].push_back(info);
  }
  for (auto& [inode, processes] : owners)
    std::sort(processes.begin(), processes.end(),
              [](const ProcessInfo& a, const ProcessInfo& b) { return a.pid < b.pid; });
  return owners;
}

}  // namespace zeroscan::ports
