// QUERY-STABLE, QUERY-CONCURRENT, DBG-ANY-STRING and PROBE-BAD-INPUT.

#include "suites/testing/builders.h"

#include "contract/json_text.h"
#include "suites/detail/check_support.h"

#include <boost/json/serialize.hpp>

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

// An exec error answer SR_BACKEND_FAILURE with `params`.
std::string exec_error(const std::vector<std::string>& params) {
  boost::json::array list;
  for (const auto& param : params) list.emplace_back(param);
  return R"({"code": "SR_BACKEND_FAILURE", "params": )" + boost::json::serialize(list) +
         R"(, "backtrace": {"error": "", "files": [], "lines": []}})";
}

TEST(RobustnessChecks, RepeatedErrorsThatDifferOnlyInAParamFailStable) {
  auto observations = testing::good_exec_volume();
  observations.calls[0] = exec_call(Method::query, 1, exec_error({"a"}));
  observations.calls.push_back(as_probe(exec_call(Method::query, 1, exec_error({"b"})), Probe::repeat,
                                        "Plugin.query #2"));
  const auto results = judge(observations);
  EXPECT_THAT(results, HasOutcome("QUERY-STABLE", Outcome::fail));
  const auto& message = testing::result_for(results, "QUERY-STABLE").message;
  EXPECT_THAT(message, HasSubstr("Plugin.query #2 differs from the first answer"));
  EXPECT_THAT(message, HasSubstr("\"params\":[\"a\"]"));
  EXPECT_THAT(message, HasSubstr("\"params\":[\"b\"]"));
}

TEST(RobustnessChecks, ConcurrentErrorThatDiffersOnlyInAParamFailsConcurrent) {
  auto observations = testing::good_exec_volume();
  observations.calls[0] = exec_call(Method::query, 1, exec_error({"a"}));
  observations.calls.push_back(as_probe(exec_call(Method::query, 1, exec_error({"a"})), Probe::concurrent,
                                        "Plugin.query (concurrent 1/2)"));
  observations.calls.push_back(as_probe(exec_call(Method::query, 1, exec_error({"b"})), Probe::concurrent,
                                        "Plugin.query (concurrent 2/2)"));
  const auto results = judge(observations);
  EXPECT_THAT(results, HasOutcome("QUERY-CONCURRENT", Outcome::fail));
  const auto& message = testing::result_for(results, "QUERY-CONCURRENT").message;
  EXPECT_THAT(message, HasSubstr("Plugin.query (concurrent 2/2): error"));
  EXPECT_THAT(message, ::testing::Not(HasSubstr("concurrent 1/2")));
}

// Two error answers over 64 KiB that differ only in the last byte of a
// param: the run keeps a 4 KiB prefix of each (the same), so only the
// digest of the whole decoded answer can tell them apart.
Observations run_with_long_errors(Probe probe, const std::string& label) {
  const std::string pad(64 * 1024, 'x');
  auto observations = testing::good_exec_volume();
  observations.calls[0] = exec_call(Method::query, 1, exec_error({"Busy", pad + "a"}));
  observations.calls.push_back(as_probe(exec_call(Method::query, 1, exec_error({"Busy", pad + "b"})), probe, label));
  for (auto& call : observations.calls) compact_call(call);
  EXPECT_TRUE(detail::answer_cut(observations.calls.back()));
  // What the probe kept of its params is the same 256-byte prefix either way.
  EXPECT_EQ(observations.calls.back().reply.error.params,
            (std::vector<std::string>{"Busy", pad.substr(0, 256)}));
  return observations;
}

TEST(RobustnessChecks, LongRepeatedErrorsThatDifferOnlyInAParamFailStable) {
  const auto results = judge(run_with_long_errors(Probe::repeat, "Plugin.query #2"));
  EXPECT_THAT(results, HasOutcome("QUERY-STABLE", Outcome::fail));
  EXPECT_THAT(testing::result_for(results, "QUERY-STABLE").message, HasSubstr("compared by digest"));
}

