// Permutation: a keyed pseudo-random order over [0, size) from the cyclic
// multiplicative group modulo a prime p > size (x -> x*g mod p, skipping
// values > size), so no state grows with the scan. Sharding splits the one
// cycle: shard i of n takes cycle positions i, i+n, i+2n, ... — shards are
// disjoint and their union is the whole scan, for any seed.
//
// A position (how many cycle steps this shard has taken) is all a resume
// file needs to continue exactly.
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
  // size: number of elements (1 .. 2^50). seed picks the generator and start.
  Permutation(std::uint64_t size, std::uint64_t seed, ShardSpec shard = {});

  std::uint64_t size() const { return size_; }
  std::uint64_t prime() const { return prime_; }

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

  // A cursor at the shard's start, or resumed `position` steps in.
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
