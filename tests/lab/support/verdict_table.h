// The SYN x ACK table of include/zeroscan/classify/firewall_verdict.h,
// written out again from the header comment (not the scanner's code), so
// that the truth's `verdict` lines can be checked against the `port` lines
// they sit next to, for either address family.
#pragma once

#include <string>
#include <vector>

#include "support/lab_truth.h"

namespace zeroscan::lab {

// One pair: "drop" stands for drop or stateful-filter (decided per host).
std::string table_verdict(const Expectation& syn, const Expectation& ack, bool forged);

// Every sweep port of one host, from its syn and ack expectations (same
// order; nullptr where the truth has none, which gives "?"): the table per
// pair, a closed SYN whose reply TTL differs from the host's SYN-ACKs is a
// forged reset, and drop becomes stateful-filter on a host that shows
// open-stateful or closed-stateful on another port.
std::vector<std::string> host_verdicts(const std::vector<const Expectation*>& syn,
                                       const std::vector<const Expectation*>& ack, int group_ttl);

}  // namespace zeroscan::lab
