// LS-ANSWERS, DIAG-ANSWERS, DIAG-SUCCEEDS and ERROR-WELL-FORMED.

#include "suites/testing/builders.h"

#include <gtest/gtest.h>

namespace smapi::suites {
namespace {

using contract::JsonRpcVersion;
using contract::Method;
using testing::exec_call;
using testing::HasOutcome;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr const char* kLsUnimplemented =
    R"({"code": "SR_BACKEND_FAILURE", "params": ["Unimplemented", "Plugin.ls"], "backtrace": {"error": "Plugin.ls", "files": ["plugin.py"], "lines": [251]}})";

TEST(LsChecks, ListOfStringsPasses) {
  const auto results = judge(testing::good_exec_volume());
  EXPECT_THAT(results, HasOutcome("LS-ANSWERS", Outcome::pass));
  EXPECT_THAT(testing::result_for(results, "LS-ANSWERS").message, HasSubstr("1 SRs"));
}

TEST(LsChecks, WellFormedUnimplementedPasses) {
  const auto results = judge(testing::good_exec_volume_with(1, exec_call(Method::ls, 1, kLsUnimplemented)));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), IsEmpty());
  EXPECT_THAT(testing::result_for(results, "LS-ANSWERS").message, HasSubstr("not implemented"));
  EXPECT_THAT(results, HasOutcome("ERROR-WELL-FORMED", Outcome::pass));
}

// xapi never calls Plugin.ls: no field plugin ships it, and that is no defect.
TEST(LsChecks, MissingFilePassesWithANote) {
  const auto results =
      judge(testing::good_exec_volume_with(1, testing::undelivered_call(Method::ls, Delivery::missing)));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), IsEmpty());
  EXPECT_THAT(testing::ids_with(results, Outcome::warn), IsEmpty());
  EXPECT_THAT(results, HasOutcome("LS-ANSWERS", Outcome::pass));
  EXPECT_THAT(testing::result_for(results, "LS-ANSWERS").message, HasSubstr("xapi never calls Plugin.ls"));
}

TEST(LsChecks, UnimplementedInTheOtherTransportsFormFails) {
  const auto results = judge(testing::good_exec_volume_with(1, exec_call(Method::ls, 1, R"({"code": "Unimplemented", "params": ["Plugin.ls"], "backtrace": {"error": "", "files": [], "lines": []}})")));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("LS-ANSWERS"));
}

TEST(LsChecks, ListWithANumberFails) {
  const auto results = judge(testing::good_exec_volume_with(1, exec_call(Method::ls, 0, R"(["sr1", 2])")));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("LS-ANSWERS"));
  EXPECT_THAT(testing::result_for(results, "LS-ANSWERS").message, HasSubstr("$[1]"));
}

TEST(LsChecks, UnimplementedNamingAnotherMethodFails) {
  const auto results = judge(testing::good_exec_volume_with(
      1, exec_call(Method::ls, 1,
                   R"({"code": "SR_BACKEND_FAILURE", "params": ["Unimplemented", "Plugin.query"], "backtrace": {"error": "", "files": [], "lines": []}})")));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("LS-ANSWERS"));
  EXPECT_THAT(testing::result_for(results, "LS-ANSWERS").message, HasSubstr("Plugin.query"));
}

TEST(LsChecks, BackendErrorFails) {
  const auto results = judge(testing::good_exec_volume_with(
      1, exec_call(Method::ls, 1,
                   R"({"code": "SR_BACKEND_FAILURE", "params": ["TypeError", "boom"], "backtrace": {"error": "", "files": [], "lines": []}})")));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("LS-ANSWERS"));
}

TEST(LsChecks, TracebackOnStderrWithEmptyStdoutFailsErrorShapeOnly) {
  // xapi's dummyv5 fixture: exit 1, stdout empty, a Python traceback on stderr.
  auto call = exec_call(Method::ls, 1, "");
  call.stderr_bytes = "Traceback (most recent call last):\nxapi.Unimplemented: Plugin.ls\n";
  const auto results = judge(testing::good_exec_volume_with(1, call));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("ERROR-WELL-FORMED"));
  EXPECT_THAT(testing::result_for(results, "ERROR-WELL-FORMED").message,
              HasSubstr("non-zero exit and bad json on stdout"));
  EXPECT_THAT(results, HasOutcome("LS-ANSWERS", Outcome::skip));
  EXPECT_THAT(testing::result_for(results, "LS-ANSWERS").message,
              HasSubstr("no answer to judge: see ERROR-WELL-FORMED"));
}

TEST(DiagnosticsChecks, StringPassesAndNumberFails) {
  EXPECT_THAT(judge(testing::good_exec_volume()), HasOutcome("DIAG-ANSWERS", Outcome::pass));
  const auto results = judge(testing::good_exec_volume_with(2, exec_call(Method::diagnostics, 0, "42")));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("DIAG-ANSWERS"));
}

// A Volume plugin without diagnostics fails xapi's Host.get_sm_diagnostics
// for the whole host: a SHOULD. xapi never asks a Datapath plugin.
TEST(DiagnosticsChecks, MissingFileFailsOnlyTheHostCallOfAVolumePlugin) {
  const auto results =
      judge(testing::good_exec_volume_with(2, testing::undelivered_call(Method::diagnostics, Delivery::missing)));
  EXPECT_THAT(results, HasOutcome("DIAG-ANSWERS", Outcome::pass));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("DIAG-SUCCEEDS"));
  EXPECT_EQ(verdict_of(results), Verdict::conformant);
  EXPECT_EQ(verdict_of(results, {FailOn::should}), Verdict::non_conformant);
}

