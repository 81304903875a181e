#include "harness/stop_signals.h"

#include "harness/orphans.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>

namespace smapi::harness {
namespace {

constexpr std::string_view kSecondSignalNote =
    "\nsmapi-conform: stopped at once on a second signal; no report written\n";

sigset_t stop_set() {
  sigset_t set;
  sigemptyset(&set);
  for (const int signal : kStopSignals) sigaddset(&set, signal);
  return set;
}

[[noreturn]] void wait_for_signals(Cancellation& cancel, sigset_t set) {
  for (;;) {
    int signal = 0;
    if (::sigwait(&set, &signal) != 0) continue;
    if (!cancel.requested()) {
      cancel.request(signal);
      continue;
    }
    kill_every_child();
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, kSecondSignalNote.data(), kSecondSignalNote.size());
    ::_exit(128 + signal);
  }
}

}  // namespace

void stop_on_signals(Cancellation& cancel) {
  const sigset_t set = stop_set();
  if (int rc = ::pthread_sigmask(SIG_BLOCK, &set, nullptr); rc != 0)
    throw std::runtime_error(std::string("cannot block the stop signals: ") + std::strerror(rc));
  std::thread(wait_for_signals, std::ref(cancel), set).detach();
}

}  // namespace smapi::harness
