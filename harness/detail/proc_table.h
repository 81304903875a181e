#pragma once
// The process table as /proc shows it: what the process runner and the
// orphan sweep look up (state, parent, group) without a library.

#include <sys/types.h>

#include <optional>
#include <vector>

namespace smapi::harness::detail {

struct ProcessEntry {
  pid_t pid = 0;
  char state = 0;  // 'R', 'S', 'Z' (zombie), ... as in /proc/PID/stat
  pid_t ppid = 0;
  pid_t pgrp = 0;
};

// Every process listed now; one that vanishes while the table is read is
// left out.
std::vector<ProcessEntry> list_processes();

// The children of this process as /proc/self/task/*/children lists them
// (each thread's: a child belongs to the thread that started it, an adopted
// orphan to any). It reads a few files where list_processes reads one per
// process on the host: with several plugins judged at once the orphan sweep
// runs after nearly every call. nullopt when the kernel has no such files
// (built without CONFIG_PROC_CHILDREN). The kernel lists them exactly only
// while no child of the thread exits during the read: read twice.
std::optional<std::vector<pid_t>> task_children();

}  // namespace smapi::harness::detail
