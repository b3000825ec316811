// PortSet: the TCP ports to probe, sorted and unique (port 0 allowed).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace zeroscan {

class PortSet {
 public:
  PortSet() = default;
  explicit PortSet(std::vector<std::uint16_t> ports);  // sorts and dedups

  // nmap syntax: "22", "22,80,443", "1-1024", "-" or "1-65535"... ("-p-"
  // arrives here as "-": ports 1-65535 as nmap; "0-65535" includes 0),
  // open-ended "-1024" and "60000-", optional "T:" prefix. Throws
  // UsageError naming the bad token (e.g. "70000", "80-20", "U:53").
  static PortSet parse(std::string_view spec);

  std::size_t size() const { return ports_.size(); }
  bool empty() const { return ports_.empty(); }
  std::uint16_t at(std::size_t index) const { return ports_[index]; }
  bool contains(std::uint16_t port) const;
  std::size_t index_of(std::uint16_t port) const;  // precondition: contains(port)
  const std::vector<std::uint16_t>& ports() const { return ports_; }

 private:
  std::vector<std::uint16_t> ports_;
};

}  // namespace zeroscan
