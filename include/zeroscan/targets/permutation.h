// Permutation: a keyed pseudo-random order over [0, size) from the cyclic
// multiplicative group modulo a prime p > size (x -> x*g mod p; group element
// e stands for index e-1, and indices >= size are skipped), so no state grows
// with the scan. p is the smallest prime above size, so skips are rare.
// Sharding splits the one cycle: shard i of n takes cycle positions i, i+n,
// i+2n, ... — shards are disjoint and their union is the whole scan, for any
// seed.
//
// A position (how many cycle steps this shard has taken) is all a resume
// file needs to continue exactly: cursor(position) jumps there in O(log).
#pragma once

#include <cstdint>
#include <optional>

namespace zeroscan {

struct ShardSpec {
  std::uint32_t index = 0;  // 0-based
  std::uint32_t count = 1;
};

class Permutation {
 public:
  // size: number of elements (0 .. 2^50; 0 gives an empty order). seed picks
  // the generator and start. Throws UsageError for size > 2^50, shard count 0
  // or shard index >= count.
  Permutation(std::uint64_t size, std::uint64_t seed, ShardSpec shard = {});

  static constexpr std::uint64_t kMaxSize = std::uint64_t(1) << 50;

  std::uint64_t size() const { return size_; }
  std::uint64_t prime() const { return prime_; }
  std::uint64_t generator() const { return generator_; }
  // Cycle positions this shard owns: ceil((prime - 1 - index) / count). The
  // cursor is exhausted when position() reaches this (progress = ratio).
  std::uint64_t positions() const { return shard_positions_; }

  class Cursor {
   public:
    // Next element of this shard in [0, size), or nullopt when the shard is
    // exhausted. Amortised O(1): skips at most p/size values on average.
    std::optional<std::uint64_t> next();
    std::uint64_t position() const { return steps_; }  // cycle steps taken
   private:
    friend class Permutation;
    const Permutation* perm_ = nullptr;
    std::uint64_t current_ = 0;     // group element at the current position
    std::uint64_t steps_ = 0;       // positions consumed in this shard
    std::uint64_t max_steps_ = 0;   // positions this shard owns
  };

  // A cursor at the shard's start, or resumed `position` steps in (as read
  // back from Cursor::position()). The cursor points into this Permutation,
  // which must outlive it. Throws UsageError when position > positions().
  Cursor cursor(std::uint64_t position = 0) const;

 private:
  std::uint64_t size_;
  std::uint64_t prime_;
  std::uint64_t generator_;     // primitive root mod prime_, chosen by seed
  std::uint64_t shard_step_;    // generator_^shard.count mod prime_
  std::uint64_t shard_first_;   // start * generator_^shard.index mod prime_
  std::uint64_t shard_positions_;  // cycle positions owned by this shard
};

}  // namespace zeroscan
