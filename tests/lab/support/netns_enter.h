// Entering a named network namespace (`ip netns add NAME`) on the calling
// thread for the lifetime of a scope. Sockets created inside stay bound to
// that namespace after the scope ends, which is how the capture opens its
// pcap handle on a namespace-side interface from the root namespace.
#pragma once

#include <string>

namespace zeroscan::lab {

class NetnsEnter {
 public:
  explicit NetnsEnter(const std::string& netns);  // throws std::runtime_error
  ~NetnsEnter();                                  // returns to the original namespace
  NetnsEnter(const NetnsEnter&) = delete;
  NetnsEnter& operator=(const NetnsEnter&) = delete;

 private:
  int original_ = -1;
};

}  // namespace zeroscan::lab
