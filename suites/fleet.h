#pragma once
// A fleet: several plugins judged in one invocation, each under its own kind.
// A plugin tree as target (a directory holding volume/ and/or datapath/, as
// /usr/libexec/xapi-storage-script does), a repeated --target, or the merge
// of shard reports all give one FleetResult, which every report format writes
// as one combined report with a section per plugin and a fleet verdict.

#include "suites/result.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace smapi::suites {

// One plugin of a fleet: its run, or why the harness could not judge it.
struct FleetMember {
  // The plugin's stable name in the fleet: for a tree, its directory relative
  // to the tree ("volume/org.xen.xapi.storage.ext4-ng"); for a --target given
  // as such, the target as the user gave it. Unique within a fleet.
  std::string name;
  // The plugin's run; run.observations.subject names target, kind, transport.
  RunResult run;
  // Set when the harness could not judge this plugin at all (unreachable, not
  // a plugin directory, ...): one line saying why. The member's verdict is
  // then inconclusive and run.results is empty.
  std::optional<std::string> harness_error;
};

// A deterministic share of a fleet's plugins (--shard K/N): index K in [1, N].
struct Shard {
  unsigned index = 1;
  unsigned count = 1;
  friend bool operator==(const Shard&, const Shard&) = default;
};

struct FleetResult {
  std::string tool_version;
  std::string started_at;  // ISO 8601 UTC
  std::chrono::milliseconds duration{0};
  // The plugins judged, sorted by name.
  std::vector<FleetMember> members;
  // Set for a sharded run: which share of `discovered` this run judged.
  std::optional<Shard> shard;
  // The names of every plugin discovered before sharding, sorted; equal to
  // the members' names when the run is not sharded. merge uses it to refuse
  // overlapping or missing shards.
  std::vector<std::string> discovered;
  Verdict verdict = Verdict::inconclusive;
  VerdictPolicy policy;
  // Set when a signal stopped the fleet run: members not started are absent
  // from `members` but listed in `discovered`.
  std::optional<Interruption> interruption;
};

// The verdict of a member: inconclusive when it has a harness error, else
// its run's verdict.
Verdict member_verdict(const FleetMember& member);

// The fleet verdict: interrupted when the fleet run was interrupted; else
// non_conformant when any member is; else inconclusive when any member is
// (or the fleet is empty); else conformant.
Verdict fleet_verdict(const FleetResult& fleet);

// The exit status of a fleet run: 1 when non-conformant, 0 conformant,
// 2 inconclusive, 128 + signal when interrupted (as exit_status(RunResult)).
int exit_status(const FleetResult& fleet);

}  // namespace smapi::suites
