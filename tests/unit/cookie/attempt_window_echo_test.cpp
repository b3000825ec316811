// AttemptWindow's echo rule, shared by the IPv4 and IPv6 cookies: the
// identifier+sequence is the echo hash plus the attempt, wrapping at 2^32,
// and only attempts inside the window verify.
#include "zeroscan/cookie/attempt_window.h"

#include <gtest/gtest.h>

namespace zeroscan {
namespace {

constexpr std::uint8_t kAttempts = 3;

TEST(AttemptWindowEcho, EveryAttemptStampedIsTheAttemptRecovered) {
  const AttemptWindow window(SourcePortRange{}, kAttempts);
  for (std::uint32_t hash : {0u, 12345u, 0xffffffffu, 0xfffffffeu}) {
    for (std::uint8_t attempt = 0; attempt < kAttempts; ++attempt) {
      const std::uint32_t stamped = AttemptWindow::echo_value(hash, attempt);
      EXPECT_EQ(window.echo_attempt(hash, stamped), attempt) << hash;
    }
  }
}

TEST(AttemptWindowEcho, TheStampWrapsPastTheTopOfTheField) {
  EXPECT_EQ(AttemptWindow::echo_value(0xffffffffu, 2), 1u);
}

TEST(AttemptWindowEcho, ValuesOutsideTheWindowProveNothing) {
  const AttemptWindow window(SourcePortRange{}, kAttempts);
  const std::uint32_t hash = 1000;
  EXPECT_EQ(window.echo_attempt(hash, hash + kAttempts), std::nullopt);
  EXPECT_EQ(window.echo_attempt(hash, hash - 1), std::nullopt);  // wraps to a huge attempt
  EXPECT_EQ(window.echo_attempt(hash, 0xdeadbeef), std::nullopt);
}

}  // namespace
}  // namespace zeroscan
