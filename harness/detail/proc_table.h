#pragma once
// The process table as /proc shows it: what the process runner and the
// orphan sweep look up (state, parent, group) without a library.

#include <sys/types.h>

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

}  // namespace smapi::harness::detail
