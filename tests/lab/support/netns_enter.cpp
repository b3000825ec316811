// Scoped network-namespace switch; see netns_enter.h.
#include "support/netns_enter.h"

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace zeroscan::lab {

NetnsEnter::NetnsEnter(const std::string& netns) {
  original_ = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  if (original_ < 0) throw std::runtime_error(std::string("open own netns: ") + std::strerror(errno));
  const std::string path = "/run/netns/" + netns;
  const int target = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (target < 0 || setns(target, CLONE_NEWNET) != 0) {
    const std::string why = std::strerror(errno);
    if (target >= 0) close(target);
    close(original_);
    throw std::runtime_error("enter netns " + netns + ": " + why);
  }
  close(target);
}

NetnsEnter::~NetnsEnter() {
  // Staying in the lab namespace would silently move every later socket of
  // this thread there: better to stop loudly.
  if (setns(original_, CLONE_NEWNET) != 0) std::abort();
  close(original_);
}

}  // namespace zeroscan::lab
