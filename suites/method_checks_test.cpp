// LS-ANSWERS, DIAG-ANSWERS, ERROR-WELL-FORMED and ERROR-BACKTRACE.

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

Observations with_call(std::size_t index, CallObservation call) {
  auto observations = testing::good_exec_volume();
  observations.calls[index] = std::move(call);
  return observations;
}

TEST(LsChecks, ListOfStringsPasses) {
  const auto results = judge(testing::good_exec_volume());
  EXPECT_THAT(results, HasOutcome("LS-ANSWERS", Outcome::pass));
  EXPECT_THAT(testing::result_for(results, "LS-ANSWERS").message, HasSubstr("1 SRs"));
}

TEST(LsChecks, WellFormedUnimplementedPasses) {
  const auto results = judge(with_call(1, exec_call(Method::ls, 1, kLsUnimplemented)));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), IsEmpty());
  EXPECT_THAT(testing::result_for(results, "LS-ANSWERS").message, HasSubstr("not implemented"));
  EXPECT_THAT(results, HasOutcome("ERROR-WELL-FORMED", Outcome::pass));
  EXPECT_THAT(results, HasOutcome("ERROR-BACKTRACE", Outcome::pass));
}

TEST(LsChecks, MissingFileWarnsAsNotImplemented) {
  const auto results =
      judge(with_call(1, testing::undelivered_call(Method::ls, Delivery::missing)));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), IsEmpty());
  EXPECT_THAT(results, HasOutcome("LS-ANSWERS", Outcome::warn));
  EXPECT_THAT(testing::result_for(results, "LS-ANSWERS").message, HasSubstr("SCRIPT_MISSING"));
}

TEST(LsChecks, ListWithANumberFails) {
  const auto results = judge(with_call(1, exec_call(Method::ls, 0, R"(["sr1", 2])")));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("LS-ANSWERS"));
  EXPECT_THAT(testing::result_for(results, "LS-ANSWERS").message, HasSubstr("$[1]"));
}

TEST(LsChecks, UnimplementedNamingAnotherMethodFails) {
  const auto results = judge(with_call(
      1, exec_call(Method::ls, 1,
                   R"({"code": "SR_BACKEND_FAILURE", "params": ["Unimplemented", "Plugin.query"], "backtrace": {"error": "", "files": [], "lines": []}})")));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("LS-ANSWERS"));
  EXPECT_THAT(testing::result_for(results, "LS-ANSWERS").message, HasSubstr("Plugin.query"));
}

TEST(LsChecks, BackendErrorFails) {
  const auto results = judge(with_call(
      1, exec_call(Method::ls, 1,
                   R"({"code": "SR_BACKEND_FAILURE", "params": ["TypeError", "boom"], "backtrace": {"error": "", "files": [], "lines": []}})")));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("LS-ANSWERS"));
}

TEST(LsChecks, TracebackOnStderrWithEmptyStdoutFailsErrorShapeOnly) {
  // xapi's dummyv5 fixture: exit 1, stdout empty, a Python traceback on stderr.
  auto call = exec_call(Method::ls, 1, "");
  call.stderr_bytes = "Traceback (most recent call last):\nxapi.Unimplemented: Plugin.ls\n";
  const auto results = judge(with_call(1, call));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("ERROR-WELL-FORMED"));
  EXPECT_THAT(testing::result_for(results, "ERROR-WELL-FORMED").message,
              HasSubstr("non-zero exit and bad json on stdout"));
  EXPECT_THAT(results, HasOutcome("LS-ANSWERS", Outcome::skip));
  EXPECT_THAT(testing::result_for(results, "LS-ANSWERS").message,
              HasSubstr("no answer to judge: see ERROR-WELL-FORMED"));
}

TEST(DiagnosticsChecks, StringPassesAndNumberFails) {
  EXPECT_THAT(judge(testing::good_exec_volume()), HasOutcome("DIAG-ANSWERS", Outcome::pass));
  const auto results = judge(with_call(2, exec_call(Method::diagnostics, 0, "42")));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("DIAG-ANSWERS"));
}

TEST(DiagnosticsChecks, MissingFileWarns) {
  const auto results =
      judge(with_call(2, testing::undelivered_call(Method::diagnostics, Delivery::missing)));
  EXPECT_THAT(results, HasOutcome("DIAG-ANSWERS", Outcome::warn));
}

TEST(ErrorChecks, NoErrorsMeansNothingToJudge) {
  const auto results = judge(testing::good_exec_volume());
  EXPECT_THAT(results, HasOutcome("ERROR-WELL-FORMED", Outcome::skip));
  EXPECT_THAT(results, HasOutcome("ERROR-BACKTRACE", Outcome::skip));
}

TEST(ErrorChecks, ErrorWithoutBacktraceFailsBacktraceOnly) {
  const auto results = judge(with_call(
      1, exec_call(Method::ls, 1, R"({"code": "SR_BACKEND_FAILURE", "params": ["Unimplemented", "Plugin.ls"]})")));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("ERROR-BACKTRACE"));
}

TEST(ErrorChecks, SignalledPluginFailsErrorShape) {
  auto call = exec_call(Method::diagnostics, 0, "");
  call.exit = contract::ExecExit{contract::ExecExit::How::signalled, 11};
  call.reply = contract::decode_exec_reply(*call.exit, "");
  const auto results = judge(with_call(2, call));
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
  EXPECT_THAT(results, HasOutcome("ERROR-BACKTRACE", Outcome::skip));
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
