// The exec process runner: posix_spawn into a fresh process group, then one
// poll() loop over the child's stdin, stdout, stderr and a pidfd.
//
// Choices worth knowing:
// - SIGPIPE: the parent keeps its own copy of the read end of the child's
//   stdin pipe until the call ends. A write to a pipe with a reader never
//   raises SIGPIPE or EPIPE, so the process's signal state is left untouched.
//   The same copy lets us tell whether the plugin consumed its stdin: when it
//   exits, unwritten bytes or bytes still sitting in the pipe (FIONREAD) mean
//   stdin_not_consumed.
// - The plugin's exit is noticed with waitid(WNOWAIT), so it stays a zombie
//   until the end of the call: its pid, which is also the group id, cannot be
//   reused while we may still send killpg to that group.
// - If pidfd_open is unavailable (kernels before 5.3), the loop polls the
//   exit every kExitPollSlice instead.
// - argv[0] is the executable path; the environment is the caller's; the
//   path is used as given (no PATH search).

#include "harness/process_runner.h"

#include "harness/detail/proc_table.h"
#include "harness/orphans.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

extern char** environ;

namespace smapi::harness {
namespace {

using Clock = std::chrono::steady_clock;

// Bytes read from a pipe per read() call.
constexpr std::size_t kReadChunk = 64 * 1024;
// Reads per pipe per poll round, so a fast writer cannot keep us from
// checking the deadline.
constexpr int kReadsPerRound = 16;
// Without a pidfd, how often the loop checks whether the plugin exited.
constexpr std::chrono::milliseconds kExitPollSlice{10};
// While waiting for a killed group to stop running, how often to look.
constexpr std::chrono::milliseconds kSettlePollSlice{5};

// Owns one file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  ~Fd() { reset(); }

  int get() const { return fd_; }
  bool open() const { return fd_ >= 0; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  Fd read_end;
  Fd write_end;
};

std::string errno_text(int err) {
  switch (err) {
    case ENOENT: return "no such file";
    case EACCES: return "permission denied";
    case ENOEXEC: return "exec format error";
    default: return std::strerror(err);
  }
}

// Moves fd above the standard streams, so that dup2 onto 0-2 in the child
// never meets an fd equal to its target (which would keep O_CLOEXEC set).
bool lift_above_std(Fd& fd) {
  if (fd.get() > STDERR_FILENO) return true;
  int lifted = ::fcntl(fd.get(), F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
  if (lifted < 0) return false;
  fd = Fd(lifted);
  return true;
}

std::optional<Pipe> make_pipe(std::string& error) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    error = std::string("cannot create pipe: ") + std::strerror(errno);
    return std::nullopt;
  }
  Pipe p{Fd(fds[0]), Fd(fds[1])};
  if (!lift_above_std(p.read_end) || !lift_above_std(p.write_end)) {
    error = std::string("cannot duplicate pipe: ") + std::strerror(errno);
    return std::nullopt;
  }
  return p;
}

void set_nonblocking(const Fd& fd) {
  int flags = ::fcntl(fd.get(), F_GETFL);
  if (flags >= 0) ::fcntl(fd.get(), F_SETFL, flags | O_NONBLOCK);
}

int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  errno = ENOSYS;
  return -1;
#endif
}

