// -sL / --list: the addresses a scan would probe, one per line, after
// excludes, reserved blocks and name resolution; nothing is sent.
#pragma once

#include <ostream>

#include "zeroscan/targets/ipv6_target_set.h"
#include "zeroscan/targets/target_set.h"

namespace zeroscan {

// Writes each address to `out` and a one-line count to `note`. Returns the
// exit code: 0, or 1 when `out` failed (a closed pipe, a full disk).
int list_targets(const TargetSet& targets, const Ipv6TargetSet& targets6, std::ostream& out, std::ostream& note);

}  // namespace zeroscan
