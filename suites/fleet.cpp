#include "suites/fleet.h"

#include <algorithm>

namespace smapi::suites {

Verdict member_verdict(const FleetMember& member) {
  if (member.harness_error) return Verdict::inconclusive;
  return member.run.verdict;
}

Verdict fleet_verdict(const FleetResult& fleet) {
  if (fleet.interruption) return Verdict::interrupted;
  if (fleet.members.empty()) return Verdict::inconclusive;
  auto any = [&](Verdict wanted) {
    return std::any_of(fleet.members.begin(), fleet.members.end(),
                       [&](const FleetMember& member) { return member_verdict(member) == wanted; });
  };
  // A member interrupted on its own (the fleet was not) cannot be judged.
  if (any(Verdict::non_conformant)) return Verdict::non_conformant;
  if (any(Verdict::inconclusive) || any(Verdict::interrupted)) return Verdict::inconclusive;
  return Verdict::conformant;
}

int exit_status(const FleetResult& fleet) {
  if (fleet.interruption) return 128 + fleet.interruption->signal;
  return exit_status(fleet_verdict(fleet));
}

}  // namespace smapi::suites
