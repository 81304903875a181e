#pragma once
// Runs one plugin executable the way xapi-storage-script does, but bounded:
// its own process group, stdin written then closed, stdout and stderr read
// concurrently and capped, a deadline that kills the whole group.

#include "harness/cancellation.h"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace smapi::harness {

struct ProcessLimits {
  // Wall-clock limit for one call; on expiry the whole process group is killed.
  std::chrono::milliseconds timeout{30'000};
  // stdout beyond this is not kept; the group is killed (the answer is void).
  std::size_t max_stdout_bytes = 16 * 1024 * 1024;
  // stderr beyond this is read and discarded; the plugin keeps running.
  std::size_t max_stderr_bytes = 1024 * 1024;
  // After the plugin exits, how long a descendant may keep stdout/stderr open
  // before the group is killed and the call reported as holding the pipe.
  std::chrono::milliseconds pipe_grace{1'000};
  // After we kill the group, how long to wait for the plugin to be reaped and
  // for every other member of its group to stop running.
  std::chrono::milliseconds reap_allowance{1'000};
};

struct ProcessRequest {
  std::filesystem::path executable;
  std::vector<std::string> args;  // argv[1..]; argv[0] is the executable path
  std::string stdin_bytes;        // written, then stdin is closed
  // When set and requested (before or during the call), the call ends at
  // once: the group is killed as at a timeout, and the outcome is interrupted.
  const Cancellation* cancel = nullptr;
};

struct ProcessOutcome {
  enum class End {
    exited,        // exit_code is valid
    signalled,     // signal is valid (killed by something other than us)
    timed_out,     // we killed the group at the deadline
    output_limit,  // we killed the group: stdout exceeded max_stdout_bytes
    spawn_failed,  // could not start it; error says why (not found, not executable, ...)
    interrupted,   // the request's Cancellation was requested: we killed the group (or never started it)
  };
  End end = End::spawn_failed;
  int exit_code = 0;
  int signal = 0;
  std::string stdout_bytes;
  std::string stderr_bytes;
  bool stdout_truncated = false;
  bool stderr_truncated = false;
  // The plugin exited, but a descendant held stdout or stderr open past pipe_grace.
  bool pipe_held_open = false;
  // The plugin closed stdin or exited before reading all of it (EPIPE).
  bool stdin_not_consumed = false;
  std::string error;  // spawn_failed: strerror-style reason
  std::chrono::milliseconds elapsed{0};
  // The plugin's process id, which is also its process group id (0 if never started).
  int pid = 0;
};

// Never throws for anything the child does; never blocks past
// timeout + pipe_grace + reap_allowance. Leaves no process of the plugin's
// group running, however the call ended; with adopt_orphaned_descendants
// (orphans.h), none of its descendants that left the group either.
ProcessOutcome run_process(const ProcessRequest& request, const ProcessLimits& limits);

}  // namespace smapi::harness
