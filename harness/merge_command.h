#pragma once
// `smapi-conform merge OUT_DIR REPORT.json...`: joins the report.json files
// of a sharded fleet run (run --shard K/N, one per CI job) into one fleet
// report, written in every format asked for, as if one run had judged every
// plugin. It refuses, each with one line naming the files: reports judged by
// different catalogue versions, different shard counts, the same shard
// twice, a plugin in two reports, different discovered plugin lists, a
// missing shard or a discovered plugin no report covers, and different
// --fail-on policies. Merging is pure; the command reads and writes files.

#include "reports/report_reader.h"
#include "suites/fleet.h"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace smapi::harness {

// One report to merge and the name it goes by in messages (its file).
struct MergeInput {
  std::string source;
  suites::FleetResult fleet;
};

struct MergeOutcome {
  std::optional<suites::FleetResult> fleet;
  std::string error;  // one line; empty on success
};

// Most plugin names a "missing" message lists before "and N more".
inline constexpr std::size_t kMergeNamesShown = 5;

// The merged fleet: every member, sorted by name; not sharded; the earliest
// start and the longest duration; interrupted when a shard was (then its
// plugins that were never judged may be missing); the verdict recomputed.
// A single-run report is a fleet of one, shard 1 of 1.
MergeOutcome merge_fleets(const std::vector<MergeInput>& inputs);

// `merge OUT_DIR REPORT.json...` (merge_table()): prints the merged fleet's
// summary (reports/fleet_summary.h, as run prints a fleet's; in colour when
// `colour`) and the files written to out, errors to err; returns the merged
// fleet's exit status, or 2 when a report cannot be read or merged. Throws
// UsageError for bad arguments.
int merge_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool colour = false);

}  // namespace smapi::harness
