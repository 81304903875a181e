#include "harness/orphans.h"

#include "harness/detail/proc_table.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <mutex>
#include <shared_mutex>
#include <unordered_set>
#include <vector>

namespace smapi::harness {
namespace {

// How long a sweep waits for one killed orphan to be reapable.
constexpr std::chrono::milliseconds kOrphanReapAllowance{1'000};
constexpr std::chrono::milliseconds kOrphanReapSlice{5};
// Killing an orphan's group can orphan its members in turn; a sweep looks
// again this many times at most (a descendant that keeps forking is bounded).
constexpr int kMaxSweepPasses = 8;

std::atomic<bool> adopting{false};
// Spawns and forgets hold it shared, a sweep exclusively: a sweep never sees
// a child between its spawn and its record, nor one forgotten after it read
// the children, while the calls of a fleet (--jobs) still spawn side by side
// (a spawn lasts until the child execs; one lock for all serialised them).
// A sweep cannot starve: each call sweeps after its own spawn, so a worker
// waiting to sweep spawns nothing, and the spawns in flight soon end.
// Lock order: spawn_gate, then children_mutex.
std::shared_mutex spawn_gate;
std::mutex children_mutex;
std::unordered_set<pid_t> known_children;  // guarded by children_mutex

// Children of this process: from the task children files, read twice and
// united (a child of another thread reaped during one reading can hide the
// next entry from it), or else from the whole process table.
std::vector<pid_t> children_of_self() {
  if (auto first = detail::task_children()) {
    auto second = detail::task_children().value_or(std::vector<pid_t>{});
    first->insert(first->end(), second.begin(), second.end());
    std::sort(first->begin(), first->end());
    first->erase(std::unique(first->begin(), first->end()), first->end());
    return *first;
  }
  std::vector<pid_t> children;
  const pid_t self = ::getpid();
  for (const auto& process : detail::list_processes())
    if (process.ppid == self) children.push_back(process.pid);
  return children;
}

// True when this process has no child at all, running or exited. Then no
// orphan can be waiting, and the sweep skips reading the process table,
// which otherwise is most of the harness's own cost per call (ci/bench-harness.sh).
bool has_no_children() {
  siginfo_t info{};
  return ::waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) != 0 && errno == ECHILD;
}

void kill_and_reap(pid_t pid) {
  // Its own group too, when it leads one (a setsid'd descendant does).
  if (::getpgid(pid) == pid) ::kill(-pid, SIGKILL);
  ::kill(pid, SIGKILL);
  const auto until = std::chrono::steady_clock::now() + kOrphanReapAllowance;
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0 && std::chrono::steady_clock::now() < until)
    ::usleep(static_cast<useconds_t>(std::chrono::microseconds(kOrphanReapSlice).count()));
}

}  // namespace

bool adopt_orphaned_descendants() {
  if (::prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) return false;
  adopting = true;
  return true;
}

pid_t spawn_known_child(const std::function<pid_t()>& spawn) {
  std::shared_lock gate(spawn_gate);
  const pid_t pid = spawn();
  if (pid > 0) {
    std::lock_guard lock(children_mutex);
    known_children.insert(pid);
  }
  return pid;
}

void forget_child(pid_t pid) {
  std::shared_lock gate(spawn_gate);
  std::lock_guard lock(children_mutex);
  known_children.erase(pid);
}

int sweep_orphans() {
  if (!adopting) return 0;
  std::unique_lock gate(spawn_gate);
  std::lock_guard lock(children_mutex);
  if (has_no_children()) return 0;
  int stopped = 0;
  for (int pass = 0; pass < kMaxSweepPasses; ++pass) {
    int this_pass = 0;
    for (pid_t pid : children_of_self()) {
      if (known_children.contains(pid)) continue;
      kill_and_reap(pid);
      ++this_pass;
    }
    if (this_pass == 0) break;
    stopped += this_pass;
  }
  return stopped;
}

void kill_every_child() {
  std::vector<pid_t> running;
  {
    std::lock_guard lock(children_mutex);
    running.assign(known_children.begin(), known_children.end());
    // Still unreaped (run_process forgets a child only after reaping it), so
    // each pid still names its group.
    for (pid_t pid : running) ::kill(-pid, SIGKILL);
  }
  const auto until = std::chrono::steady_clock::now() + kOrphanReapAllowance;
  for (pid_t pid : running) {
    for (;;) {
      siginfo_t info{};
      const int rc = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
      if (rc != 0 || info.si_pid == pid) break;  // exited (or already reaped by its call)
      if (std::chrono::steady_clock::now() >= until) break;
      ::usleep(static_cast<useconds_t>(std::chrono::microseconds(kOrphanReapSlice).count()));
    }
  }
  sweep_orphans();
}

}  // namespace smapi::harness
