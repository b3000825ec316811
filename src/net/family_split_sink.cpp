// Runs of one family, each to its own sink.
#include "zeroscan/net/family_split_sink.h"

namespace zeroscan {

std::size_t FamilySplitSink::send(const FrameRef* frames, std::size_t count) {
  std::size_t done = 0;
  while (done < count) {
    const bool v6 = is_ipv6(frames[done]);
    std::size_t run = 1;
    while (done + run < count && is_ipv6(frames[done + run]) == v6) ++run;
    const std::size_t sent = (v6 ? ipv6_ : ipv4_).send(frames + done, run);
    done += sent;
    if (sent < run) break;  // that sink's queue is full: the caller retries the rest
  }
  return done;
}

}  // namespace zeroscan
