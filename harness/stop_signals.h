#pragma once
// SIGINT, SIGTERM and SIGHUP during a run: stop it and report what was
// judged, instead of dying and leaving the plugin's processes behind.

#include "harness/cancellation.h"

#include <csignal>

namespace smapi::harness {

// The signals that stop a run.
inline constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGHUP};

// Blocks the stop signals in the calling thread, which every thread started
// after it inherits (so call it once, before any other thread starts), and
// starts a thread that takes them with sigwait, so no code runs in a signal
// handler. A signal the process ignores (nohup) stays ignored.
// The first one requests `cancel`: the run loop stops the calls in flight
// and judges what was made (harness/run.h). Any later one kills the process
// group of every running call and the adopted orphans (harness/orphans.h),
// then exits at once with 128 + its number, writing no report. Plugins are
// spawned with every signal unblocked (harness/process_runner.cpp), so the
// mask never reaches them. `cancel` must outlive the process's use of it.
void stop_on_signals(Cancellation& cancel);

}  // namespace smapi::harness
