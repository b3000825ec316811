// serialize_probe: one probe frame built from scratch with libtins. The
// slow, obviously-correct path: ProbeTemplate takes its template from here,
// and tests hold stamp() to being byte-identical with it for any fields.
#pragma once

#include <cstdint>
#include <vector>

#include "zeroscan/cookie/cookie.h"
#include "zeroscan/core/ipv4.h"
#include "zeroscan/core/probe_kind.h"
#include "zeroscan/probe/probe_template.h"

namespace zeroscan {

// The frame `kind` would be with these fields: Ethernet (to options.dst_mac,
// padded to the 60-byte minimum as libtins does) unless options.ethernet is
// false, IPv4 with DF, then TCP, or for ProbeKind::Echo an ICMP echo request
// (identifier and sequence from fields.seq, no payload; dst_port unused). Allocates; may throw. Not for the hot path.
std::vector<std::uint8_t> serialize_probe(ProbeKind kind, const TemplateOptions& options,
                                          Ipv4 target, std::uint16_t dst_port,
                                          const ProbeFields& fields);

}  // namespace zeroscan
