#include "harness/process_runner.h"

#include "harness/detail/proc_table.h"
#include "harness/orphans.h"

#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <thread>

namespace smapi::harness {
namespace {

using namespace std::chrono_literals;
using End = ProcessOutcome::End;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// The ext4-ng answer from FIELD-TRANSCRIPTS.md, as the hostile fixtures print it.
const std::string kQueryAnswer =
    R"({"plugin": "ext4-ng", "name": "ext4 Volume plugin", "description": "This plugin manages a ext4 based SR", "vendor": "None", "copyright": "(C) 2019 Vates", "version": "3.0", "required_api_version": "5.0", "features": ["SR_ATTACH", "SR_DETACH", "SR_CREATE", "VDI_CREATE", "VDI_DESTROY", "VDI_ATTACH", "VDI_ATTACH_OFFLINE", "VDI_DETACH", "VDI_ACTIVATE", "VDI_DEACTIVATE", "VDI_UPDATE", "VDI_CLONE", "VDI_SNAPSHOT", "VDI_RESIZE", "SR_METADATA"], "configuration": {}, "required_cluster_stack": []})"
    "\n";
const std::string kDbg = R"({"dbg":"debug"})";

std::filesystem::path hostile(const std::string& name) {
  return std::filesystem::path(SMAPI_SOURCE_DIR) / "fixtures" / "hostile" / name;
}

ProcessLimits short_limits() {
  ProcessLimits limits;
  limits.timeout = 1000ms;
  limits.pipe_grace = 300ms;
  return limits;
}

ProcessOutcome run(std::filesystem::path exe, std::vector<std::string> args = {},
                   std::string stdin_bytes = kDbg, ProcessLimits limits = short_limits()) {
  ProcessRequest request{std::move(exe), std::move(args), std::move(stdin_bytes)};
  return run_process(request, limits);
}

ProcessOutcome run_sh(const std::string& script, std::string stdin_bytes = kDbg,
                      ProcessLimits limits = short_limits()) {
  return run("/bin/sh", {"-c", script}, std::move(stdin_bytes), limits);
}

// Processes of group `pgid` that are still running (zombies excluded).
int live_members(int pgid) {
  int count = 0;
  for (const auto& process : detail::list_processes())
    count += process.pgrp == pgid && process.state != 'Z' && process.state != 'X';
  return count;
}

// Right after run_process: nothing of the group runs; and once init has
// reaped the orphans (it may take a second here), the group is gone.
void expect_group_gone(int pgid) {
  ASSERT_GT(pgid, 0);
  EXPECT_EQ(live_members(pgid), 0) << "group " << pgid << " still has running members";
  auto until = std::chrono::steady_clock::now() + 5s;
  int rc = 0;
  while ((rc = ::kill(-pgid, 0)) == 0 && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(20ms);
  EXPECT_EQ(rc, -1) << "group " << pgid << " still exists";
  EXPECT_EQ(errno, ESRCH);
}

// True if a running process has `needle` in its command line (zombies have none).
bool process_with_cmdline(const std::string& needle) {
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream cmdline(entry.path() / "cmdline");
    std::string text((std::istreambuf_iterator<char>(cmdline)), std::istreambuf_iterator<char>());
    if (text.find(needle) != std::string::npos) return true;
  }
  return false;
}

// A sleep no other process runs: its duration names this test process.
std::string unique_sleep_seconds() { return "3000." + std::to_string(::getpid()); }

std::string random_bytes(std::size_t n) {
  std::mt19937 gen(42);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(gen() & 0xff);
  return s;
}

int open_fd_count() {
  int n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

// --- well-behaved children ---------------------------------------------

TEST(ProcessRunner, CatEchoesStdinExactly) {
  auto o = run("/bin/cat");
  EXPECT_EQ(o.end, End::exited);
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_EQ(o.stdout_bytes, kDbg);
  EXPECT_EQ(o.stderr_bytes, "");
  EXPECT_FALSE(o.stdin_not_consumed);
  EXPECT_FALSE(o.pipe_held_open);
  EXPECT_FALSE(o.stdout_truncated);
  EXPECT_GT(o.pid, 0);
  EXPECT_EQ(o.error, "");
}

TEST(ProcessRunner, CatEchoesStdinLargerThanThePipeBuffer) {
  const std::string big = random_bytes(4 * 1024 * 1024);  // includes NUL bytes
  auto o = run("/bin/cat", {}, big);
  EXPECT_EQ(o.end, End::exited);
  EXPECT_EQ(o.exit_code, 0);
  ASSERT_EQ(o.stdout_bytes.size(), big.size());
  EXPECT_TRUE(o.stdout_bytes == big);
  EXPECT_FALSE(o.stdin_not_consumed);
}

TEST(ProcessRunner, ReportsExitCodes) {
  for (int code : {0, 1, 3}) {
    auto o = run_sh("exit " + std::to_string(code));
    EXPECT_EQ(o.end, End::exited) << code;
    EXPECT_EQ(o.exit_code, code);
    EXPECT_EQ(o.signal, 0);
  }
}

TEST(ProcessRunner, PassesArgvAndStartsOwnProcessGroup) {
  // With sh -c, the first argument after the script becomes $0. Field 5 of
  // /proc/<pid>/stat is the process group id.
  auto o = run("/bin/sh", {"-c", R"sh(printf '%s|%s|%s' "$0" "$1" "$(cut -d' ' -f5 /proc/$$/stat)")sh",
                           "Plugin.Query", "--json"});
  EXPECT_EQ(o.end, End::exited);
  EXPECT_EQ(o.stdout_bytes, "Plugin.Query|--json|" + std::to_string(o.pid));
}

TEST(ProcessRunner, ChildSignalsAreDefaultAndUnblocked) {
  // SigBlk/SigIgn in /proc/self/status are hex masks; the child must have none.
  // Ignore and block SIGUSR1 in this thread: the child must not inherit either.
  struct sigaction ignore {};
  struct sigaction previous {};
  ignore.sa_handler = SIG_IGN;
  ASSERT_EQ(::sigaction(SIGUSR1, &ignore, &previous), 0);
  sigset_t usr1;
  sigset_t old_mask;
  sigemptyset(&usr1);
  sigaddset(&usr1, SIGUSR1);
  ASSERT_EQ(::pthread_sigmask(SIG_BLOCK, &usr1, &old_mask), 0);
  auto o = run_sh("exec grep -E '^Sig(Blk|Ign)' /proc/self/status");
  ::pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
  ::sigaction(SIGUSR1, &previous, nullptr);
  EXPECT_EQ(o.end, End::exited);
  EXPECT_EQ(o.stdout_bytes, "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n");
}

TEST(ProcessRunner, LeavesTheCallersSigpipeDispositionAlone) {
  struct sigaction before {};
  ASSERT_EQ(::sigaction(SIGPIPE, nullptr, &before), 0);
  auto o = run_sh("exit 0", std::string(1024 * 1024, 'x'));  // a reader that never reads
  EXPECT_TRUE(o.stdin_not_consumed);
  struct sigaction after {};
  ASSERT_EQ(::sigaction(SIGPIPE, nullptr, &after), 0);
  EXPECT_EQ(after.sa_handler, before.sa_handler);
  sigset_t mask;
  ASSERT_EQ(::pthread_sigmask(SIG_SETMASK, nullptr, &mask), 0);
  EXPECT_EQ(sigismember(&mask, SIGPIPE), 0);
}

TEST(ProcessRunner, NonReaderThatExitsAtOnceWithLargeStdin) {
  auto o = run_sh("exit 0", std::string(1024 * 1024, 'x'));
  EXPECT_EQ(o.end, End::exited);
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_TRUE(o.stdin_not_consumed);
  EXPECT_LT(o.elapsed, 1000ms);
}

TEST(ProcessRunner, EmptyStdinIsClosedAtOnce) {
  auto o = run("/bin/cat", {}, "");
  EXPECT_EQ(o.end, End::exited);
  EXPECT_EQ(o.stdout_bytes, "");
  EXPECT_FALSE(o.stdin_not_consumed);
}

TEST(ProcessRunner, InterleavedLargeStdoutAndStderrDoNotDeadlock) {
  ProcessLimits limits = short_limits();
  limits.timeout = 5000ms;
  limits.max_stderr_bytes = 8 * 1024 * 1024;
  const std::string input(2 * 1024 * 1024, 'i');
  auto o = run_sh("tee /dev/stderr; head -c 3000000 /dev/zero | tr '\\000' e >&2 & "
                  "head -c 3000000 /dev/zero | tr '\\000' o; wait",
                  input, limits);
  EXPECT_EQ(o.end, End::exited);
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_EQ(o.stdout_bytes.size(), input.size() + 3000000);
  EXPECT_EQ(o.stderr_bytes.size(), input.size() + 3000000);
  EXPECT_EQ(o.stdout_bytes.substr(0, input.size()), input);
  EXPECT_FALSE(o.stdout_truncated);
  EXPECT_FALSE(o.stderr_truncated);
}

// --- spawn failures --------------------------------------------------------

TEST(ProcessRunner, MissingExecutable) {
  auto o = run(hostile("does_not_exist"));
  EXPECT_EQ(o.end, End::spawn_failed);
  EXPECT_EQ(o.error, "no such file");
  EXPECT_EQ(o.pid, 0);
}

TEST(ProcessRunner, NotExecutableFile) {
  struct stat st {};
  ASSERT_EQ(::stat(hostile("not_executable").c_str(), &st), 0);
  ASSERT_EQ(st.st_mode & 0111, 0u) << "fixture must have no x bit";
  auto o = run(hostile("not_executable"));
  EXPECT_EQ(o.end, End::spawn_failed);
  EXPECT_EQ(o.error, "permission denied");
}

TEST(ProcessRunner, RefusesBadRequests) {
  EXPECT_EQ(run("").error, "empty executable path");
  auto o = run("/bin/echo", {"ok", std::string("a\0b", 3)});
  EXPECT_EQ(o.end, End::spawn_failed);
  EXPECT_EQ(o.error, "argument 2 contains a NUL byte");
}

// --- hostile fixtures ----------------------------------------------------

TEST(ProcessRunner, HangIsKilledAtTheDeadline) {
  auto o = run(hostile("hang"));
  EXPECT_EQ(o.end, End::timed_out);
  EXPECT_GE(o.elapsed, 1000ms);
  EXPECT_LT(o.elapsed, 3000ms);
  EXPECT_FALSE(o.stdin_not_consumed);  // it did read its stdin
  expect_group_gone(o.pid);
}

TEST(ProcessRunner, TimeoutKillsGrandchildrenToo) {
  ProcessLimits limits = short_limits();
  limits.timeout = 300ms;
  auto o = run_sh("sleep 100 & sleep 100 & wait", kDbg, limits);
  EXPECT_EQ(o.end, End::timed_out);
  EXPECT_LT(o.elapsed, 2300ms);
  expect_group_gone(o.pid);
}

TEST(ProcessRunner, GroupMemberLeftBehindByACleanExitIsStopped) {
  const std::string seconds = unique_sleep_seconds();
  auto o = run_sh("sleep " + seconds + " </dev/null >/dev/null 2>&1 & echo ok");
  EXPECT_EQ(o.end, End::exited);
  EXPECT_EQ(o.stdout_bytes, "ok\n");
  EXPECT_FALSE(process_with_cmdline(seconds)) << "the background sleep outlived the call";
  expect_group_gone(o.pid);
}

TEST(ProcessRunner, DescendantThatLeftTheGroupIsStoppedWhenOrphansAreAdopted) {
  ASSERT_TRUE(adopt_orphaned_descendants());
  const std::string seconds = unique_sleep_seconds();
  // The background job starts its own session (out of the group kill's
  // reach), and its parent exits, so it is orphaned.
  auto o = run_sh("(setsid sleep " + seconds + " </dev/null >/dev/null 2>&1 &); sleep 0.2; echo ok");
  EXPECT_EQ(o.end, End::exited);
  EXPECT_EQ(o.stdout_bytes, "ok\n");
  EXPECT_FALSE(process_with_cmdline(seconds)) << "the setsid descendant outlived the call";
}

TEST(ProcessRunner, OwnConcurrentCallsAreNotTakenForOrphans) {
  ASSERT_TRUE(adopt_orphaned_descendants());
  // One call sleeps while others end and sweep; it must still finish normally.
  std::thread slow([&] {
    auto o = run_sh("sleep 0.5; echo slow");
    EXPECT_EQ(o.end, End::exited);
    EXPECT_EQ(o.stdout_bytes, "slow\n");
  });
  for (int i = 0; i < 5; ++i) {
    auto o = run_sh("echo quick");
    EXPECT_EQ(o.stdout_bytes, "quick\n");
  }
  slow.join();
}

TEST(ProcessRunner, FloodStdoutHitsTheOutputLimit) {
  ProcessLimits limits = short_limits();
  limits.max_stdout_bytes = 64 * 1024;
  auto o = run(hostile("flood_stdout"), {}, kDbg, limits);
  EXPECT_EQ(o.end, End::output_limit);
  EXPECT_TRUE(o.stdout_truncated);
  EXPECT_EQ(o.stdout_bytes.size(), limits.max_stdout_bytes);
  EXPECT_THAT(o.stdout_bytes, StartsWith("flood flood"));
  EXPECT_LT(o.elapsed, 3000ms);
  expect_group_gone(o.pid);
}

TEST(ProcessRunner, ChildHoldingStdoutIsKilledAfterGrace) {
  auto o = run(hostile("child_holds_stdout"));
  EXPECT_EQ(o.end, End::exited);
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_TRUE(o.pipe_held_open);
  EXPECT_EQ(o.stdout_bytes, kQueryAnswer);
  EXPECT_GE(o.elapsed, 300ms);
  EXPECT_LT(o.elapsed, 2300ms);
  expect_group_gone(o.pid);
}

TEST(ProcessRunner, BigStderrWithinCapIsKeptWhole) {
  auto o = run(hostile("big_stderr"));  // default stderr cap is exactly 1 MiB
  EXPECT_EQ(o.end, End::exited);
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_EQ(o.stderr_bytes, std::string(1024 * 1024, 'e'));
  EXPECT_FALSE(o.stderr_truncated);
  EXPECT_EQ(o.stdout_bytes, kQueryAnswer);
}

TEST(ProcessRunner, BigStderrOverCapIsTruncatedAndThePluginFinishes) {
  ProcessLimits limits = short_limits();
  limits.max_stderr_bytes = 4096;
  auto o = run(hostile("big_stderr"), {}, kDbg, limits);
  EXPECT_EQ(o.end, End::exited);
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_TRUE(o.stderr_truncated);
  EXPECT_EQ(o.stderr_bytes, std::string(4096, 'e'));
  EXPECT_EQ(o.stdout_bytes, kQueryAnswer);
  EXPECT_FALSE(o.pipe_held_open);
}

TEST(ProcessRunner, IgnoresStdinButAnswers) {
  auto o = run(hostile("ignores_stdin"));
  EXPECT_EQ(o.end, End::exited);
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_EQ(o.stdout_bytes, kQueryAnswer);
  EXPECT_TRUE(o.stdin_not_consumed);  // the bytes were still in the pipe at exit
}

TEST(ProcessRunner, IgnoresLargeStdinButAnswers) {
  auto o = run(hostile("ignores_stdin"), {}, std::string(1024 * 1024, 'x'));
  EXPECT_EQ(o.end, End::exited);
  EXPECT_EQ(o.stdout_bytes, kQueryAnswer);
  EXPECT_TRUE(o.stdin_not_consumed);
  EXPECT_LT(o.elapsed, 1000ms);
}

TEST(ProcessRunner, IgnoresStdinForeverTimesOut) {
  auto o = run(hostile("ignores_stdin_forever"), {}, std::string(1024 * 1024, 'x'));
  EXPECT_EQ(o.end, End::timed_out);
  EXPECT_TRUE(o.stdin_not_consumed);
  EXPECT_LT(o.elapsed, 3000ms);
  expect_group_gone(o.pid);
}

TEST(ProcessRunner, InvalidUtf8IsPassedThroughAsBytes) {
  auto o = run(hostile("invalid_utf8"));
  EXPECT_EQ(o.end, End::exited);
  EXPECT_THAT(o.stdout_bytes, HasSubstr("\"ext4 \xff\xfe Volume plugin\""));
}

TEST(ProcessRunner, DeepNestingIsPassedThrough) {
  auto o = run(hostile("deep_nesting"));
  EXPECT_EQ(o.end, End::exited);
  EXPECT_EQ(o.stdout_bytes, std::string(100, '[') + std::string(100, ']') + "\n");
}

TEST(ProcessRunner, HugeLineOverCapIsCutAtTheCap) {
  ProcessLimits limits = short_limits();
  limits.max_stdout_bytes = 1024 * 1024;
  auto o = run(hostile("huge_line"), {}, kDbg, limits);
  EXPECT_EQ(o.end, End::output_limit);
  EXPECT_TRUE(o.stdout_truncated);
  EXPECT_EQ(o.stdout_bytes, "\"" + std::string(1024 * 1024 - 1, 'a'));
  expect_group_gone(o.pid);
}

TEST(ProcessRunner, HugeLineWithinCapIsReadWhole) {
  ProcessLimits limits = short_limits();
  limits.timeout = 5000ms;
  limits.max_stdout_bytes = 64 * 1024 * 1024;
  auto o = run(hostile("huge_line"), {}, kDbg, limits);
  EXPECT_EQ(o.end, End::exited);
  EXPECT_FALSE(o.stdout_truncated);
  ASSERT_EQ(o.stdout_bytes.size(), 52428800u + 3u);
  EXPECT_EQ(o.stdout_bytes.front(), '"');
  EXPECT_EQ(o.stdout_bytes.substr(o.stdout_bytes.size() - 2), "\"\n");
}

TEST(ProcessRunner, DiesBySignalIsSignalledNotTimedOut) {
  auto o = run(hostile("dies_by_signal"));
  EXPECT_EQ(o.end, End::signalled);
  EXPECT_EQ(o.signal, SIGKILL);
  EXPECT_EQ(o.stderr_bytes, "about to die\n");
  EXPECT_LT(o.elapsed, 1000ms);
}

TEST(ProcessRunner, ConcurrentCallsKeepTheirOwnOutputs) {
  std::vector<ProcessOutcome> outcomes(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < outcomes.size(); ++i)
    threads.emplace_back([&outcomes, i] {
      outcomes[i] = run("/bin/cat", {}, std::string(300 * 1024, static_cast<char>('a' + i)));
    });
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    EXPECT_EQ(outcomes[i].end, End::exited) << i;
    EXPECT_EQ(outcomes[i].stdout_bytes, std::string(300 * 1024, static_cast<char>('a' + i))) << i;
  }
}

// --- resources -------------------------------------------------------------

TEST(ProcessRunner, LeaksNoFileDescriptors) {
  const int before = open_fd_count();
  ProcessLimits quick = short_limits();
  quick.timeout = 200ms;
  quick.pipe_grace = 100ms;
  run("/bin/cat");
  run(hostile("does_not_exist"));
  run(hostile("not_executable"));
  run(hostile("hang"), {}, kDbg, quick);
  run(hostile("child_holds_stdout"), {}, kDbg, quick);
  quick.max_stdout_bytes = 1024;
  run(hostile("flood_stdout"), {}, kDbg, quick);
  EXPECT_EQ(open_fd_count(), before);
}

}  // namespace
}  // namespace smapi::harness
