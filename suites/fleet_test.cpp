#include "suites/fleet.h"

#include <gtest/gtest.h>

#include <csignal>

namespace smapi::suites {
namespace {

FleetMember member_with(std::string name, Verdict verdict) {
  FleetMember member;
  member.name = std::move(name);
  member.run.verdict = verdict;
  return member;
}

TEST(FleetVerdict, ConformantOnlyWhenEveryMemberIs) {
  FleetResult fleet;
  fleet.members = {member_with("volume/a", Verdict::conformant), member_with("volume/b", Verdict::conformant)};
  EXPECT_EQ(fleet_verdict(fleet), Verdict::conformant);
  EXPECT_EQ(exit_status(fleet), 0);
}

TEST(FleetVerdict, OneNonConformantMemberMakesTheFleetNonConformant) {
  FleetResult fleet;
  fleet.members = {member_with("volume/a", Verdict::inconclusive), member_with("volume/b", Verdict::non_conformant)};
  EXPECT_EQ(fleet_verdict(fleet), Verdict::non_conformant);
  EXPECT_EQ(exit_status(fleet), 1);
}

TEST(FleetVerdict, AHarnessErrorMakesTheMemberAndTheFleetInconclusive) {
  FleetResult fleet;
  fleet.members = {member_with("volume/a", Verdict::conformant), member_with("datapath/b", Verdict::conformant)};
  fleet.members[1].harness_error = "not a plugin directory";
  EXPECT_EQ(member_verdict(fleet.members[1]), Verdict::inconclusive);
  EXPECT_EQ(fleet_verdict(fleet), Verdict::inconclusive);
  EXPECT_EQ(exit_status(fleet), 2);
}

TEST(FleetVerdict, AnEmptyFleetIsInconclusive) {
  EXPECT_EQ(fleet_verdict(FleetResult{}), Verdict::inconclusive);
}

TEST(FleetVerdict, AnInterruptedFleetExitsAsTheSignal) {
  FleetResult fleet;
  fleet.members = {member_with("volume/a", Verdict::non_conformant)};
  fleet.interruption = Interruption{SIGTERM, 3, 31};
  EXPECT_EQ(fleet_verdict(fleet), Verdict::interrupted);
  EXPECT_EQ(exit_status(fleet), 128 + SIGTERM);
}

}  // namespace
}  // namespace smapi::suites
