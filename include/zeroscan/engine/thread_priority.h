// Name and scheduling weight of the calling thread. The capture thread is
// the one thread of a scan that must never fall behind (a full kernel ring
// loses replies for good), while the senders pace themselves and the output
// thread has the result queue to catch up from. On a busy machine the
// scheduler shares the CPU evenly, so the capture thread asks for a larger
// share. With autogroups (kernel.sched_autogroup_enabled=1, as on the lab
// VM) a nice value weighs only within the scan's own session: it wins CPU
// from the senders, not from other sessions' work. Best effort: without
// CAP_SYS_NICE the request fails and nothing changes.
#pragma once

namespace zeroscan {

// Names the calling thread (at most 15 characters) so that top -H, perf
// and /proc/PID/task/*/comm tell the scan's threads apart.
void name_this_thread(const char* name);

// Sets the calling thread's nice value (Linux: per thread); false if refused.
bool set_thread_nice(int nice);

// The capture thread's share: nice -10, about 9x a default thread's weight.
inline bool favour_capture_thread() { return set_thread_nice(-10); }

}  // namespace zeroscan
