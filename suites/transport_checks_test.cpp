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

using testing::jsonrpc_plugin;
using testing::v1_result;

TEST(TransportChecks, GoodExecPluginPassesAndSkipsTheEnvelope) {
  const auto results = judge(testing::good_exec_volume());
  EXPECT_THAT(results, HasOutcome("TRANSPORT-ONE-VALUE", Outcome::pass));
  EXPECT_THAT(results, HasOutcome("TRANSPORT-ENVELOPE", Outcome::skip));
  EXPECT_THAT(results, HasOutcome("TRANSPORT-TIMELY", Outcome::pass));
  EXPECT_THAT(results, HasOutcome("EXEC-EXECUTABLE", Outcome::pass));
  EXPECT_THAT(results, HasOutcome("EXEC-PIPES-CLOSED", Outcome::pass));
}

// The harness raises the decoders' size limit to its --max-output: an answer
// past their default (16 MiB) that it read whole is one value, judged whole.
TEST(TransportChecks, AnAnswerPastTheDecodersDefaultLimitIsOneValue) {
  auto observations = testing::good_exec_volume();
  auto& query = observations.calls[0];
  query.reply_bytes = "\"" + std::string(17 * 1024 * 1024, 'a') + "\"\n";
  contract::JsonLimits limits;
  limits.max_bytes = 64 * 1024 * 1024;
  query.reply = contract::decode_exec_reply(*query.exit, query.reply_bytes, limits);
  const auto results = judge(observations);
  EXPECT_THAT(results, HasOutcome("TRANSPORT-ONE-VALUE", Outcome::pass));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("QUERY-RESULT-OBJECT"));
}

TEST(TransportChecks, NoiseBeforeTheJsonFailsOneValue) {
  auto observations = testing::good_exec_volume();
  observations.calls[0] =
      exec_call(Method::query, 0, "WARNING: deprecated\n" + std::string(testing::kExt4Query));
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("TRANSPORT-ONE-VALUE"));
  EXPECT_THAT(results, HasOutcome("QUERY-ANSWERS", Outcome::skip));
  EXPECT_THAT(testing::result_for(results, "QUERY-ANSWERS").message,
              HasSubstr("no answer to judge: see TRANSPORT-ONE-VALUE"));
  EXPECT_THAT(results, HasOutcome("QUERY-FIELDS-PRESENT", Outcome::skip));
}

TEST(TransportChecks, TwoValuesOnStdoutFailOneValue) {
  auto observations = testing::good_exec_volume();
  observations.calls[2] = exec_call(Method::diagnostics, 0, "\"a\"\n\"b\"\n");
  const auto results = judge(observations);
  EXPECT_THAT(results, HasOutcome("TRANSPORT-ONE-VALUE", Outcome::fail));
  EXPECT_THAT(testing::result_for(results, "TRANSPORT-ONE-VALUE").message,
              HasSubstr("Plugin.diagnostics"));
}

TEST(TransportChecks, TimeoutFailsTimelyAndSkipsTheMethod) {
  auto observations = testing::good_exec_volume();
  observations.calls[1] = testing::undelivered_call(Method::ls, Delivery::timed_out, "killed after 30000 ms");
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("TRANSPORT-TIMELY"));
  EXPECT_THAT(testing::result_for(results, "LS-ANSWERS").message,
              HasSubstr("no answer to judge: see TRANSPORT-TIMELY"));
  EXPECT_EQ(verdict_of(results), Verdict::non_conformant);
}

TEST(TransportChecks, OutputLimitFailsOutputSize) {
  auto observations = testing::good_exec_volume();
  observations.calls[2] = testing::undelivered_call(Method::diagnostics, Delivery::output_limit);
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("TRANSPORT-OUTPUT-SIZE"));
  EXPECT_THAT(results, HasOutcome("DIAG-ANSWERS", Outcome::skip));
}

TEST(TransportChecks, NotExecutableFailsExecutable) {
  auto observations = testing::good_exec_volume();
  observations.calls[1] = testing::undelivered_call(Method::ls, Delivery::not_executable, "mode 0644");
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("EXEC-EXECUTABLE"));
  EXPECT_THAT(results, HasOutcome("LS-ANSWERS", Outcome::skip));
}

TEST(TransportChecks, HeldPipeFailsPipesClosed) {
  auto observations = testing::good_exec_volume();
  observations.calls[0].pipe_held_open = true;
  EXPECT_THAT(testing::ids_with(judge(observations), Outcome::fail), ElementsAre("EXEC-PIPES-CLOSED"));
}