// Milliseconds from now until `until`, rounded up, at least 0.
int poll_timeout_ms(Clock::time_point now, Clock::time_point until) {
  if (until <= now) return 0;
  auto ms = std::chrono::ceil<std::chrono::milliseconds>(until - now).count();
  return static_cast<int>(std::min<long long>(ms, 60'000));
}

// A NUL byte would silently cut an argument short; refuse it instead.
std::optional<std::string> find_nul(const ProcessRequest& request) {
  if (request.executable.native().find('\0') != std::string::npos)
    return "executable path contains a NUL byte";
  for (std::size_t i = 0; i < request.args.size(); ++i)
    if (request.args[i].find('\0') != std::string::npos)
      return "argument " + std::to_string(i + 1) + " contains a NUL byte";
  return std::nullopt;
}

// Starts the executable in its own process group with fds 0-2 on the pipes,
// all signals at their default action and an empty signal mask.
// Returns the pid, or 0 with `error` set.
pid_t spawn(const ProcessRequest& request, const Pipe& in, const Pipe& out, const Pipe& err,
            std::string& error) {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  if (int rc = posix_spawn_file_actions_init(&actions); rc != 0) {
    error = errno_text(rc);
    return 0;
  }
  if (int rc = posix_spawnattr_init(&attr); rc != 0) {
    posix_spawn_file_actions_destroy(&actions);
    error = errno_text(rc);
    return 0;
  }
  // glibc's sigfillset leaves out its two internal signals (32, 33), which
  // posix_spawn then sets to SIG_IGN in the child, and an ignored signal
  // survives exec. On Linux sigset_t is a plain bit array: set every bit so
  // the plugin really starts with every signal at its default action.
  sigset_t all;
  sigset_t none;
  std::memset(&all, 0xff, sizeof all);
  sigemptyset(&none);
  int rc = 0;
  if (rc == 0) rc = posix_spawn_file_actions_adddup2(&actions, in.read_end.get(), STDIN_FILENO);
  if (rc == 0) rc = posix_spawn_file_actions_adddup2(&actions, out.write_end.get(), STDOUT_FILENO);
  if (rc == 0) rc = posix_spawn_file_actions_adddup2(&actions, err.write_end.get(), STDERR_FILENO);
  if (rc == 0) rc = posix_spawnattr_setpgroup(&attr, 0);
  if (rc == 0) rc = posix_spawnattr_setsigmask(&attr, &none);
  if (rc == 0) rc = posix_spawnattr_setsigdefault(&attr, &all);
  if (rc == 0)
    rc = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                             POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  if (rc == 0) {
    std::string path = request.executable.native();
    std::vector<char*> argv;
    argv.reserve(request.args.size() + 2);
    argv.push_back(path.data());
    std::vector<std::string> args = request.args;  // posix_spawn wants char*
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // glibc reports a failed exec (missing file, no x bit) through rc.
    rc = posix_spawn(&pid, path.c_str(), &actions, &attr, argv.data(), environ);
  }
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    error = errno_text(rc);
    return 0;
  }
  return pid;
}

// Reads what is available from one of the child's output pipes.
class OutputReader {
 public:
  OutputReader(Fd fd, std::string& sink, std::size_t cap) : fd_(std::move(fd)), sink_(sink), cap_(cap) {}

  bool open() const { return fd_.open(); }
  int fd() const { return fd_.get(); }
  bool truncated() const { return truncated_; }
  void close() { fd_.reset(); }

  // Reads up to kReadsPerRound chunks; closes on EOF or error. Bytes past the
  // cap are dropped and mark the stream truncated.
  void drain() {
    std::array<char, kReadChunk> buf;
    for (int i = 0; i < kReadsPerRound && fd_.open(); ++i) {
      ssize_t n = ::read(fd_.get(), buf.data(), buf.size());
      if (n > 0) {
        std::size_t room = cap_ - std::min(cap_, sink_.size());
        std::size_t keep = std::min(room, static_cast<std::size_t>(n));
        sink_.append(buf.data(), keep);
        if (keep < static_cast<std::size_t>(n)) truncated_ = true;
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      fd_.reset();  // EOF or a read error: nothing more will come
    }
  }

 private:
  Fd fd_;
  std::string& sink_;
  std::size_t cap_;
  bool truncated_ = false;
};

// Writes the request's stdin bytes without blocking; closes when done.
class InputWriter {
 public:
  InputWriter(Fd fd, const std::string& bytes) : fd_(std::move(fd)), bytes_(bytes) {
    if (bytes_.empty()) fd_.reset();
  }

  bool open() const { return fd_.open(); }
  int fd() const { return fd_.get(); }
  bool all_written() const { return written_ == bytes_.size(); }
  void close() { fd_.reset(); }

  void write_some() {
    while (fd_.open() && written_ < bytes_.size()) {
      ssize_t n = ::write(fd_.get(), bytes_.data() + written_, bytes_.size() - written_);
      if (n > 0) {
        written_ += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      fd_.reset();  // EPIPE cannot happen while we hold a read end; any error ends stdin
      return;
    }
    if (written_ == bytes_.size()) fd_.reset();
  }

 private:
  Fd fd_;
  const std::string& bytes_;
  std::size_t written_ = 0;
};

// Looks at the plugin's exit without reaping it. Returns true once it exited.
// `status_known` is false if the kernel has no status for it (ECHILD, e.g.
// because the caller set SIGCHLD to SIG_IGN).
bool peek_exit(pid_t pid, siginfo_t& info, bool& status_known) {
  for (;;) {
    std::memset(&info, 0, sizeof info);
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0) {
      status_known = true;
      return info.si_pid == pid;
    }
    if (errno == EINTR) continue;
    status_known = false;
    return true;
  }
}

// Reaps the plugin, waiting at most until `until`. Returns true if reaped.
bool reap(pid_t pid, const Fd& pidfd, Clock::time_point until, int& status) {
  for (;;) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return true;
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return false;  // ECHILD: nothing left to reap
    auto now = Clock::now();
    if (now >= until) return false;
    if (pidfd.open()) {
      pollfd p{pidfd.get(), POLLIN, 0};
      ::poll(&p, 1, poll_timeout_ms(now, until));
    } else {
      ::poll(nullptr, 0, static_cast<int>(kExitPollSlice.count()));
    }
  }
}

// True if some process in group `pgid` is still running (not a zombie).
bool group_has_live_member(pid_t pgid) {
  if (::kill(-pgid, 0) != 0 && errno == ESRCH) return false;
  // Members may only be zombies waiting for init to reap them; look closer.
  for (const auto& process : detail::list_processes())
    if (process.pgrp == pgid && process.state != 'Z' && process.state != 'X') return true;
  return false;
}

// Waits until no member of the group is running, at most until `until`.
void wait_group_stopped(pid_t pgid, Clock::time_point until) {
  while (group_has_live_member(pgid) && Clock::now() < until) {
    ::kill(-pgid, SIGKILL);  // a member forked after our first killpg
    ::poll(nullptr, 0, static_cast<int>(kSettlePollSlice.count()));
  }
}

enum class KillReason { none, timeout, output_limit, pipe_held, interrupted };

}  // namespace

