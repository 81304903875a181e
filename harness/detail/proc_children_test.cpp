#include "harness/detail/proc_table.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>
#include <vector>

extern char** environ;

namespace smapi::harness::detail {
namespace {

pid_t start_sleep() {
  pid_t pid = 0;
  char arg0[] = "sleep", arg1[] = "30";
  char* argv[] = {arg0, arg1, nullptr};
  if (::posix_spawnp(&pid, "sleep", nullptr, nullptr, argv, environ) != 0) return 0;
  return pid;
}

bool lists(const std::vector<pid_t>& children, pid_t pid) {
  return std::find(children.begin(), children.end(), pid) != children.end();
}

// Children started by other threads are listed too: the sweep runs on
// whichever thread ends a call, and every plugin of a fleet has its own.
TEST(TaskChildren, ListsTheChildrenOfEveryThreadAndNoOthers) {
  pid_t here = start_sleep();
  pid_t there = 0;
  std::thread([&] { there = start_sleep(); }).join();
  ASSERT_GT(here, 0);
  ASSERT_GT(there, 0);
  const auto children = task_children();
  ASSERT_TRUE(children) << "this kernel has no /proc/self/task/*/children";
  EXPECT_TRUE(lists(*children, here));
  EXPECT_TRUE(lists(*children, there));
  EXPECT_FALSE(lists(*children, ::getpid()));
  EXPECT_FALSE(lists(*children, ::getppid()));
  for (pid_t pid : {here, there}) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  const auto after = task_children();
  ASSERT_TRUE(after);
  EXPECT_FALSE(lists(*after, here));
  EXPECT_FALSE(lists(*after, there));
}

}  // namespace
}  // namespace smapi::harness::detail