TEST(TransportChecks, GoodJsonRpcPluginPassesEnvelopeAndSkipsExecRequirements) {
  for (auto version : {JsonRpcVersion::v1, JsonRpcVersion::v2}) {
    const std::string body = version == JsonRpcVersion::v1
                                 ? v1_result(testing::kExt4Query)
                                 : R"({"jsonrpc":"2.0","result":)" + std::string(testing::kExt4Query) + R"(,"id":1})";
    const auto results = judge(jsonrpc_plugin(version, body));
    EXPECT_THAT(testing::ids_with(results, Outcome::fail), ::testing::IsEmpty());
    EXPECT_THAT(results, HasOutcome("TRANSPORT-ENVELOPE", Outcome::pass));
    EXPECT_THAT(results, HasOutcome("EXEC-EXECUTABLE", Outcome::skip));
    EXPECT_THAT(results, HasOutcome("EXEC-PIPES-CLOSED", Outcome::skip));
  }
}

TEST(TransportChecks, AnIdOtherThanTheRequestsPassesEnvelope) {
  // rpclib's client does not compare the reply's id with the request's.
  for (std::string id : {"7", R"("seven")"}) {
    const auto results = judge(jsonrpc_plugin(
        JsonRpcVersion::v1, R"({"result":)" + std::string(testing::kExt4Query) + R"(,"error":null,"id":)" + id + "}"));
    EXPECT_THAT(testing::ids_with(results, Outcome::fail), ::testing::IsEmpty()) << id;
    EXPECT_THAT(results, HasOutcome("TRANSPORT-ENVELOPE", Outcome::pass)) << id;
  }
}

TEST(TransportChecks, V2BareErrorValueFailsErrorShapeNotEnvelope) {
  // rpclib's client refuses a v2 error that is not a {code, message}
  // object ("Error object"): an error value it cannot read.
  auto observations = testing::jsonrpc_plugin(
      JsonRpcVersion::v2, R"({"jsonrpc":"2.0","result":)" + std::string(testing::kExt4Query) + R"(,"id":1})");
  observations.calls[1] = testing::jsonrpc_call(JsonRpcVersion::v2, contract::Method::ls,
                                                R"({"jsonrpc":"2.0","error":["Unimplemented","Plugin.ls"],"id":2})");
  const auto results = judge(observations);
  EXPECT_THAT(results, HasOutcome("ERROR-WELL-FORMED", Outcome::fail));
  EXPECT_THAT(results, HasOutcome("TRANSPORT-ENVELOPE", Outcome::pass));
}

TEST(TransportChecks, V1NullResultAndNullErrorIsASuccessNotAnEnvelopeDefect) {
  auto observations = testing::jsonrpc_plugin(JsonRpcVersion::v1, v1_result(testing::kExt4Query));
  observations.calls[2] = testing::jsonrpc_call(JsonRpcVersion::v1, contract::Method::diagnostics,
                                                R"({"result":null,"error":null,"id":3})");
  const auto results = judge(observations);
  EXPECT_THAT(results, HasOutcome("TRANSPORT-ENVELOPE", Outcome::pass));
  EXPECT_THAT(results, HasOutcome("DIAG-ANSWERS", Outcome::fail));  // null is not a string
}

TEST(TransportChecks, IdNeitherIntegerNorStringFailsEnvelope) {
  for (std::string id : {"null", "1.0", "[1]"}) {
    const auto results = judge(jsonrpc_plugin(
        JsonRpcVersion::v1, R"({"result":)" + std::string(testing::kExt4Query) + R"(,"error":null,"id":)" + id + "}"));
    EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("TRANSPORT-ENVELOPE")) << id;
    EXPECT_THAT(testing::result_for(results, "TRANSPORT-ENVELOPE").message, HasSubstr("$.id")) << id;
  }
}

TEST(TransportChecks, ResultAndErrorTogetherFailEnvelope) {
  const auto results = judge(jsonrpc_plugin(
      JsonRpcVersion::v2,
      R"({"jsonrpc":"2.0","result":)" + std::string(testing::kExt4Query) + R"(,"error":["x"],"id":1})"));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("TRANSPORT-ENVELOPE"));
  EXPECT_THAT(testing::result_for(results, "QUERY-ANSWERS").message,
              HasSubstr("see TRANSPORT-ENVELOPE"));
}

TEST(TransportChecks, HttpStatus500FailsEnvelope) {
  const auto results = judge(jsonrpc_plugin(JsonRpcVersion::v1, v1_result(testing::kExt4Query), 500));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("TRANSPORT-ENVELOPE"));
  EXPECT_THAT(testing::result_for(results, "TRANSPORT-ENVELOPE").message, HasSubstr("HTTP status 500"));
}

TEST(TransportChecks, TruncatedBodyFailsOneValueNotEnvelope) {
  const auto results = judge(jsonrpc_plugin(JsonRpcVersion::v1, R"({"result":{"plugin":)"));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("TRANSPORT-ONE-VALUE"));
}

