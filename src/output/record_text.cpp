// Allocation-free text pieces for the record writers.
#include "zeroscan/output/record_text.h"

namespace zeroscan {

void append_ip(std::string& out, IpAddress ip) {
  TextCursor cursor(out, Ipv6::kMaxTextLength);
  cursor.ip(ip);
}

void TextCursor::ip(IpAddress ip) {
  if (ip.is_v6())
    p_ = ip.v6().write_text(p_);
  else
    ipv4(ip.v4());
}

void TextCursor::ipv4(Ipv4 ip) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    number(unsigned((ip.value >> shift) & 0xff));
    if (shift) put('.');
  }
}

namespace {

// Length of the valid UTF-8 sequence starting at text[i], 0 if invalid
// (overlong forms, surrogates and code points past U+10FFFF included).
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length;
  unsigned char low = 0x80, high = 0xbf;  // allowed range of the second byte
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead == 0xe0) low = 0xa0;
    if (lead == 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead == 0xf0) low = 0x90;
    if (lead == 0xf4) high = 0x8f;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xbf) return 0;
  return length;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  TextCursor cursor(out, 6 * text.size() + 2);
  cursor.json_string(text);
}

void TextCursor::json_string(std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  put('"');
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8_sequence(text, i);
      if (n == 0) {
        put("\\ufffd");
        ++i;
      } else {
        put(text.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"': put("\\\""); break;
      case '\\': put("\\\\"); break;
      case '\b': put("\\b"); break;
      case '\f': put("\\f"); break;
      case '\n': put("\\n"); break;
      case '\r': put("\\r"); break;
      case '\t': put("\\t"); break;
      default:
        if (c < 0x20) {
          put("\\u00");
          put(kHex[c >> 4]);
          put(kHex[c & 15]);
        } else {
          put(char(c));
        }
    }
    ++i;
  }
  put('"');
}

}  // namespace zeroscan
