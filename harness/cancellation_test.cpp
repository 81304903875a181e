// A stop request ends a running plugin call at once, with its process group
// and escaped descendants; kill_every_child stops calls without waiting.

#include "harness/cancellation.h"

#include "fixtures/e2e/process.h"
#include "harness/orphans.h"
#include "harness/process_runner.h"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

namespace smapi::harness {
namespace {

using namespace std::chrono_literals;
using End = ProcessOutcome::End;
namespace fs = std::filesystem;

// A fresh directory for pid files.
fs::path scratch(const std::string& name) {
  const auto dir = fs::temp_directory_path() / ("smapi-cancel-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// A plugin that writes its pid, starts a descendant in a session of its own
// (out of reach of the group kill) that writes its pid too, and hangs.
ProcessRequest hanging_plugin(const fs::path& dir, const Cancellation* cancel) {
  const std::string script = "cat >/dev/null; setsid sh -c 'echo $$ > " + (dir / "escaped.pid").string() +
                             "; exec sleep 1000' </dev/null >/dev/null 2>&1 & echo $$ > " +
                             (dir / "plugin.pid").string() + "; exec sleep 1000";
  return ProcessRequest{"/bin/sh", {"-c", script}, "{}", cancel};
}

ProcessLimits long_timeout() {
  ProcessLimits limits;
  limits.timeout = 30s;
  return limits;
}

TEST(Cancellation, TheFirstRequestWinsAndWakesPoll) {
  Cancellation cancel;
  EXPECT_FALSE(cancel.requested());
  EXPECT_EQ(cancel.signal(), 0);
  pollfd idle{cancel.wait_fd(), POLLIN, 0};
  EXPECT_EQ(::poll(&idle, 1, 0), 0);
  cancel.request(SIGTERM);
  cancel.request(SIGINT);
  EXPECT_TRUE(cancel.requested());
  EXPECT_EQ(cancel.signal(), SIGTERM);
  pollfd woken{cancel.wait_fd(), POLLIN, 0};
  EXPECT_EQ(::poll(&woken, 1, 0), 1);
  EXPECT_EQ(::poll(&woken, 1, 0), 1);  // and stays readable
}

TEST(ProcessRunnerStop, AStopRequestEndsAHangingCallWithItsGroupAndEscapedDescendants) {
  ASSERT_TRUE(adopt_orphaned_descendants());
  const auto dir = scratch("stop");
  Cancellation cancel;
  pid_t plugin = 0, escaped = 0;
  std::thread stopper([&] {
    plugin = e2e::wait_for_pid_file(dir / "plugin.pid", 10s);
    escaped = e2e::wait_for_pid_file(dir / "escaped.pid", 10s);
    cancel.request(SIGINT);
  });
  const auto outcome = run_process(hanging_plugin(dir, &cancel), long_timeout());
  stopper.join();
  EXPECT_EQ(outcome.end, End::interrupted);
  EXPECT_LT(outcome.elapsed, 10s);
  ASSERT_GT(plugin, 0);
  ASSERT_GT(escaped, 0);
  EXPECT_TRUE(e2e::process_stops(plugin, 5s));
  EXPECT_TRUE(e2e::process_stops(escaped, 5s)) << "the setsid descendant outlived the stopped call";
  fs::remove_all(dir);
}

TEST(ProcessRunnerStop, NothingStartsOnceStopWasRequested) {
  const auto dir = scratch("before");
  Cancellation cancel;
  cancel.request(SIGTERM);
  const auto outcome = run_process(hanging_plugin(dir, &cancel), long_timeout());
  EXPECT_EQ(outcome.end, End::interrupted);
  EXPECT_EQ(outcome.pid, 0);
  EXPECT_FALSE(fs::exists(dir / "plugin.pid"));
  fs::remove_all(dir);
}

TEST(KillEveryChild, StopsARunningCallWithoutItsRunnerAndTheEscapedDescendants) {
  ASSERT_TRUE(adopt_orphaned_descendants());
  const auto dir = scratch("kill");
  ProcessOutcome outcome;
  std::thread call([&] { outcome = run_process(hanging_plugin(dir, nullptr), long_timeout()); });
  const pid_t plugin = e2e::wait_for_pid_file(dir / "plugin.pid", 10s);
  const pid_t escaped = e2e::wait_for_pid_file(dir / "escaped.pid", 10s);
  ASSERT_GT(plugin, 0);
  ASSERT_GT(escaped, 0);
  kill_every_child();
  EXPECT_TRUE(e2e::process_stops(escaped, 5s)) << "the setsid descendant outlived kill_every_child";
  call.join();
  EXPECT_EQ(outcome.end, End::signalled);
  EXPECT_EQ(outcome.signal, SIGKILL);
  EXPECT_LT(outcome.elapsed, 10s);
  EXPECT_TRUE(e2e::process_stops(plugin, 5s));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace smapi::harness
