#pragma once
// The lines smapi-conform prints at the end of a fleet run: one per plugin,
// then the fleet verdict.
//
//   smapi-conform 0.1.0: 3 plugins judged of 3 discovered
//   conformant      datapath/tapdisk                      (datapath, exec)
//   non-conformant  volume/org.xen.xapi.storage.broken    (volume, exec)  fails QUERY-STABLE, DIAG-ANSWERS
//   inconclusive    http://127.0.0.1:9/                   (volume, jsonrpc)  cannot reach ...
//   verdict: non-conformant
//
// A failing plugin's line names the requirements it fails or errs on that
// count toward its verdict (not waived; a SHOULD only under --fail-on
// should), the first kFleetSummaryIds of them, so the next step is
// `run --target` on it; then, apart, those that failed without deciding
// the verdict ("also fails, not counted: LS-UNIQUE"). Colour and control characters are handled as
// print_summary does.

#include "suites/fleet.h"

#include <cstddef>
#include <ostream>

namespace smapi::reports {

// Requirement IDs named on a plugin's line at most; more are counted.
inline constexpr std::size_t kFleetSummaryIds = 5;

// Prints the summary of a fleet run.
void print_fleet_summary(std::ostream& out, const suites::FleetResult& fleet, bool colour);

}  // namespace smapi::reports
