// Deterministic randomness for the evaluation: std::mt19937_64 is specified
// bit for bit, the standard distributions are not, so draws are done here
// and a seed gives the same table on every platform.
#pragma once

#include <cstdint>
#include <random>

namespace zeroscan::eval_os {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, n); n > 0. The modulo bias is below 2^-40 for our n.
  std::uint64_t below(std::uint64_t n) { return engine_() % n; }
  // Uniform in [low, high].
  int between(int low, int high) { return low + int(below(std::uint64_t(high - low + 1))); }
  // True with probability p.
  bool chance(double p) { return double(engine_() >> 11) * 0x1.0p-53 < p; }

 private:
  std::mt19937_64 engine_;
};

}  // namespace zeroscan::eval_os
