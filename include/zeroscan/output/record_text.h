// Appending record text to a reusable std::string without building
// temporaries: numbers through std::to_chars, dotted quads by hand, JSON
// strings escaped exactly as nlohmann-json's dump() escapes them (so the
// NDJSON bytes stay what they were when records were built as json
// objects). A writer clears its buffer per record and keeps its capacity,
// so once warm nothing here allocates.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "zeroscan/core/ipv4.h"

namespace zeroscan {

template <typename Unsigned>
void append_number(std::string& out, Unsigned value) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, std::size_t(end - digits));
}

void append_ipv4(std::string& out, Ipv4 ip);

// `text` as a JSON string literal, quotes included: '"' and '\' escaped,
// control characters as \b \f \n \r \t or \u00xx, valid UTF-8 as is, and
// every byte that is not part of valid UTF-8 as \ufffd (nlohmann would
// throw there; a hostile service name must not end a scan).
void append_json_string(std::string& out, std::string_view text);

}  // namespace zeroscan
