#pragma once
// What a fleet run judges: the plugins of every --target (a plugin tree
// expanded into its plugins), named, sorted, and cut to this run's --shard.

#include "harness/run_options.h"
#include "suites/fleet.h"

#include <optional>
#include <string>
#include <vector>

namespace smapi::harness {

// One plugin of a fleet: its name in the fleet (suites::FleetMember::name)
// and the options of its own single run, as if given alone as --target.
struct FleetMemberPlan {
  std::string name;
  RunOptions options;
};

struct FleetPlan {
  // Every plugin discovered, sorted by name, before sharding.
  std::vector<std::string> discovered;
  // Those this run judges (its shard's), sorted by name.
  std::vector<FleetMemberPlan> members;
  std::optional<suites::Shard> shard;
};

// The fleet `options` describe. A member's name is, for a plugin of a tree,
// its directory relative to the tree ("volume/org.xen.xapi.storage.ext4-ng"),
// prefixed by the tree as given when there are several targets
// ("/srv/host-a/volume/..."); for any other target, the target as given.
// A tree's plugins take their kind from volume/ or datapath/; other targets
// are judged as a single run would judge them. Throws UsageError naming
// --target when a tree holds no plugin directory or a name comes twice, and
// when a tree cannot be read.
FleetPlan plan_fleet(const RunOptions& options);

}  // namespace smapi::harness