ProcessOutcome run_process(const ProcessRequest& request, const ProcessLimits& limits) {
  ProcessOutcome outcome;
  const auto start = Clock::now();
  auto finish = [&]() {
    outcome.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return outcome;
  };

  if (request.executable.empty()) {
    outcome.error = "empty executable path";
    return finish();
  }
  if (auto bad = find_nul(request)) {
    outcome.error = *bad;
    return finish();
  }
  if (request.cancel && request.cancel->requested()) {
    outcome.end = ProcessOutcome::End::interrupted;
    return finish();
  }
  auto in = make_pipe(outcome.error);
  if (!in) return finish();
  auto out = make_pipe(outcome.error);
  if (!out) return finish();
  auto err = make_pipe(outcome.error);
  if (!err) return finish();

  const pid_t pid = spawn_known_child([&] { return spawn(request, *in, *out, *err, outcome.error); });
  if (pid == 0) return finish();
  outcome.pid = pid;

  // Our copies of the child's ends: keep stdin's read end (see top), drop the rest.
  Fd stdin_reader = std::move(in->read_end);
  out->write_end.reset();
  err->write_end.reset();
  set_nonblocking(in->write_end);
  set_nonblocking(out->read_end);
  set_nonblocking(err->read_end);
  InputWriter stdin_writer(std::move(in->write_end), request.stdin_bytes);
  OutputReader stdout_reader(std::move(out->read_end), outcome.stdout_bytes, limits.max_stdout_bytes);
  OutputReader stderr_reader(std::move(err->read_end), outcome.stderr_bytes, limits.max_stderr_bytes);
  Fd pidfd(open_pidfd(pid));

  const auto deadline = start + limits.timeout;
  bool exited = false;
  bool status_known = true;
  siginfo_t info{};
  Clock::time_point grace_end{};
  KillReason kill_reason = KillReason::none;

  // Called when the plugin's stdin can no longer be read by it: at its exit,
  // or when we kill it.
  auto settle_stdin = [&]() {
    int pending = 0;
    bool unread = ::ioctl(stdin_reader.get(), FIONREAD, &pending) == 0 && pending > 0;
    if (!stdin_writer.all_written() || unread) outcome.stdin_not_consumed = true;
    stdin_writer.close();
  };
  auto note_exit = [&](Clock::time_point now) {
    exited = true;
    grace_end = now + limits.pipe_grace;
    settle_stdin();
  };

  for (;;) {
    auto now = Clock::now();
    if (request.cancel && request.cancel->requested()) {
      kill_reason = KillReason::interrupted;
      break;
    }
    if (!exited && now >= deadline) {
      kill_reason = KillReason::timeout;
      break;
    }
    if (exited && !stdout_reader.open() && !stderr_reader.open()) break;
    if (exited && now >= grace_end) {
      kill_reason = KillReason::pipe_held;
      break;
    }

    std::array<pollfd, 5> fds{};
    nfds_t n = 0;
    int in_i = -1, out_i = -1, err_i = -1, pid_i = -1;
    // The stop request wakes the poll; the top of the loop then ends the call.
    if (request.cancel) fds[n++] = {request.cancel->wait_fd(), POLLIN, 0};
    if (stdin_writer.open()) { in_i = static_cast<int>(n); fds[n++] = {stdin_writer.fd(), POLLOUT, 0}; }
    if (stdout_reader.open()) { out_i = static_cast<int>(n); fds[n++] = {stdout_reader.fd(), POLLIN, 0}; }
    if (stderr_reader.open()) { err_i = static_cast<int>(n); fds[n++] = {stderr_reader.fd(), POLLIN, 0}; }
    if (!exited && pidfd.open()) { pid_i = static_cast<int>(n); fds[n++] = {pidfd.get(), POLLIN, 0}; }

    auto wake = exited ? grace_end : deadline;
    if (!exited && !pidfd.open()) wake = std::min(wake, now + kExitPollSlice);
    int ready = ::poll(fds.data(), n, poll_timeout_ms(now, wake));
    if (ready < 0 && errno != EINTR) {
      // Cannot happen with valid fds; never spin on it.
      ::poll(nullptr, 0, static_cast<int>(kExitPollSlice.count()));
    }
    if (ready <= 0 && (pidfd.open() || exited)) continue;

    if (in_i >= 0 && fds[in_i].revents != 0) stdin_writer.write_some();
    if (out_i >= 0 && fds[out_i].revents != 0) {
      stdout_reader.drain();
      if (stdout_reader.truncated()) {
        kill_reason = KillReason::output_limit;
        break;
      }
    }
    if (err_i >= 0 && fds[err_i].revents != 0) stderr_reader.drain();
    if (!exited && (pid_i < 0 || fds[pid_i].revents != 0)) {
      if (peek_exit(pid, info, status_known)) note_exit(Clock::now());
    }
  }

  // The plugin is not reaped yet, so `pid` still names its group. Whatever
  // of the group is still running when the call ends is stopped, also after
  // a clean exit: a call leaves nothing behind.
  ::killpg(pid, SIGKILL);
  if (!exited) settle_stdin();
  stdin_reader.reset();
  stdout_reader.close();
  stderr_reader.close();
  outcome.stdout_truncated = stdout_reader.truncated();
  outcome.stderr_truncated = stderr_reader.truncated();

  const auto reap_until = Clock::now() + limits.reap_allowance;
  int status = 0;
  bool reaped = reap(pid, pidfd, reap_until, status);
  wait_group_stopped(pid, reap_until);
  forget_child(pid);
  sweep_orphans();

  switch (kill_reason) {
    case KillReason::timeout:
      outcome.end = ProcessOutcome::End::timed_out;
      break;
    case KillReason::output_limit:
      outcome.end = ProcessOutcome::End::output_limit;
      break;
    case KillReason::interrupted:
      outcome.end = ProcessOutcome::End::interrupted;
      break;
    case KillReason::none:
    case KillReason::pipe_held:
      outcome.pipe_held_open = kill_reason == KillReason::pipe_held;
      if (reaped && WIFSIGNALED(status)) {
        outcome.end = ProcessOutcome::End::signalled;
        outcome.signal = WTERMSIG(status);
      } else if (reaped && WIFEXITED(status)) {
        outcome.end = ProcessOutcome::End::exited;
        outcome.exit_code = WEXITSTATUS(status);
      } else if (status_known && (info.si_code == CLD_KILLED || info.si_code == CLD_DUMPED)) {
        outcome.end = ProcessOutcome::End::signalled;
        outcome.signal = info.si_status;
      } else if (status_known && info.si_code == CLD_EXITED) {
        outcome.end = ProcessOutcome::End::exited;
        outcome.exit_code = info.si_status;
      } else {
        outcome.end = ProcessOutcome::End::exited;
        outcome.exit_code = -1;
        outcome.error = "exit status unavailable (was SIGCHLD set to SIG_IGN?)";
      }
      break;
  }
  if (!reaped && kill_reason != KillReason::none)
    outcome.error = "plugin did not die within reap_allowance; left unreaped";
  return finish();
}

}  // namespace smapi::harness
