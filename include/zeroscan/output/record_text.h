// Appending record text to a reusable std::string without building
// temporaries: numbers through std::to_chars, dotted quads by hand, JSON
// strings escaped exactly as nlohmann-json's dump() escapes them (so the
// NDJSON bytes stay what they were when records were built as json
// objects). A writer clears its buffer per record and keeps its capacity,
// so once warm nothing here allocates.
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "zeroscan/core/ip_address.h"

namespace zeroscan {

template <typename Unsigned>
void append_number(std::string& out, Unsigned value) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, std::size_t(end - digits));
}

// A dotted quad or RFC 5952 IPv6 text (at most Ipv6::kMaxTextLength bytes).
void append_ip(std::string& out, IpAddress ip);

// `text` as a JSON string literal, quotes included: '"' and '\' escaped,
// control characters as \b \f \n \r \t or \u00xx, valid UTF-8 as is, and
// every byte that is not part of valid UTF-8 as \ufffd (nlohmann would
// throw there; a hostile service name must not end a scan).
void append_json_string(std::string& out, std::string_view text);

// Writes through a raw pointer into room made at the end of `out`, then
// trims `out` to what was written: one size check per record instead of
// one per piece. The caller promises at most `max_bytes` (json_string
// needs 6 x its input + 2).
class TextCursor {
 public:
  TextCursor(std::string& out, std::size_t max_bytes) : out_(out) {
    const std::size_t start = out.size();
    out.resize(start + max_bytes);
    p_ = out.data() + start;
  }
  ~TextCursor() { out_.resize(std::size_t(p_ - out_.data())); }
  TextCursor(const TextCursor&) = delete;
  TextCursor& operator=(const TextCursor&) = delete;

  template <std::size_t N>
  void put(const char (&text)[N]) {
    std::memcpy(p_, text, N - 1);
    p_ += N - 1;
  }
  void put(std::string_view text) {
    std::memcpy(p_, text.data(), text.size());
    p_ += text.size();
  }
  void put(char c) { *p_++ = c; }
  template <typename Unsigned>
  void number(Unsigned value) {
    p_ = std::to_chars(p_, p_ + 24, value).ptr;
  }
  void ipv4(Ipv4 ip);
  void ip(IpAddress ip);  // needs Ipv6::kMaxTextLength bytes of room
  void json_string(std::string_view text);

 private:
  std::string& out_;
  char* p_;
};

}  // namespace zeroscan