TEST(RobustnessChecks, LongConcurrentErrorThatDiffersOnlyInAParamFailsConcurrent) {
  const auto results = judge(run_with_long_errors(Probe::concurrent, "Plugin.query (concurrent 1/1)"));
  EXPECT_THAT(results, HasOutcome("QUERY-CONCURRENT", Outcome::fail));
  EXPECT_THAT(testing::result_for(results, "QUERY-CONCURRENT").message, HasSubstr("compared by digest"));
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

TEST(RobustnessChecks, LargeDbgRefusedWithATracebackFailsDbgAndErrorShape) {
  auto observations = testing::good_exec_volume();
  // A traceback: the call failed on a valid dbg, and with no error xapi can read.
  observations.calls.push_back(
      as_probe(exec_call(Method::ls, 1, ""), Probe::dbg_variant, "Plugin.ls (dbg 64 KiB)"));
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("ERROR-WELL-FORMED", "DBG-ANY-STRING"));
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

TEST(RobustnessChecks, TracebackOnBadJsonFailsBadInputOnlyUnderStrict) {
  auto observations = testing::good_exec_volume();
  observations.subject.profile = Profile::strict;
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

// xapi never sends malformed input (fork_exec_rpc): under the xapi profile
// what the bindings do with it is information, never a failure.
TEST(RobustnessChecks, BadInputProbesAreInformationUnderXapi) {
  auto observations = testing::good_exec_volume();
  auto crash = exec_call(Method::query, 1, "");
  crash.stderr_bytes = "Traceback (most recent call last):\njson.decoder.JSONDecodeError\n";
  observations.calls.push_back(as_probe(crash, Probe::bad_input, "Plugin.query (probe: bad JSON)"));
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), IsEmpty());
  EXPECT_THAT(testing::ids_with(results, Outcome::warn), IsEmpty());
  EXPECT_THAT(testing::result_for(results, "PROBE-BAD-INPUT").message,
              HasSubstr("for information only, input xapi never sends (fork_exec_rpc): Plugin.query (probe: bad "
                        "JSON): no well-formed error"));
}

TEST(RobustnessChecks, SignalOrUnreadableErrorIsNoRefusal) {
  auto observations = testing::good_exec_volume();
  observations.subject.profile = Profile::strict;
  auto killed = exec_call(Method::query, 0, "");
  killed.exit = contract::ExecExit{contract::ExecExit::How::signalled, 9};
  killed.reply = contract::decode_exec_reply(*killed.exit, "");
  observations.calls.push_back(as_probe(killed, Probe::bad_input, "Plugin.query (probe: dbg 5)"));
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("PROBE-BAD-INPUT"));
  EXPECT_THAT(testing::result_for(results, "PROBE-BAD-INPUT").message, HasSubstr("killed by signal 9"));

  auto json_rpc = testing::jsonrpc_plugin(contract::JsonRpcVersion::v1, testing::v1_result(testing::kExt4Query));
  json_rpc.subject.profile = Profile::strict;
  json_rpc.calls.push_back(as_probe(testing::jsonrpc_call(contract::JsonRpcVersion::v1, Method::query,
                                                          R"({"result":null,"error":42,"id":1})"),
                                    Probe::bad_input, "Plugin.query (probe: missing dbg)"));
  EXPECT_THAT(judge(json_rpc), HasOutcome("PROBE-BAD-INPUT", Outcome::fail));
}

TEST(RobustnessChecks, HungProbeFailsBadInputNotTimely) {
  auto observations = testing::good_exec_volume();
  observations.subject.profile = Profile::strict;
  observations.calls.push_back(as_probe(testing::undelivered_call(Method::ls, Delivery::timed_out, "no exit"),
                                        Probe::bad_input, "Plugin.ls (probe: truncated JSON)"));
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("PROBE-BAD-INPUT"));
  EXPECT_THAT(testing::result_for(results, "PROBE-BAD-INPUT").message, HasSubstr("timed out"));
}

TEST(RobustnessChecks, SignalledBadInputProbeIsNoRefusalInStrict) {
  auto observations = testing::good_exec_volume();
  observations.subject.profile = Profile::strict;
  // Killed after printing a well-formed error: xapi reads SCRIPT_FAILED "signalled".
  auto killed = exec_call(Method::query, 1, kTypeError);
  killed.exit = contract::ExecExit{contract::ExecExit::How::signalled, 11};
  killed.reply = contract::decode_exec_reply(*killed.exit, killed.reply_bytes);
  observations.calls.push_back(as_probe(killed, Probe::bad_input, "Plugin.query (probe: dbg 5)"));
  const auto results = judge(observations);
  EXPECT_THAT(results, HasOutcome("PROBE-BAD-INPUT", Outcome::fail));
  EXPECT_THAT(testing::result_for(results, "PROBE-BAD-INPUT").message,
              HasSubstr("Plugin.query (probe: dbg 5): killed by signal 11"));
}

TEST(RobustnessChecks, SkippedProbesAreNamedInTheSkipReason) {
  auto observations = testing::good_exec_volume();
  observations.calls[0] = testing::undelivered_call(Method::query, Delivery::timed_out);
  observations.skipped_probes.push_back(
      {Method::query, "Plugin.query: the plain call timed out; its further probes were not made"});
  const auto results = judge(observations);
  EXPECT_THAT(testing::result_for(results, "QUERY-STABLE").message, HasSubstr("further probes were not made"));
}

