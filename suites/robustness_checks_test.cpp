// QUERY-STABLE, QUERY-CONCURRENT, DBG-ANY-STRING and PROBE-BAD-INPUT.

#include "suites/testing/builders.h"

#include <gtest/gtest.h>

namespace smapi::suites {
namespace {

using contract::Method;
using testing::as_probe;
using testing::exec_call;
using testing::HasOutcome;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr const char* kTypeError =
    R"({"code": "SR_BACKEND_FAILURE", "params": ["TypeError", "expected=string actual=5"], "backtrace": {"error": "", "files": [], "lines": []}})";

std::string query_with_version(const std::string& version) {
  std::string text = testing::kExt4Query;
  const std::string from = R"("version": "3.0")";
  text.replace(text.find(from), from.size(), R"("version": ")" + version + "\"");
  return text;
}

CallObservation query_call(const std::string& out, Probe probe, const std::string& label) {
  return as_probe(exec_call(Method::query, 0, out), probe, label);
}

TEST(RobustnessChecks, GoodPluginWithoutProbesSkipsEachWithAReason) {
  auto observations = testing::good_exec_volume();
  observations.subject.probes = false;
  observations.subject.repeat = 1;
  observations.subject.concurrency = 1;
  const auto results = judge(observations);
  EXPECT_THAT(testing::result_for(results, "QUERY-STABLE").message, HasSubstr("--repeat 1"));
  EXPECT_THAT(testing::result_for(results, "QUERY-CONCURRENT").message, HasSubstr("--concurrency 1"));
  EXPECT_THAT(testing::result_for(results, "DBG-ANY-STRING").message, HasSubstr("--no-probes"));
  EXPECT_THAT(results, HasOutcome("PROBE-BAD-INPUT", Outcome::skip));
}

TEST(RobustnessChecks, IdenticalRepeatsPassStable) {
  auto observations = testing::good_exec_volume();
  for (int i = 2; i <= 3; ++i)
    observations.calls.push_back(query_call(testing::kExt4Query, Probe::repeat, "Plugin.query #" + std::to_string(i)));
  const auto results = judge(observations);
  EXPECT_THAT(results, HasOutcome("QUERY-STABLE", Outcome::pass));
  EXPECT_THAT(testing::result_for(results, "QUERY-STABLE").message, HasSubstr("3 Plugin.query answers"));
}

TEST(RobustnessChecks, VaryingRepeatFailsStableNamingTheField) {
  auto observations = testing::good_exec_volume();
  observations.calls.push_back(query_call(testing::kExt4Query, Probe::repeat, "Plugin.query #2"));
  observations.calls.push_back(query_call(query_with_version("3.1"), Probe::repeat, "Plugin.query #3"));
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("QUERY-STABLE"));
  const auto& message = testing::result_for(results, "QUERY-STABLE").message;
  EXPECT_THAT(message, HasSubstr("Plugin.query #3"));
  EXPECT_THAT(message, HasSubstr("$.version: \"3.0\" then \"3.1\""));
  EXPECT_THAT(message, HasSubstr("(1 of 2 later answers differ)"));
}

TEST(RobustnessChecks, TimedOutRepeatIsLeftToTransportTimely) {
  auto observations = testing::good_exec_volume();
  observations.calls.push_back(query_call(testing::kExt4Query, Probe::repeat, "Plugin.query #2"));
  observations.calls.push_back(
      as_probe(testing::undelivered_call(Method::query, Delivery::timed_out), Probe::repeat, "Plugin.query #3"));
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("TRANSPORT-TIMELY"));
  EXPECT_THAT(results, HasOutcome("QUERY-STABLE", Outcome::pass));
}

TEST(RobustnessChecks, ConcurrentErrorFailsConcurrentOnly) {
  auto observations = testing::good_exec_volume();
  observations.calls.push_back(query_call(testing::kExt4Query, Probe::concurrent, "Plugin.query (concurrent 1/2)"));
  observations.calls.push_back(as_probe(
      exec_call(Method::query, 1,
                R"({"code": "SR_BACKEND_FAILURE", "params": ["Busy", "locked"], "backtrace": {"error": "", "files": [], "lines": []}})"),
      Probe::concurrent, "Plugin.query (concurrent 2/2)"));
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("QUERY-CONCURRENT"));
  EXPECT_THAT(testing::result_for(results, "QUERY-CONCURRENT").message,
              HasSubstr("Plugin.query (concurrent 2/2): a result, then an error"));
}

TEST(RobustnessChecks, ConcurrentDifferencesThatStableExplainsAreSkipped) {
  auto observations = testing::good_exec_volume();
  observations.calls.push_back(query_call(query_with_version("3.1"), Probe::repeat, "Plugin.query #2"));
  observations.calls.push_back(query_call(query_with_version("3.2"), Probe::concurrent, "Plugin.query (concurrent 1/1)"));
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("QUERY-STABLE"));
  EXPECT_THAT(testing::result_for(results, "QUERY-CONCURRENT").message, HasSubstr("see QUERY-STABLE"));
}

