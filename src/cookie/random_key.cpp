// random_sip_key: the one place a cookie key comes from the environment;
// everything downstream takes the key as a value.
#include <sys/random.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "zeroscan/cookie/siphash.h"
#include "zeroscan/core/errors.h"

namespace zeroscan {

SipKey random_sip_key() {
  std::uint64_t words[2];
  auto* out = reinterpret_cast<unsigned char*>(words);
  std::size_t filled = 0;
  while (filled < sizeof words) {
    const ssize_t got = getrandom(out + filled, sizeof words - filled, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw SystemError(std::string("cannot get a random cookie key: getrandom: ") +
                        std::strerror(errno));
    }
    filled += std::size_t(got);
  }
  return SipKey{words[0], words[1]};
}

}  // namespace zeroscan
