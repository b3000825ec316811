// Link-layer framing: finds the IPv4 or IPv6 packet inside an Ethernet (with any
// 802.1Q/802.1ad tags), Linux cooked (SLL) or raw-IP frame. Private to
// src/parse.
#pragma once

#include <optional>

#include "byte_span.h"
#include "zeroscan/parse/reply_parser.h"

namespace zeroscan::parse_detail {

// The bytes after the link header when the frame carries IPv4; nullopt for
// other protocols and for frames too short to hold their link header. The
// span still includes any Ethernet padding: the IP total length trims it.
std::optional<ByteSpan> ipv4_payload(ByteSpan frame, LinkType link);
// The same for IPv6 (EtherType 0x86DD). A raw-IP frame is returned whole by
// both: the IP parsers check the version nibble.
std::optional<ByteSpan> ipv6_payload(ByteSpan frame, LinkType link);

}  // namespace zeroscan::parse_detail
