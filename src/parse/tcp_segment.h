// TCP header parsing into TcpFields. Private to src/parse.
#pragma once

#include <optional>

#include "byte_span.h"
#include "zeroscan/parse/reply.h"

namespace zeroscan::parse_detail {

// `segment` is the whole TCP segment as bounded by the IP total length.
// nullopt when the fixed header is cut short or the data offset is below 5
// or beyond the segment.
std::optional<TcpFields> parse_tcp_segment(ByteSpan segment);

}  // namespace zeroscan::parse_detail
