// ByteSpan: a read-only window on captured bytes. Every accessor is bounds
// checked: the parsers check has() before reading, and a read outside the
// span returns 0 instead of touching memory, so a logic slip in a parser can
// produce a rejected frame but never an out-of-bounds read. Private to
// src/parse.
#pragma once

#include <cstddef>
#include <cstdint>

namespace zeroscan::parse_detail {

struct ByteSpan {
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;

  // Written to be overflow-free for any offset and length.
  bool has(std::size_t offset, std::size_t length) const {
    return offset <= size && length <= size - offset;
  }

  std::uint8_t u8(std::size_t at) const { return at < size ? data[at] : 0; }
  std::uint16_t be16(std::size_t at) const {
    return has(at, 2) ? std::uint16_t((data[at] << 8) | data[at + 1]) : 0;
  }
  std::uint32_t be32(std::size_t at) const {
    return has(at, 4) ? (std::uint32_t(be16(at)) << 16) | be16(at + 2) : 0;
  }

  // The bytes [offset, offset + length), or an empty span when they are not
  // all inside this one.
  ByteSpan sub(std::size_t offset, std::size_t length) const {
    return has(offset, length) ? ByteSpan{data + offset, length} : ByteSpan{};
  }
  ByteSpan from(std::size_t offset) const {
    return offset <= size ? ByteSpan{data + offset, size - offset} : ByteSpan{};
  }
};

}  // namespace zeroscan::parse_detail
