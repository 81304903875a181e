#pragma once
// Private: what every fleet format says of a member the same way.

#include "suites/fleet.h"

#include <cstddef>
#include <string>

namespace smapi::reports::detail {

// Whether a failed or errored result decides its plugin's verdict under
// `policy`: no waiver covers it and its requirement counts (a MUST; a SHOULD
// under --fail-on should). False for any other outcome.
bool decides_verdict(const suites::RequirementResult& result, suites::VerdictPolicy policy);

// The member's failures: failed or errored requirements that count toward
// its verdict (a MUST; a SHOULD under --fail-on should) and no waiver covered.
std::size_t member_failures(const suites::FleetMember& member);

// Its other failed or errored requirements: those that do not count toward
// its verdict (a SHOULD under --fail-on must) or that a waiver covered. A
// conformant plugin may have some; the fleet table shows them beside.
std::size_t member_other_failures(const suites::FleetMember& member);

// What the fleet table's "other failures" column counts, said under it.
inline constexpr const char* kOtherFailuresNote =
    "other failures: failed requirements that do not decide the verdict (a SHOULD under --fail-on must) "
    "or that a waiver accepts";

// The fleet's one-line headline: "3 plugins: 2 conformant, 1 non-conformant"
// (and "shard 1/2 of 5 plugins" for a shard).
std::string fleet_headline(const suites::FleetResult& fleet);

}  // namespace smapi::reports::detail
