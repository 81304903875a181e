#pragma once
// A fleet run: the plugins of a FleetPlan judged, up to `jobs` at once, each
// by its own single run, into one suites::FleetResult.

#include "harness/cancellation.h"
#include "harness/fleet_plan.h"
#include "suites/fleet.h"

#include <functional>
#include <string_view>

namespace smapi::harness {

// Judges one plugin as a single run does (smapi-conform run with
// `options`): its run, waivers applied, verdict under --fail-on. Called on
// several threads at once. Throws HarnessError (or another
// std::exception) when the plugin cannot be judged at all; the member then
// carries the message as its harness_error. A UsageError (a bad --waivers
// file, say) is the command line's fault: run_fleet starts no further
// member and rethrows it once the runs in flight end.
using JudgeRun = std::function<suites::RunResult(const RunOptions& options)>;

// Told as each member starts and ends its run; calls are serialised (never
// two at once), from the threads that judge.
struct FleetEvents {
  std::function<void(std::string_view name)> started;
  std::function<void(std::string_view name)> finished;
};

// Judges the plan's members on min(jobs, members) threads, taking them in
// name order. Every per-call limit and the process-group and orphan
// guarantees are the single run's, as each member is one. Once `cancel` is
// requested, no member starts, the runs in flight stop (they share
// `cancel`), and the result's interruption is set: members not started are
// absent from `members` but listed in `discovered`; the interruption counts
// the calls the started members made and planned. Members and discovered
// are sorted by name; the verdict is suites::fleet_verdict under `policy`.
// Threads must start after stop_on_signals (harness/stop_signals.h): they
// inherit its signal mask.
suites::FleetResult run_fleet(const FleetPlan& plan, unsigned jobs, suites::VerdictPolicy policy,
                              const JudgeRun& judge, const Cancellation* cancel, const FleetEvents& events = {});

}  // namespace smapi::harness
