// Thread names and per-thread nice values (Linux applies setpriority to one thread id).
#include "zeroscan/engine/thread_priority.h"

#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace zeroscan {

void name_this_thread(const char* name) { pthread_setname_np(pthread_self(), name); }

bool set_thread_nice(int nice) {
  const auto thread_id = static_cast<id_t>(syscall(SYS_gettid));
  return setpriority(PRIO_PROCESS, thread_id, nice) == 0;
}

}  // namespace zeroscan
