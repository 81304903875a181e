#include "suites/result.h"

#include "suites/catalogue.h"

#include <gtest/gtest.h>

namespace smapi::suites {
namespace {

RequirementResult outcome_of(std::string_view id, Outcome outcome) {
  return RequirementResult{&requirement(id), outcome, "", {}, {}};
}

// QUERY-ANSWERS is a MUST, QUERY-FEATURE-SYNTAX a SHOULD.
const RequirementResult kMustFail = outcome_of("QUERY-ANSWERS", Outcome::fail);
const RequirementResult kShouldFail = outcome_of("QUERY-FEATURE-SYNTAX", Outcome::fail);
const RequirementResult kShouldWarn = outcome_of("QUERY-FEATURE-KNOWN", Outcome::warn);
const RequirementResult kShouldError = outcome_of("QUERY-KEYS-EXACT", Outcome::error);
const RequirementResult kMustPass = outcome_of("QUERY-API-VERSION", Outcome::pass);

TEST(VerdictPolicy, FailOnMustIgnoresFailedShouldRequirements) {
  EXPECT_EQ(verdict_of({kMustPass, kShouldFail}), Verdict::conformant);
  EXPECT_EQ(verdict_of({kMustPass, kShouldFail}, {FailOn::must}), Verdict::conformant);
  EXPECT_EQ(verdict_of({kShouldError}, {FailOn::must}), Verdict::conformant);
}

TEST(VerdictPolicy, FailOnShouldMakesAFailedShouldNonConformant) {
  EXPECT_EQ(verdict_of({kMustPass, kShouldFail}, {FailOn::should}), Verdict::non_conformant);
  EXPECT_EQ(exit_status(verdict_of({kMustPass, kShouldFail}, {FailOn::should})), 1);
  EXPECT_EQ(verdict_of({kMustPass, kShouldWarn}, {FailOn::should}), Verdict::conformant);
  EXPECT_EQ(verdict_of({kShouldError}, {FailOn::should}), Verdict::inconclusive);
  EXPECT_EQ(verdict_of({kMustFail}, {FailOn::should}), Verdict::non_conformant);
}

TEST(VerdictPolicy, AWaivedFailureDoesNotCount) {
  auto waived = kMustFail;
  waived.waiver = WaiverNote{"known", "XAPI-1", "2027-01-31"};
  EXPECT_EQ(verdict_of({kMustPass, waived}), Verdict::conformant);
  auto waived_should = kShouldFail;
  waived_should.waiver = WaiverNote{"known", "XAPI-2", "2027-01-31"};
  EXPECT_EQ(verdict_of({waived_should}, {FailOn::should}), Verdict::conformant);
  EXPECT_EQ(verdict_of({waived, kMustFail}), Verdict::non_conformant);
}

TEST(VerdictPolicy, AnExpiredWaiverFailsTheRunOtherProblemsDoNot) {
  RunResult run;
  run.results = {kMustPass};
  run.waiver_problems = {{WaiverProblem::Kind::unexpected_pass, "QUERY-API-VERSION", "passed"}};
  EXPECT_EQ(verdict_of(run, {}), Verdict::conformant);
  run.waiver_problems.push_back({WaiverProblem::Kind::expired, "QUERY-ANSWERS", "expired 2020-01-01"});
  EXPECT_EQ(verdict_of(run, {}), Verdict::non_conformant);
}

TEST(VerdictPolicy, Names) {
  EXPECT_EQ(to_string(FailOn::must), "must");
  EXPECT_EQ(to_string(FailOn::should), "should");
}

}  // namespace
}  // namespace smapi::suites