// ---- compact_call: what a run keeps of a probe, and the same verdicts ----

// The ext4 answer with a description of `pad` bytes, so it passes kKeptProbeBytes.
std::string long_query(std::size_t pad, const std::string& version = "3.0") {
  std::string text = query_with_version(version);
  const std::string from = R"("description": "This plugin manages a ext4 based SR")";
  text.replace(text.find(from), from.size(), R"("description": ")" + std::string(pad, 'd') + "\"");
  return text;
}

// A run whose probes answer past kKeptProbeBytes with every defect the checks
// read from the raw bytes: a differing repeat, invalid UTF-8 and a second
// value past the kept part, a traceback at the end of a long stderr.
Observations run_with_long_answers() {
  auto observations = testing::good_exec_volume();
  const auto answer = long_query(40 * 1024);
  observations.calls[0] = exec_call(Method::query, 0, answer);
  for (int i = 2; i <= 4; ++i)
    observations.calls.push_back(query_call(answer, Probe::repeat, "Plugin.query #" + std::to_string(i)));
  observations.calls.push_back(query_call(long_query(40 * 1024, "3.1"), Probe::repeat, "Plugin.query #5"));
  auto not_utf8 = answer;
  not_utf8[30000] = '\xFF';
  observations.calls.push_back(query_call(not_utf8, Probe::repeat, "Plugin.query #6"));
  observations.calls.push_back(query_call(answer + " {}", Probe::repeat, "Plugin.query #7"));
  for (int i = 1; i <= 2; ++i)
    observations.calls.push_back(query_call(answer, Probe::concurrent, "Plugin.query (concurrent)"));
  auto crash = as_probe(exec_call(Method::query, 1, ""), Probe::bad_input, "Plugin.query (probe: missing dbg)");
  crash.stderr_bytes = std::string(40 * 1024, 'l') + "\nTraceback (most recent call last):\n";
  observations.calls.push_back(std::move(crash));
  return observations;
}

TEST(CompactCall, KeepsOnlyTheStartOfAProbeAndTheFactsOfTheWhole) {
  auto observations = run_with_long_answers();
  for (auto& call : observations.calls) compact_call(call);
  const auto& plain = observations.calls[0];
  EXPECT_GT(plain.reply_bytes.size(), kKeptProbeBytes);  // a plain call is kept whole
  for (const auto& call : observations.calls) {
    ASSERT_TRUE(call.whole.has_value());
    if (call.probe == Probe::none) continue;
    EXPECT_LE(call.reply_bytes.size(), kKeptProbeBytes) << call.label;
    EXPECT_LE(call.stderr_bytes.size(), kKeptProbeBytes) << call.label;
    EXPECT_LE(contract::json_excerpt(call.reply.result, 100000).size(), 1024u) << call.label;
  }
  const auto& not_utf8 = observations.calls[7];
  EXPECT_EQ(not_utf8.whole->reply_invalid_utf8_at, 30000u);
  EXPECT_EQ(observations.calls.back().whole->stderr_size, run_with_long_answers().calls.back().stderr_bytes.size());
}

TEST(CompactCall, TheCompactedRunIsJudgedAsTheWholeOne) {
  auto whole = run_with_long_answers();
  whole.subject.profile = Profile::strict;  // the bad-input probe is judged
  auto compacted = whole;
  for (auto& call : compacted.calls) compact_call(call);
  const auto expected = judge(whole);
  const auto actual = judge(compacted);
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const auto id = expected[i].requirement->id;
    EXPECT_EQ(actual[i].outcome, expected[i].outcome) << id;
    EXPECT_EQ(actual[i].evidence, expected[i].evidence) << id;
    if (id != "QUERY-STABLE") {
      EXPECT_EQ(actual[i].message, expected[i].message) << id;
    }
  }
  EXPECT_THAT(testing::ids_with(actual, Outcome::fail),
              ::testing::UnorderedElementsAre("TRANSPORT-ONE-VALUE", "TRANSPORT-UTF8", "QUERY-STABLE",
                                              "PROBE-BAD-INPUT"));
  EXPECT_THAT(testing::result_for(actual, "QUERY-STABLE").message,
              HasSubstr("Plugin.query #5 differs from the first answer"));
  EXPECT_THAT(testing::result_for(actual, "QUERY-STABLE").message, HasSubstr("compared by digest"));
  EXPECT_THAT(testing::result_for(actual, "PROBE-BAD-INPUT").message, HasSubstr("a traceback on stderr"));
  EXPECT_THAT(testing::result_for(actual, "TRANSPORT-UTF8").message, HasSubstr("byte 30000 (0xff)"));
}

}  // namespace
}  // namespace smapi::suites
