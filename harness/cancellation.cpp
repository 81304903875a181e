#include "harness/cancellation.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace smapi::harness {

static_assert(std::atomic<int>::is_always_lock_free, "request() must be async-signal-safe");

Cancellation::Cancellation() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
    throw std::runtime_error(std::string("cannot create the stop pipe: ") + std::strerror(errno));
  read_fd_ = fds[0];
  write_fd_ = fds[1];
}

Cancellation::~Cancellation() {
  ::close(read_fd_);
  ::close(write_fd_);
}

void Cancellation::request(int signal) noexcept {
  int none = 0;
  if (!signal_.compare_exchange_strong(none, signal > 0 ? signal : -1)) return;
  const int saved = errno;  // a signal handler must leave errno as it found it
  const char byte = 1;
  [[maybe_unused]] const ssize_t written = ::write(write_fd_, &byte, 1);
  errno = saved;
}

bool Cancellation::requested() const noexcept { return signal_.load() != 0; }

int Cancellation::signal() const noexcept { return signal_.load() > 0 ? signal_.load() : 0; }

}  // namespace smapi::harness
