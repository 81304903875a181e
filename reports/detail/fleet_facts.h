#pragma once
// Private: what every fleet format says of a member the same way.

#include "suites/fleet.h"

#include <cstddef>
#include <string>

namespace smapi::reports::detail {

// The member's failures: failed or errored requirements that count toward
// its verdict (a MUST; a SHOULD under --fail-on should) and no waiver covered.
std::size_t member_failures(const suites::FleetMember& member);

// The fleet's one-line headline: "3 plugins: 2 conformant, 1 non-conformant"
// (and "shard 1/2 of 5 plugins" for a shard).
std::string fleet_headline(const suites::FleetResult& fleet);

}  // namespace smapi::reports::detail
