#pragma once
// The machine-readable report of a fleet (suites/fleet.h): report.json with
// a section per plugin, each the single run's report (json_report.h)
// unchanged, and the fleet verdict.
//
// Shape (schema_version 5; reports/schema/report.schema.json, $defs/fleet):
//
// {
//   "schema_version": 5,
//   "tool": {"name": "smapi-conform", "version": "0.1.0"},
//   "catalogue_version": "2.0.0",
//   "started_at": "2026-01-01T00:00:00Z", "duration_ms": 1234,
//   "shard": {"index": K, "count": N} | null,   // --shard K/N
//   "discovered": ["volume/a", ...],            // every plugin before sharding
//   "summary": {
//     "verdict": "conformant" | "non-conformant" | "inconclusive" | "interrupted",
//     "exit_status": 0 | 1 | 2 | 128 + signal,
//     "fail_on": "must" | "should",
//     "plugins": {"conformant": N, "non-conformant": N, "inconclusive": N, "interrupted": N},
//     "counts": {"pass": N, ...},              // every member's, summed
//     "interrupted": {"signal", "calls_made", "calls_planned"}   // only when interrupted
//   },
//   "members": [{                              // sorted by name
//     "name": "volume/org.xen.xapi.storage.foo",
//     "verdict": "...", "exit_status": N,      // the member's (member_verdict)
//     "harness_error": "..." | null,           // why it could not be judged at all
//     "sarif": {"source_dir": "...", "resolved_method_files": {"Plugin.Query": "path"}},
//     "report": { single-run report, schema_version 4 }
//   }, ...]
// }

#include "reports/report_limits.h"
#include "suites/fleet.h"

#include <boost/json/value.hpp>

#include <string>

namespace smapi::reports {

// The "schema_version" of a fleet's report.json (a single run's stays
// kJsonReportSchemaVersion).
inline constexpr int kFleetReportSchemaVersion = 5;

// The report of a fleet as a JSON value (shape above).
boost::json::value to_fleet_report_json(const suites::FleetResult& fleet, const ReportLimits& limits = {});

// The report as text: indented by two spaces, ending in a newline.
std::string to_fleet_report_text(const suites::FleetResult& fleet, const ReportLimits& limits = {});

}  // namespace smapi::reports
