// IPv6 header parsing: the responder's header (strict) and the header of
// our own probe quoted inside an ICMPv6 error (lenient, as routers quote
// it), each followed through its extension headers to the upper layer.
// Private to src/parse.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "byte_span.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan::parse_detail {

constexpr std::uint8_t kProtocolIcmpv6 = 58;

// Bounds of the extension-header walk: replies to a TCP probe carry none in
// practice, so a chain longer than this is hostile or broken, and the walk
// costs at most this many header reads whatever the packet says.
constexpr int kMaxExtensionHeaders = 8;
constexpr std::size_t kMaxExtensionBytes = 512;

// The upper-layer header after the extension headers.
struct UpperLayer {
  std::uint8_t protocol = 0;  // TCP, ICMPv6, or anything else the caller rejects
  ByteSpan payload;
  std::uint8_t headers_skipped = 0;
};

// Walks hop-by-hop (only as the first, RFC 8200 §4.1), routing, fragment
// and destination-options headers from `next_header` over `bytes`. nullopt
// when a header runs past the bytes, the chain breaks the limits above, or
// a fragment header says this is not the first fragment (only the first
// holds the upper-layer header). Any other next-header value ends the walk
// as the upper layer — AH, ESP and "no next header" included, which no
// caller accepts.
std::optional<UpperLayer> skip_extension_headers(std::uint8_t next_header, ByteSpan bytes);

struct Ipv6Packet {
  Ipv6Fields fields;
  UpperLayer upper;  // bounded by the payload length (a quote: by the quoted bytes)
};

// Accepts only a consistent packet: version 6, the 40-byte header present,
// a payload length inside the capture (longer captures are link padding and
// are cut off; 0 would be a jumbogram, which never answers a probe), and a
// well-formed extension-header chain as above.
std::optional<Ipv6Packet> parse_ipv6(ByteSpan packet);

// The header quoted in an ICMPv6 error: version and the 40-byte header
// present; the payload length is not held to the quote (RFC 4443 §2.4(c):
// errors quote as much as fits in the minimum MTU, possibly less than the
// probe); the extension-header chain is walked within the quoted bytes.
using QuotedIpv6 = Ipv6Packet;
std::optional<QuotedIpv6> parse_quoted_ipv6(ByteSpan quote);

}  // namespace zeroscan::parse_detail
