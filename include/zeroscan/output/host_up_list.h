// HostUpList: the hosts a discovery scan (-sn) found up, kept by the
// host-grouped writers (text, XML, grepable) until finish, then walked in
// address order as nmap lists them. Up hosts are few next to the addresses
// swept; each costs one HostUpRecord.
#pragma once

#include <algorithm>
#include <vector>

#include "zeroscan/core/scan_results.h"

namespace zeroscan {

class HostUpList {
 public:
  void add(const HostUpRecord& record) { hosts_.push_back(record); }

  // In address order; a host reported twice (merged outputs) appears once.
  template <typename F>
  void for_each(F&& f) {
    std::stable_sort(hosts_.begin(), hosts_.end(),
                     [](const HostUpRecord& a, const HostUpRecord& b) { return a.ip < b.ip; });
    hosts_.erase(std::unique(hosts_.begin(), hosts_.end(),
                             [](const HostUpRecord& a, const HostUpRecord& b) { return a.ip == b.ip; }),
                 hosts_.end());
    for (const HostUpRecord& host : hosts_) f(host);
  }

 private:
  std::vector<HostUpRecord> hosts_;
};

}  // namespace zeroscan
