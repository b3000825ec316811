// Permutation: picks the prime, the seeded generator and start, splits the
// cycle into shards, and walks it.
#include "zeroscan/targets/permutation.h"

#include <string>

#include "zeroscan/core/errors.h"
#include "zeroscan/targets/number_theory.h"

namespace zeroscan {

namespace {

// SplitMix64: turns one seed into a stream of well-mixed 64-bit values, so
// seeds that differ in one bit still pick unrelated generators and starts.
class SeedStream {
 public:
  explicit SeedStream(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t state_;
};

std::uint64_t pick_primitive_root(std::uint64_t prime, SeedStream& stream) {
  // The groups mod 2 and mod 3 have a single generator each.
  if (prime == 2) return 1;
  if (prime == 3) return 2;
  const auto factors = distinct_prime_factors(prime - 1);
  // Candidates in [2, p-2] (p-1 has order 2). Roughly phi(p-1)/(p-1) of them
  // are generators, so a handful of draws suffice.
  for (;;) {
    const std::uint64_t candidate = 2 + stream.next() % (prime - 3);
    if (is_primitive_root(candidate, prime, factors)) return candidate;
  }
}

void check_shard(ShardSpec shard) {
  if (shard.count == 0) throw UsageError("bad shard count 0: must be at least 1");
  if (shard.index >= shard.count) {
    throw UsageError("bad shard " + std::to_string(shard.index) + " of " +
                     std::to_string(shard.count) + ": shard index must be 0-" +
                     std::to_string(shard.count - 1));
  }
}

}  // namespace

Permutation::Permutation(std::uint64_t size, std::uint64_t seed, ShardSpec shard) : size_(size) {
  if (size > kMaxSize) {
    throw UsageError("scan of " + std::to_string(size) +
                     " probes is too large: the limit is 2^50 (hosts x ports x probe kinds)");
  }
  check_shard(shard);
  prime_ = smallest_prime_above(size);
  SeedStream stream(seed);
  generator_ = pick_primitive_root(prime_, stream);
  const std::uint64_t start = 1 + stream.next() % (prime_ - 1);

  const std::uint64_t cycle_length = prime_ - 1;
  shard_positions_ =
      shard.index >= cycle_length ? 0 : (cycle_length - shard.index + shard.count - 1) / shard.count;
  shard_step_ = pow_mod(generator_, shard.count, prime_);
  shard_first_ = mul_mod(start, pow_mod(generator_, shard.index, prime_), prime_);
}

Permutation::Cursor Permutation::cursor(std::uint64_t position) const {
  if (position > shard_positions_) {
    throw UsageError("resume position " + std::to_string(position) +
                     " is past the end of this shard (" + std::to_string(shard_positions_) +
                     " positions): was it saved by a different scan?");
  }
  Cursor cursor;
  cursor.perm_ = this;
  cursor.current_ = mul_mod(shard_first_, pow_mod(shard_step_, position, prime_), prime_);
  cursor.steps_ = position;
  cursor.max_steps_ = shard_positions_;
  return cursor;
}

std::optional<std::uint64_t> Permutation::Cursor::next() {
  while (steps_ < max_steps_) {
    const std::uint64_t index = current_ - 1;
    current_ = mul_mod(current_, perm_->shard_step_, perm_->prime_);
    ++steps_;
    if (index < perm_->size_) return index;
  }
  return std::nullopt;
}

}  // namespace zeroscan
