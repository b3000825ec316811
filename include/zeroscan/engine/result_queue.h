// The hand-over from the capture thread to the output thread: a bounded
// single-producer queue of CapturedResults, and the one routine that turns
// queued results into writer calls (used by the live output thread and by
// the offline replay alike).
#pragma once

#include <cstddef>

#include "zeroscan/engine/captured_result.h"
#include "zeroscan/engine/spsc_queue.h"
#include "zeroscan/output/result_sink.h"

namespace zeroscan {

using ResultQueue = SpscQueue<CapturedResult>;

// Queue slots for a scan at `rate` packets/s: room for 0.1 s of first
// answers at that rate (an output stall that long loses nothing; the
// output thread formats 1-4 M records/s, so it catches up at once),
// between 2^12 and 2^19 slots (80 bytes each: 10 MiB at 1 M pps).
std::size_t result_queue_capacity(double rate);

// Pops up to `max` results and hands each to `sink` as a PortRecord,
// reusing `scratch`. Returns how many it handed on.
std::size_t drain_results(ResultQueue& queue, ResultSink& sink, PortRecord& scratch,
                          std::size_t max = 256);

}  // namespace zeroscan