// ---- XML-RPC, judged like its JSON-RPC twin ----

using testing::xmlrpc_call;
using testing::xmlrpc_plugin;
using testing::xmlrpc_success;

TEST(XmlRpcTransportChecks, GoodPluginPassesEnvelopeAndSkipsExecRequirements) {
  const auto results = judge(xmlrpc_plugin(xmlrpc_success(testing::kExt4Query)));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ::testing::IsEmpty());
  EXPECT_THAT(results, HasOutcome("TRANSPORT-ONE-VALUE", Outcome::pass));
  EXPECT_THAT(testing::result_for(results, "TRANSPORT-ONE-VALUE").message, HasSubstr("one XML document"));
  EXPECT_THAT(results, HasOutcome("TRANSPORT-ENVELOPE", Outcome::pass));
  EXPECT_THAT(results, HasOutcome("QUERY-ANSWERS", Outcome::pass));
  EXPECT_THAT(results, HasOutcome("EXEC-EXECUTABLE", Outcome::skip));
}

TEST(XmlRpcTransportChecks, UnimplementedFailureIsAWellFormedError) {
  auto observations = xmlrpc_plugin(xmlrpc_success(testing::kExt4Query));
  observations.calls[1] = xmlrpc_call(
      Method::ls, contract::encode_xmlrpc_failure(boost::json::array{"Unimplemented", "Plugin.ls"}));
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ::testing::IsEmpty());
  EXPECT_THAT(results, HasOutcome("ERROR-WELL-FORMED", Outcome::pass));
  EXPECT_THAT(results, HasOutcome("TRANSPORT-ENVELOPE", Outcome::pass));
}

TEST(XmlRpcTransportChecks, SuccessWithoutValueFailsEnvelope) {
  const auto results = judge(xmlrpc_plugin(
      "<methodResponse><params><param><value><struct><member><name>Status</name><value>Success"
      "</value></member></struct></value></param></params></methodResponse>"));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("TRANSPORT-ENVELOPE"));
  EXPECT_THAT(testing::result_for(results, "TRANSPORT-ENVELOPE").message,
              HasSubstr("\"Status\" is \"Success\" but there is no \"Value\""));
  EXPECT_THAT(testing::result_for(results, "QUERY-ANSWERS").message, HasSubstr("see TRANSPORT-ENVELOPE"));
}

TEST(XmlRpcTransportChecks, AFaultFailsEnvelopeButIsReadAsAnError) {
  auto observations = xmlrpc_plugin(xmlrpc_success(testing::kExt4Query));
  observations.calls[1] = xmlrpc_call(Method::ls, contract::encode_xmlrpc_fault(1, "boom"));
  const auto results = judge(observations);
  EXPECT_THAT(results, HasOutcome("TRANSPORT-ENVELOPE", Outcome::fail));
  EXPECT_THAT(testing::result_for(results, "TRANSPORT-ENVELOPE").message, HasSubstr("$.fault"));
  EXPECT_THAT(results, HasOutcome("ERROR-WELL-FORMED", Outcome::pass));
}

TEST(XmlRpcTransportChecks, FailureWithUnreadableErrorDescriptionFailsErrorShapeNotEnvelope) {
  auto observations = xmlrpc_plugin(xmlrpc_success(testing::kExt4Query));
  observations.calls[1] = xmlrpc_call(
      Method::ls, contract::encode_xmlrpc_failure(boost::json::array{}));
  const auto results = judge(observations);
  EXPECT_THAT(results, HasOutcome("ERROR-WELL-FORMED", Outcome::fail));
  EXPECT_THAT(results, HasOutcome("TRANSPORT-ENVELOPE", Outcome::pass));
}

TEST(XmlRpcTransportChecks, TruncatedBodyFailsOneValueNotEnvelope) {
  const std::string whole = xmlrpc_success(testing::kExt4Query);
  const auto results = judge(xmlrpc_plugin(whole.substr(0, whole.size() / 2)));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("TRANSPORT-ONE-VALUE"));
  EXPECT_THAT(testing::result_for(results, "TRANSPORT-ONE-VALUE").message, HasSubstr("bad XML at byte"));
}

TEST(XmlRpcTransportChecks, JsonRpcReplyToAnXmlRpcCallFailsOneValue) {
  const auto results = judge(xmlrpc_plugin(v1_result(testing::kExt4Query)));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("TRANSPORT-ONE-VALUE"));
}

TEST(XmlRpcTransportChecks, HttpStatus500FailsEnvelope) {
  const auto results = judge(xmlrpc_plugin(xmlrpc_success(testing::kExt4Query), 500));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("TRANSPORT-ENVELOPE"));
}

}  // namespace
}  // namespace smapi::suites
