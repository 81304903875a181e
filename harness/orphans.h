#pragma once
// Plugin descendants that leave the plugin's process group (setsid, setpgid)
// escape the group kill of run_process. Once this process is their
// subreaper, they are re-parented to it when their parents die, and a sweep
// finds them among its own children and stops them.

#include <sys/types.h>

#include <functional>

namespace smapi::harness {

// Makes this process the subreaper of its descendants (PR_SET_CHILD_SUBREAPER)
// and turns on the sweep that run_process makes at the end of every call.
// smapi-conform calls it once at start. A process that also starts children
// other than through run_process must not: the sweep would take them for
// orphans. Returns false (and changes nothing) if the kernel refuses.
bool adopt_orphaned_descendants();

// Runs `spawn` so that no sweep can see the child before it is known, and
// records the pid it returns (0: nothing was started).
pid_t spawn_known_child(const std::function<pid_t()>& spawn);

// The child has been reaped (or given up on): it is no longer ours to know.
void forget_child(pid_t pid);

// When adopting: kills and reaps every child of this process that it did not
// spawn itself, i.e. an orphaned plugin descendant, together with its group.
// Returns how many it stopped.
int sweep_orphans();

// Kills the process group of every child that spawn_known_child started and
// is not forgotten (the calls in flight), waits (a bounded time) for them to
// exit so that their escaped descendants are re-parented to us, then sweeps
// those orphans. For a process about to exit without waiting for its calls.
void kill_every_child();

}  // namespace smapi::harness
