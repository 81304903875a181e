#pragma once
// A request to stop a run, made once (by a signal: harness/stop_signals.h)
// and seen by every call in flight, whatever thread it runs on.

#include <atomic>

namespace smapi::harness {

// The first request wins; later ones change nothing. request() is
// async-signal-safe (an atomic store and a write(2)), so a signal handler may
// call it; the rest is thread-safe.
class Cancellation {
 public:
  Cancellation();
  ~Cancellation();
  Cancellation(const Cancellation&) = delete;
  Cancellation& operator=(const Cancellation&) = delete;

  // Asks every call to stop; `signal` says why (SIGINT, SIGTERM, SIGHUP).
  void request(int signal) noexcept;
  bool requested() const noexcept;
  // The signal of the first request; 0 before any.
  int signal() const noexcept;
  // A descriptor that becomes readable (and stays so) once requested, for
  // poll() loops that wait on other descriptors too.
  int wait_fd() const noexcept { return read_fd_; }

 private:
  std::atomic<int> signal_{0};
  // A pipe never read: one byte written by the first request keeps it readable.
  int read_fd_ = -1;
  int write_fd_ = -1;
};

}  // namespace smapi::harness