TEST(DiagnosticsChecks, MissingFileOfADatapathPluginPassesWithANote) {
  auto observations = testing::good_exec_volume_with(2, testing::undelivered_call(Method::diagnostics, Delivery::missing));
  observations.subject.kind = PluginKind::datapath;
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), IsEmpty());
  EXPECT_THAT(testing::ids_with(results, Outcome::warn), IsEmpty());
  EXPECT_THAT(testing::result_for(results, "DIAG-ANSWERS").message, HasSubstr("never calls a Datapath"));
  EXPECT_THAT(results, HasOutcome("DIAG-SUCCEEDS", Outcome::skip));
}

TEST(DiagnosticsChecks, AWellFormedErrorFailsOnlyTheHostCall) {
  const auto results = judge(testing::good_exec_volume_with(
      2, exec_call(Method::diagnostics, 1,
                   R"({"code": "SR_BACKEND_FAILURE", "params": ["IOError", "no log"], "backtrace": {"error": "", "files": [], "lines": []}})")));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("DIAG-SUCCEEDS"));
  EXPECT_THAT(results, HasOutcome("DIAG-ANSWERS", Outcome::pass));
}

TEST(ErrorChecks, NoErrorsMeansNothingToJudge) {
  const auto results = judge(testing::good_exec_volume());
  EXPECT_THAT(results, HasOutcome("ERROR-WELL-FORMED", Outcome::skip));
}

// xapi cannot decode an exec error without its backtrace: it reports
// SCRIPT_FAILED and the Unimplemented is lost.
TEST(ErrorChecks, ErrorWithoutBacktraceFailsErrorShapeOnly) {
  const auto results = judge(testing::good_exec_volume_with(
      1, exec_call(Method::ls, 1, R"({"code": "SR_BACKEND_FAILURE", "params": ["Unimplemented", "Plugin.ls"]})")));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("ERROR-WELL-FORMED"));
  EXPECT_THAT(testing::result_for(results, "ERROR-WELL-FORMED").message, HasSubstr("no \"backtrace\""));
  EXPECT_THAT(results, HasOutcome("LS-ANSWERS", Outcome::skip));
}

// Errors to probe calls are judged too, save the bad-input refusals.
TEST(ErrorChecks, ProbeErrorsAreJudged) {
  auto observations = testing::good_exec_volume();
  auto variant = exec_call(Method::ls, 1, R"({"code": "SR_BACKEND_FAILURE", "params": ["x"]})");
  variant.probe = Probe::dbg_variant;
  observations.calls.push_back(variant);
  auto refusal = exec_call(Method::ls, 1, R"({"code": "SR_BACKEND_FAILURE", "params": ["x"]})");
  refusal.probe = Probe::bad_input;
  observations.calls.push_back(refusal);
  const auto results = judge(observations);
  EXPECT_THAT(results, HasOutcome("ERROR-WELL-FORMED", Outcome::fail));
  EXPECT_EQ(testing::result_for(results, "ERROR-WELL-FORMED").evidence, std::vector<std::size_t>{3});
}

TEST(ErrorChecks, SignalledPluginFailsErrorShape) {
  auto call = exec_call(Method::diagnostics, 0, "");
  call.exit = contract::ExecExit{contract::ExecExit::How::signalled, 11};
  call.reply = contract::decode_exec_reply(*call.exit, "");
  const auto results = judge(testing::good_exec_volume_with(2, call));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("ERROR-WELL-FORMED"));
  EXPECT_THAT(testing::result_for(results, "ERROR-WELL-FORMED").message, HasSubstr("signal 11"));
  EXPECT_THAT(results, HasOutcome("DIAG-ANSWERS", Outcome::skip));
}

TEST(ErrorChecks, JsonRpcUnimplementedIsWellFormed) {
  auto observations = testing::jsonrpc_plugin(JsonRpcVersion::v1, testing::v1_result(testing::kExt4Query));
  observations.calls[1] = testing::jsonrpc_call(
      JsonRpcVersion::v1, Method::ls, R"({"result":null,"error":["Unimplemented","Plugin.ls"],"id":1})");
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), IsEmpty());
  EXPECT_THAT(results, HasOutcome("LS-ANSWERS", Outcome::pass));
  EXPECT_THAT(results, HasOutcome("ERROR-WELL-FORMED", Outcome::pass));
}

TEST(ErrorChecks, JsonRpcErrorNamingNothingFailsErrorShapeOnly) {
  auto observations = testing::jsonrpc_plugin(JsonRpcVersion::v1, testing::v1_result(testing::kExt4Query));
  observations.calls[1] =
      testing::jsonrpc_call(JsonRpcVersion::v1, Method::ls, R"({"result":null,"error":[""],"id":1})");
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("ERROR-WELL-FORMED"));
  EXPECT_THAT(testing::result_for(results, "LS-ANSWERS").message,
              HasSubstr("see ERROR-WELL-FORMED (the error [\"\"] names no error)"));
}

TEST(ErrorChecks, JsonRpcErrorThatIsANumberFails) {
  auto observations = testing::jsonrpc_plugin(JsonRpcVersion::v1, testing::v1_result(testing::kExt4Query));
  observations.calls[1] =
      testing::jsonrpc_call(JsonRpcVersion::v1, Method::ls, R"({"result":null,"error":42,"id":1})");
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("ERROR-WELL-FORMED"));
  EXPECT_THAT(results, HasOutcome("LS-ANSWERS", Outcome::skip));
}

}  // namespace
}  // namespace smapi::suites
