// TCP option list walk (RFC 9293 §3.1, RFC 7323) into TcpOptions.
#include <algorithm>

#include "byte_span.h"
#include "zeroscan/parse/reply_parser.h"

namespace zeroscan {

namespace {

constexpr std::size_t kMaxOptionBytes = 40;  // data offset 15 minus the fixed header

enum OptionKind : std::uint8_t {
  kEndOfList = 0,
  kNop = 1,
  kMss = 2,
  kWindowScale = 3,
  kSackPermitted = 4,
  kTimestamp = 8,
};

// Appends one layout letter. Every letter consumes at least one option byte,
// so 40 letters and the NUL always fit; the check only guards that promise.
class LayoutWriter {
 public:
  explicit LayoutWriter(TcpOptions& options) : layout_(options.layout) {}
  void put(char letter) {
    if (count_ + 1 < layout_.size()) layout_[count_++] = letter;
  }

 private:
  std::array<char, 41>& layout_;
  std::size_t count_ = 0;
};

// Reads one option whose kind and length are known good; returns its letter.
char read_option(const parse_detail::ByteSpan& option, TcpOptions& out) {
  const std::uint8_t kind = option.u8(0);
  const std::size_t length = option.size;
  switch (kind) {
    case kMss:
      if (length != 4) return '?';
      if (!out.has_mss) out.mss = option.be16(2);
      out.has_mss = true;
      return 'M';
    case kWindowScale:
      if (length != 3) return '?';
      if (!out.has_wscale) out.wscale = option.u8(2);
      out.has_wscale = true;
      return 'W';
    case kSackPermitted:
      if (length != 2) return '?';
      out.sack_permitted = true;
      return 'S';
    case kTimestamp:
      if (length != 10) return '?';
      if (!out.has_timestamp) {
        out.ts_val = option.be32(2);
        out.ts_ecr = option.be32(6);
      }
      out.has_timestamp = true;
      return 'T';
    default:
      return '?';
  }
}

}  // namespace

TcpOptions parse_tcp_options(const std::uint8_t* data, std::size_t size) noexcept {
  TcpOptions options;
  LayoutWriter layout(options);
  const parse_detail::ByteSpan bytes{data, data ? std::min(size, kMaxOptionBytes) : 0};
  std::size_t at = 0;
  while (at < bytes.size) {
    const std::uint8_t kind = bytes.u8(at);
    if (kind == kEndOfList) {
      layout.put('E');  // what follows is padding
      break;
    }
    if (kind == kNop) {
      layout.put('N');
      ++at;
      continue;
    }
    // Every other kind carries a length that counts its kind and length
    // bytes: below 2 it would never advance, past the end it lies.
    if (!bytes.has(at + 1, 1)) {
      options.malformed = true;
      break;
    }
    const std::size_t length = bytes.u8(at + 1);
    if (length < 2 || !bytes.has(at, length)) {
      options.malformed = true;
      break;
    }
    layout.put(read_option(bytes.sub(at, length), options));
    at += length;
  }
  return options;
}

}  // namespace zeroscan
