#pragma once
// smapi-conform run on a fleet (several --target, a plugin tree, or
// --shard): plan it, judge its plugins in parallel, print one line per
// plugin and the fleet verdict, write the combined reports.

#include "harness/cancellation.h"
#include "harness/fleet_run.h"
#include "harness/run_options.h"
#include "reports/report_formats.h"

#include <vector>

namespace smapi::harness {

// Runs the fleet `options` describe, each plugin judged by `judge` and
// stopped by `cancel` (the signal thread's; it must be installed already).
// Returns the exit status (suites::exit_status of the fleet). Throws
// UsageError for a fleet that cannot be planned, HarnessError when the
// reports cannot be written.
int fleet_command(const RunOptions& options, const std::vector<reports::ReportFormat>& formats, const JudgeRun& judge,
                  const Cancellation& cancel);

}  // namespace smapi::harness