TEST(RobustnessChecks, DbgVariantsAnsweringAlikePass) {
  auto observations = testing::good_exec_volume();
  observations.calls.push_back(query_call(testing::kExt4Query, Probe::dbg_variant, "Plugin.query (dbg empty)"));
  observations.calls.push_back(as_probe(exec_call(Method::diagnostics, 0, "\"ok\""), Probe::dbg_variant,
                                        "Plugin.diagnostics (dbg 64 KiB)"));
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), IsEmpty());
  EXPECT_THAT(results, HasOutcome("DBG-ANY-STRING", Outcome::pass));
}

TEST(RobustnessChecks, LargeDbgRefusedFailsDbgOnlyNotErrorShape) {
  auto observations = testing::good_exec_volume();
  // A traceback (not a well-formed error): judged by DBG-ANY-STRING alone.
  observations.calls.push_back(
      as_probe(exec_call(Method::ls, 1, ""), Probe::dbg_variant, "Plugin.ls (dbg 64 KiB)"));
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("DBG-ANY-STRING"));
  EXPECT_THAT(testing::result_for(results, "DBG-ANY-STRING").message, HasSubstr("Plugin.ls (dbg 64 KiB)"));
}

TEST(RobustnessChecks, WellFormedRefusalsAndIgnoredExtraKeyPassBadInput) {
  auto observations = testing::good_exec_volume();
  observations.subject.seed = 7;
  observations.calls.push_back(
      as_probe(exec_call(Method::query, 1, kTypeError), Probe::bad_input, "Plugin.query (probe: dbg 5)"));
  observations.calls.push_back(as_probe(exec_call(Method::diagnostics, 0, "\"ok\""), Probe::extra_argument,
                                        "Plugin.diagnostics (probe: extra key)"));
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), IsEmpty());
  EXPECT_THAT(results, HasOutcome("PROBE-BAD-INPUT", Outcome::pass));
  EXPECT_THAT(testing::result_for(results, "PROBE-BAD-INPUT").message, HasSubstr("seed 7"));
  // A refusal is an error, but not one ERROR-WELL-FORMED judges.
  EXPECT_THAT(results, HasOutcome("ERROR-WELL-FORMED", Outcome::skip));
}

TEST(RobustnessChecks, TracebackOnBadJsonFailsBadInputOnly) {
  auto observations = testing::good_exec_volume();
  auto crash = exec_call(Method::query, 1, "");
  crash.stderr_bytes = "Traceback (most recent call last):\njson.decoder.JSONDecodeError\n";
  observations.calls.push_back(as_probe(crash, Probe::bad_input, "Plugin.query (probe: bad JSON)"));
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("PROBE-BAD-INPUT"));
  EXPECT_THAT(testing::result_for(results, "PROBE-BAD-INPUT").message, HasSubstr("traceback"));
  EXPECT_EQ(verdict_of(results), Verdict::conformant);  // a SHOULD
}

TEST(RobustnessChecks, AcceptedBadInputAndRefusedExtraKeyFail) {
  auto observations = testing::good_exec_volume();
  observations.calls.push_back(
      query_call(testing::kExt4Query, Probe::bad_input, "Plugin.query (probe: missing dbg)"));
  observations.calls.push_back(as_probe(exec_call(Method::query, 1, kTypeError), Probe::extra_argument,
                                        "Plugin.query (probe: extra key)"));
  const auto results = judge(observations);
  const auto& message = testing::result_for(results, "PROBE-BAD-INPUT").message;
  EXPECT_THAT(message, HasSubstr("Plugin.query (probe: missing dbg): accepted it"));
  EXPECT_THAT(message, HasSubstr("Plugin.query (probe: extra key): an extra key must be ignored"));
}

TEST(RobustnessChecks, HungProbeFailsBadInputNotTimely) {
  auto observations = testing::good_exec_volume();
  observations.calls.push_back(as_probe(testing::undelivered_call(Method::ls, Delivery::timed_out, "no exit"),
                                        Probe::bad_input, "Plugin.ls (probe: truncated JSON)"));
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("PROBE-BAD-INPUT"));
  EXPECT_THAT(testing::result_for(results, "PROBE-BAD-INPUT").message, HasSubstr("timed out"));
}

TEST(RobustnessChecks, SkippedProbesAreNamedInTheSkipReason) {
  auto observations = testing::good_exec_volume();
  observations.calls[0] = testing::undelivered_call(Method::query, Delivery::timed_out);
  observations.skipped_probes.push_back(
      {Method::query, "Plugin.query: the plain call timed out; its further probes were not made"});
  const auto results = judge(observations);
  EXPECT_THAT(testing::result_for(results, "QUERY-STABLE").message, HasSubstr("further probes were not made"));
}

}  // namespace
}  // namespace smapi::suites
