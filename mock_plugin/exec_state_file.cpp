#include "mock_plugin/exec_state_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace smapi::mock {
namespace {

namespace fs = std::filesystem;

// First and longest pause between two tries for a held lock.
constexpr std::chrono::milliseconds kFirstLockRetry{1};
constexpr std::chrono::milliseconds kLongestLockRetry{20};

std::string errno_text() { return std::strerror(errno); }

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closes now; returns whether close succeeded.
  bool close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

void pause_for(std::chrono::milliseconds d) {
  timespec t{static_cast<time_t>(d.count() / 1000), static_cast<long>((d.count() % 1000) * 1'000'000)};
  while (::nanosleep(&t, &t) != 0 && errno == EINTR) {
  }
}

// Takes an exclusive flock, polling until `timeout` has passed. "" or why not.
std::string lock(int fd, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::chrono::milliseconds retry = kFirstLockRetry;
  for (;;) {
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return {};
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) return errno_text();
    if (std::chrono::steady_clock::now() >= deadline) {
      return "timed out after " + std::to_string(timeout.count()) + " ms (another call holds it)";
    }
    pause_for(retry);
    retry = std::min(retry * 2, kLongestLockRetry);
  }
}

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// The file's text; nullopt and `error` empty when there is none.
std::optional<std::string> read_state(const fs::path& file, std::size_t max_bytes, std::string& error) {
  Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno != ENOENT) error = "cannot read " + file.string() + ": " + errno_text();
    return std::nullopt;
  }
  std::string text;
  char buf[16 * 1024];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = "cannot read " + file.string() + ": " + errno_text();
      return std::nullopt;
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > max_bytes) {
      error = file.string() + " is larger than the state file limit of " + std::to_string(max_bytes) +
              " bytes (kMaxExecStateBytes); delete it to start again";
      return std::nullopt;
    }
  }
  return text;
}

// Writes `text` to `file` through `file`.tmp and a rename. "" or why not.
std::string replace(const fs::path& file, std::string_view text, const StateWriteHook& hook) {
  fs::path tmp = file;
  tmp += ".tmp";
  const auto fail = [&](const std::string& why) {
    ::unlink(tmp.c_str());
    return why;
  };
  const auto step = [&](StateWriteStep s) { return !hook || hook(s); };
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (fd.get() < 0) return "cannot create " + tmp.string() + ": " + errno_text();
  if (!write_all(fd.get(), text)) return fail("cannot write " + tmp.string() + ": " + errno_text());
  if (!step(StateWriteStep::temp_written)) return fail("write stopped after writing " + tmp.string());
  if (::fsync(fd.get()) != 0) return fail("cannot sync " + tmp.string() + ": " + errno_text());
  if (!step(StateWriteStep::temp_synced)) return fail("write stopped after syncing " + tmp.string());
  if (!fd.close()) return fail("cannot close " + tmp.string() + ": " + errno_text());
  if (::rename(tmp.c_str(), file.c_str()) != 0) {
    return fail("cannot rename " + tmp.string() + " to " + file.string() + ": " + errno_text());
  }
  if (!step(StateWriteStep::renamed)) return "write stopped after renaming to " + file.string();
  // The rename is durable only once the directory is.
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  Fd dfd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dfd.get() < 0 || ::fsync(dfd.get()) != 0) return "cannot sync " + dir.string() + ": " + errno_text();
  return {};
}

}  // namespace

fs::path resolve_state_file(const fs::path& state_file) {
  fs::path p = state_file;
  for (int i = 0; i < kMaxStateFileLinks; ++i) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(p, ec))) break;
    fs::path target = fs::read_symlink(p, ec);
    if (ec) break;
    p = target.is_absolute() ? target : (p.parent_path() / target).lexically_normal();
  }
  return p;
}

std::optional<std::string> read_state_file(const fs::path& state_file, const StateFileLimits& limits,
                                           std::string& error) {
  error.clear();
  return read_state(resolve_state_file(state_file), limits.max_bytes, error);
}

std::string update_state_file(const fs::path& state_file, const StateFileLimits& limits,
                              const StateUpdate& update, const StateWriteHook& hook) {
  const fs::path file = resolve_state_file(state_file);
  fs::path lock_path = file;
  lock_path += ".lock";
  Fd lock_fd(::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (lock_fd.get() < 0) return "cannot open " + lock_path.string() + ": " + errno_text();
  if (std::string why = lock(lock_fd.get(), limits.lock_timeout); !why.empty()) {
    return "cannot lock " + lock_path.string() + ": " + why;
  }
  std::string error;
  const std::optional<std::string> current = read_state(file, limits.max_bytes, error);
  if (!error.empty()) return error;
  const std::optional<std::string> next = update(current);
  if (!next || next == current) return {};
  if (next->size() > limits.max_bytes) {
    return "the new state would be " + std::to_string(next->size()) + " bytes, more than the limit of " +
           std::to_string(limits.max_bytes) + " (kMaxExecStateBytes); " + file.string() + " was kept";
  }
  return replace(file, *next, hook);
}

}  // namespace smapi::mock
