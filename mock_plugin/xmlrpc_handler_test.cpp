#include "mock_plugin/xmlrpc_handler.h"

#include "contract/xmlrpc_codec.h"
#include "mock_plugin/handler.h"
#include "mock_plugin/mutation.h"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace smapi::mock {
namespace {

namespace json = boost::json;
using contract::Method;
using ::testing::HasSubstr;

// An rpclib-style request (strings bare) for `method` with this param value.
std::string request(std::string_view method, std::string_view param_value) {
  return "<?xml version=\"1.0\"?><methodCall><methodName>" + std::string(method) +
         "</methodName><params><param>" + std::string(param_value) + "</param></params></methodCall>";
}

std::string rpclib_request(std::string_view method, std::string_view dbg = "debug") {
  return request(method, "<value><struct><member><name>dbg</name><value>" + std::string(dbg) +
                             "</value></member></struct></value>");
}

HandlerReply reply_to(const MockConfig& config, std::string_view body) {
  Engine engine(config);
  return handle_xmlrpc(engine, body);
}

MockConfig config_with(Method m, Answer a) {
  MockConfig c = default_config();
  c.answer(m) = std::move(a);
  return c;
}

TEST(MockXmlRpcHandler, QueryAnswersSuccessWithTheQueryResult) {
  const HandlerReply reply = reply_to(default_config(), rpclib_request("Plugin.query"));
  EXPECT_EQ(reply.body, contract::encode_xmlrpc_success(default_query_result(PluginKind::volume)));
  EXPECT_EQ(reply.method, "Plugin.query");
  EXPECT_EQ(reply.args, json::parse(R"({"dbg":"debug"})"));
  EXPECT_EQ(reply.fault, Fault{});
}

TEST(MockXmlRpcHandler, PythonStyleRequestWithStringTagsIsTheSameCall) {
  const std::string python =
      "<?xml version='1.0'?>\n<methodCall>\n<methodName>Plugin.ls</methodName>\n<params>\n<param>\n"
      "<value><struct>\n<member>\n<name>dbg</name>\n<value><string>debug</string></value>\n"
      "</member>\n</struct></value>\n</param>\n</params>\n</methodCall>\n";
  EXPECT_EQ(reply_to(default_config(), python).body, contract::encode_xmlrpc_success(json::array{}));
}

TEST(MockXmlRpcHandler, DiagnosticsIsATaggedString) {
  EXPECT_THAT(reply_to(default_config(), rpclib_request("Plugin.diagnostics")).body,
              HasSubstr("<name>Value</name><value><string>smapi-mock: no diagnostic data to report"
                        "</string></value>"));
}

TEST(MockXmlRpcHandler, UnimplementedIsAFailureNamingTheMethod) {
  EXPECT_EQ(reply_to(config_with(Method::ls, Answer::make_unimplemented()), rpclib_request("Plugin.ls")).body,
            contract::encode_xmlrpc_failure(json::array{"Unimplemented", "Plugin.ls"}));
}

TEST(MockXmlRpcHandler, ConfiguredErrorIsCodeThenParams) {
  MockConfig c = config_with(Method::diagnostics, Answer::make_error("SR_BACKEND_FAILURE", {"a", "b"}));
  EXPECT_EQ(reply_to(c, rpclib_request("Plugin.diagnostics")).body,
            contract::encode_xmlrpc_failure(json::array{"SR_BACKEND_FAILURE", "a", "b"}));
}

TEST(MockXmlRpcHandler, UnknownMethodIncludingTheDocsSpelling) {
  const HandlerReply reply = reply_to(default_config(), rpclib_request("Plugin.Query"));
  EXPECT_EQ(reply.body, contract::encode_xmlrpc_failure(json::array{"Unknown_method", "Plugin.Query"}));
  EXPECT_EQ(reply.method, "Plugin.Query");
}

TEST(MockXmlRpcHandler, MarshalErrorsAsRpclibWordsThem) {
  const auto failure = [](std::string_view detail) {
    return contract::encode_xmlrpc_failure(json::array{"Internal_error", json::string(detail)});
  };
  EXPECT_EQ(reply_to(default_config(), request("Plugin.query", "<value><struct></struct></value>")).body,
            failure("Expecting named argument 'dbg'"));
  EXPECT_EQ(reply_to(default_config(),
                     request("Plugin.query", "<value><struct><member><name>dbg</name><value><int>5</int>"
                                             "</value></member></struct></value>"))
                .body,
            failure("Expected string, got 5"));
  EXPECT_EQ(reply_to(default_config(), request("Plugin.query", "<value>d</value>")).body,
            failure("Expected a dictionary of named arguments, got \"d\""));
  EXPECT_EQ(reply_to(default_config(), "<methodCall><methodName>Plugin.query</methodName></methodCall>").body,
            failure("Expected a dictionary of named arguments, got null"));
}

TEST(MockXmlRpcHandler, ExtraArgumentMembersAreIgnored) {
  EXPECT_EQ(reply_to(default_config(),
                     request("Plugin.ls", "<value><struct><member><name>dbg</name><value>d</value></member>"
                                          "<member><name>extra</name><value><int>1</int></value></member>"
                                          "</struct></value>"))
                .body,
            contract::encode_xmlrpc_success(json::array{}));
}

TEST(MockXmlRpcHandler, UnreadableRequestsGetFaults) {
  const HandlerReply garbage = reply_to(default_config(), "{\"method\":\"Plugin.ls\"}");
  EXPECT_THAT(garbage.body, HasSubstr("<int>-32700</int>"));
  EXPECT_EQ(garbage.method, "");
  EXPECT_TRUE(garbage.args.is_null());
  EXPECT_THAT(reply_to(default_config(), "<methodResponse/>").body, HasSubstr("<int>-32600</int>"));
  EXPECT_THAT(reply_to(default_config(), request("Plugin.ls", "<value><base64>ZA==</base64></value>")).body,
              HasSubstr("<int>-32602</int>"));
}

TEST(MockXmlRpcHandler, EveryReplyDecodesAsTheHarnessReadsIt) {
  const contract::Reply query =
      contract::decode_xmlrpc_response(reply_to(default_config(), rpclib_request("Plugin.query")).body);
  ASSERT_EQ(query.kind, contract::Reply::Kind::result) << query.problem;
  EXPECT_EQ(query.result, default_query_result(PluginKind::volume));
  EXPECT_TRUE(query.envelope_findings.empty());
  const contract::Reply ls = contract::decode_xmlrpc_response(
      reply_to(config_with(Method::ls, Answer::make_unimplemented()), rpclib_request("Plugin.ls")).body);
  ASSERT_EQ(ls.kind, contract::Reply::Kind::error) << ls.problem;
  EXPECT_EQ(contract::unimplemented_method(ls.error, contract::ErrorForm::rpclib), "Plugin.ls");
}

// ---- faults (config v2 rules), as the JSON-RPC handler applies them ----

HandlerReply faulty_reply(std::string_view ls_rules) {
  ConfigLoad load = parse_config(R"({"methods":{"Plugin.ls":[)" + std::string(ls_rules) + "]}}");
  EXPECT_TRUE(load.config.has_value()) << load.error;
  Engine engine(load.config.value_or(MockConfig{}));
  return handle_xmlrpc(engine, rpclib_request("Plugin.ls"));
}

TEST(MockXmlRpcHandlerFaults, BothMembersPutValueAndErrorDescriptionInOneStruct) {
  const contract::Reply success = contract::decode_xmlrpc_response(faulty_reply(R"({"body":"both_members"})").body);
  EXPECT_EQ(success.problem, "both \"Value\" and \"ErrorDescription\" are present");
  const std::string failure = faulty_reply(R"({"body":"both_members","unimplemented":true})").body;
  EXPECT_THAT(failure, HasSubstr("<name>Status</name><value><string>Failure</string></value>"));
  EXPECT_THAT(failure, HasSubstr("<value><string>Unimplemented</string></value><value><string>Plugin.ls"));
  EXPECT_EQ(contract::decode_xmlrpc_response(failure).kind, contract::Reply::Kind::malformed);
}

TEST(MockXmlRpcHandlerFaults, WrongIdHasNoXmlRpcFormAndLeavesTheReplyIntact) {
  EXPECT_EQ(faulty_reply(R"({"body":"wrong_id"})").body, contract::encode_xmlrpc_success(json::array{}));
}

TEST(MockXmlRpcHandlerFaults, ByteManglingIsShared) {
  const std::string intact = contract::encode_xmlrpc_success(json::array{});
  EXPECT_EQ(faulty_reply(R"({"body":"empty"})").body, "");
  EXPECT_EQ(faulty_reply(R"({"body":"garbage"})").body, kGarbageBody);
  EXPECT_EQ(faulty_reply(R"({"body":"truncated"})").body, intact.substr(0, intact.size() / 2));
  EXPECT_EQ(faulty_reply(R"({"body":"trailing_garbage"})").body, intact + std::string(kTrailingGarbage));
  EXPECT_THAT(contract::xml_document_problem(faulty_reply(R"({"body":"trailing_garbage"})").body),
              HasSubstr("text outside the root element"));
}

TEST(MockXmlRpcHandlerFaults, FieldEditsApplyToTheResultStruct) {
  EXPECT_EQ(faulty_reply(R"({"result":{"a":"x","b":[]},"retype_field":"a","remove_field":"b"})").body,
            contract::encode_xmlrpc_success(json::parse(R"({"a":5})")));
  EXPECT_EQ(faulty_reply(R"({"result":{"a":"x"},"rename_field":{"from":"a","to":"A"}})").body,
            contract::encode_xmlrpc_success(json::parse(R"({"A":"x"})")));
}

TEST(MockXmlRpcHandlerFaults, ServerFaultsAreHandedOnWithTheRequest) {
  const HandlerReply reply = faulty_reply(R"({"delay_ms":30,"http_status":503,"close":true})");
  EXPECT_EQ(reply.body, contract::encode_xmlrpc_success(json::array{}));
  EXPECT_EQ(reply.fault.delay, std::chrono::milliseconds(30));
  EXPECT_EQ(reply.fault.http_status, 503);
  EXPECT_EQ(reply.fault.connection, Fault::Connection::close);
  EXPECT_EQ(reply.method, "Plugin.ls");
}

TEST(MockXmlRpcHandlerFaults, UnreadableRequestsGetNoFault) {
  ConfigLoad load = parse_config(R"({"methods":{"Plugin.ls":[{"hang":true}]}})");
  ASSERT_TRUE(load.config) << load.error;
  Engine engine(*load.config);
  const HandlerReply reply = handle_xmlrpc(engine, "<methodCall/>");
  EXPECT_EQ(reply.fault, Fault{});
  EXPECT_EQ(reply.method, "");
}

}  // namespace
}  // namespace smapi::mock
