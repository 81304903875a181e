// An interrupted run reports what its calls settled and "not run" for the rest.

#include "suites/partial_run.h"

#include "suites/judge.h"
#include "suites/testing/builders.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>

namespace smapi::suites {
namespace {

using ::testing::StartsWith;
using testing::HasOutcome;
using testing::result_for;

// The plain Plugin.query and Plugin.ls calls of a good plugin; Plugin.diagnostics
// was running when SIGINT came, so it is not among the calls.
Observations stopped_before_diagnostics() {
  auto observations = testing::good_exec_volume();
  observations.calls.pop_back();
  return observations;
}

const Interruption kSigint{SIGINT, 2, 31};

TEST(PartialRun, AMethodsRequirementsAreJudgedOnceItsPlainCallWasMade) {
  const auto observations = stopped_before_diagnostics();
  auto results = judge(observations);
  keep_settled_results(results, observations, kSigint);
  EXPECT_THAT(results, HasOutcome("QUERY-ANSWERS", Outcome::pass));
  EXPECT_THAT(results, HasOutcome("LS-ANSWERS", Outcome::pass));
  for (const char* id : {"DIAG-ANSWERS", "DIAG-SUCCEEDS", "DIAG-SIZE"}) {
    EXPECT_THAT(results, HasOutcome(id, Outcome::skip));
    EXPECT_EQ(result_for(results, id).message,
              "not run: the run was interrupted (SIGINT) after 2 of 31 calls, before "
              "Plugin.diagnostics was called")
        << id;
  }
}

TEST(PartialRun, ARequirementOnEveryCallKeepsOnlyAFailureAlreadySeen) {
  auto observations = stopped_before_diagnostics();
  // Plugin.ls died of a signal: ERROR-WELL-FORMED fails on a call that was made.
  observations.calls[1] = testing::exec_call(contract::Method::ls, 1, "");
  observations.calls[1].exit = contract::ExecExit{contract::ExecExit::How::signalled, SIGKILL};
  observations.calls[1].reply = contract::decode_exec_reply(*observations.calls[1].exit, "");
  auto judged = judge(observations);
  ASSERT_THAT(judged, HasOutcome("ERROR-WELL-FORMED", Outcome::fail));
  ASSERT_THAT(judged, HasOutcome("TRANSPORT-ONE-VALUE", Outcome::pass));
  keep_settled_results(judged, observations, kSigint);
  EXPECT_THAT(judged, HasOutcome("ERROR-WELL-FORMED", Outcome::fail));
  EXPECT_THAT(judged, HasOutcome("TRANSPORT-ONE-VALUE", Outcome::skip));
  EXPECT_EQ(result_for(judged, "TRANSPORT-ONE-VALUE").message,
            "not run: the run was interrupted (SIGINT) after 2 of 31 calls, before every call it reads was "
            "made");
  EXPECT_THAT(result_for(judged, "QUERY-STABLE").message, StartsWith("not run: "));
}

TEST(PartialRun, ASkipBecauseTheRequirementDoesNotApplyStands) {
  const auto observations = stopped_before_diagnostics();
  auto results = judge(observations);
  keep_settled_results(results, observations, {SIGTERM, 2, 31});
  EXPECT_EQ(result_for(results, "TRANSPORT-ENVELOPE").message, "applies to JSON-RPC and XML-RPC targets only");
  EXPECT_THAT(result_for(results, "TRANSPORT-UTF8").message, ::testing::HasSubstr("(SIGTERM)"));
}

TEST(PartialRun, NothingMadeMeansNothingJudged) {
  Observations observations;
  observations.subject = testing::good_exec_volume().subject;
  auto results = judge(observations);
  keep_settled_results(results, observations, {SIGHUP, 0, 31});
  for (const auto& result : results) {
    if (not_applicable_reason(*result.requirement, observations)) continue;
    EXPECT_EQ(result.outcome, Outcome::skip) << result.requirement->id;
    EXPECT_THAT(result.message, StartsWith("not run: ")) << result.requirement->id;
  }
}

TEST(PartialRun, TheVerdictAndExitStatusNameTheSignal) {
  RunResult run;
  run.interruption = Interruption{SIGTERM, 2, 31};
  EXPECT_EQ(verdict_of(run, {}), Verdict::interrupted);
  EXPECT_EQ(to_string(Verdict::interrupted), "interrupted");
  EXPECT_EQ(exit_status(run), 143);
  run.interruption->signal = SIGINT;
  EXPECT_EQ(exit_status(run), 130);
  run.interruption->signal = SIGHUP;
  EXPECT_EQ(exit_status(run), 129);
  EXPECT_EQ(signal_name(SIGHUP), "SIGHUP");
  run.interruption.reset();
  EXPECT_EQ(exit_status(run), exit_status(run.verdict));
}

}  // namespace
}  // namespace smapi::suites
