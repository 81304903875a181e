#include "mock_plugin/handler.h"

#include "contract/json_text.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <string>

namespace smapi::mock {
namespace {

using contract::Method;

std::string query_json(PluginKind kind = PluginKind::volume) {
  return contract::to_compact_json(default_query_result(kind));
}

// The reply body a fresh engine over `config` gives for one request.
std::string reply_body(const MockConfig& config, std::string_view body) {
  Engine engine(config);
  return handle_jsonrpc(engine, body).body;
}

MockConfig config_with(Method m, Answer a) {
  MockConfig c = default_config();
  c.answer(m) = std::move(a);
  return c;
}

TEST(MockHandlerV1, Query) {
  EXPECT_EQ(reply_body(default_config(),
                           R"({"method":"Plugin.query","params":[{"dbg":"debug"}],"id":2})"),
            R"({"result":)" + query_json() + R"(,"error":null,"id":2})");
}

TEST(MockHandlerV1, LsAndDiagnostics) {
  EXPECT_EQ(reply_body(default_config(), R"({"method":"Plugin.ls","params":[{"dbg":"d"}],"id":3})"),
            R"({"result":[],"error":null,"id":3})");
  EXPECT_EQ(reply_body(default_config(),
                           R"({"method":"Plugin.diagnostics","params":[{"dbg":"d"}],"id":4})"),
            R"({"result":"smapi-mock: no diagnostic data to report","error":null,"id":4})");
}

TEST(MockHandlerV1, Unimplemented) {
  EXPECT_EQ(reply_body(config_with(Method::ls, Answer::make_unimplemented()),
                           R"({"method":"Plugin.ls","params":[{"dbg":"d"}],"id":3})"),
            R"({"result":null,"error":["Unimplemented","Plugin.ls"],"id":3})");
}

TEST(MockHandlerV1, BackendError) {
  MockConfig c = config_with(Method::diagnostics, Answer::make_error("SR_BACKEND_FAILURE", {"a", "b"}));
  EXPECT_EQ(reply_body(c, R"({"method":"Plugin.diagnostics","params":[{"dbg":"d"}],"id":1})"),
            R"({"result":null,"error":["SR_BACKEND_FAILURE","a","b"],"id":1})");
}

TEST(MockHandlerV1, UnknownMethodIncludingTheDocsSpelling) {
  EXPECT_EQ(reply_body(default_config(), R"({"method":"Plugin.Query","params":[{"dbg":"d"}],"id":1})"),
            R"({"result":null,"error":["Unknown_method","Plugin.Query"],"id":1})");
  EXPECT_EQ(reply_body(default_config(), R"({"method":"SR.ls","params":[{"dbg":"d"}],"id":1})"),
            R"({"result":null,"error":["Unknown_method","SR.ls"],"id":1})");
}

TEST(MockHandlerV1, MarshalErrors) {
  EXPECT_EQ(reply_body(default_config(), R"({"method":"Plugin.query","params":[{}],"id":1})"),
            R"({"result":null,"error":["Internal_error","Expecting named argument 'dbg'"],"id":1})");
  EXPECT_EQ(reply_body(default_config(), R"({"method":"Plugin.query","params":[{"dbg":5}],"id":1})"),
            R"({"result":null,"error":["Internal_error","Expected string, got 5"],"id":1})");
  EXPECT_EQ(reply_body(default_config(), R"({"method":"Plugin.query","params":["d"],"id":1})"),
            R"({"result":null,"error":["Internal_error","Expected a dictionary of named arguments, got \"d\""],"id":1})");
  EXPECT_EQ(reply_body(default_config(), R"({"method":"Plugin.query","id":1})"),
            R"({"result":null,"error":["Internal_error","Expected a dictionary of named arguments, got null"],"id":1})");
}

TEST(MockHandlerV1, ExtraArgumentKeysAreIgnored) {
  EXPECT_EQ(reply_body(default_config(),
                           R"({"method":"Plugin.ls","params":[{"dbg":"d","extra":1}],"id":7})"),
            R"({"result":[],"error":null,"id":7})");
}

TEST(MockHandlerV1, EchoesStringAndNumberIds) {
  EXPECT_EQ(reply_body(default_config(), R"({"method":"Plugin.ls","params":[{"dbg":"d"}],"id":"abc"})"),
            R"({"result":[],"error":null,"id":"abc"})");
  EXPECT_EQ(reply_body(default_config(), R"({"method":"Plugin.ls","params":[{"dbg":"d"}],"id":-12})"),
            R"({"result":[],"error":null,"id":-12})");
}

TEST(MockHandlerV2, Query) {
  EXPECT_EQ(reply_body(default_config(PluginKind::datapath),
                           R"({"jsonrpc":"2.0","method":"Plugin.query","params":{"dbg":"d"},"id":2})"),
            R"({"jsonrpc":"2.0","result":)" + query_json(PluginKind::datapath) + R"(,"id":2})");
}

TEST(MockHandlerV2, LsDiagnosticsUnimplementedError) {
  EXPECT_EQ(reply_body(default_config(), R"({"jsonrpc":"2.0","method":"Plugin.ls","params":{"dbg":"d"},"id":"i"})"),
            R"({"jsonrpc":"2.0","result":[],"id":"i"})");
  EXPECT_EQ(reply_body(default_config(),
                           R"({"jsonrpc":"2.0","method":"Plugin.diagnostics","params":{"dbg":"d"},"id":9})"),
            R"({"jsonrpc":"2.0","result":"smapi-mock: no diagnostic data to report","id":9})");
  EXPECT_EQ(reply_body(config_with(Method::query, Answer::make_unimplemented()),
                           R"({"jsonrpc":"2.0","method":"Plugin.query","params":{"dbg":"d"},"id":2})"),
            R"({"jsonrpc":"2.0","error":{"code":-32000,"message":"Unimplemented","data":["Unimplemented","Plugin.query"]},"id":2})");
  EXPECT_EQ(reply_body(config_with(Method::ls, Answer::make_error("SR_BACKEND_FAILURE", {"x"})),
                           R"({"jsonrpc":"2.0","method":"Plugin.ls","params":{"dbg":"d"},"id":2})"),
            R"({"jsonrpc":"2.0","error":{"code":-32000,"message":"SR_BACKEND_FAILURE","data":["SR_BACKEND_FAILURE","x"]},"id":2})");
}

TEST(MockHandlerV2, UnknownMethodAndMarshalErrors) {
  EXPECT_EQ(reply_body(default_config(), R"({"jsonrpc":"2.0","method":"Plugin.Query","params":{"dbg":"d"},"id":2})"),
            R"({"jsonrpc":"2.0","error":{"code":-32000,"message":"Unknown_method","data":["Unknown_method","Plugin.Query"]},"id":2})");
  EXPECT_EQ(reply_body(default_config(), R"({"jsonrpc":"2.0","method":"Plugin.ls","params":{},"id":2})"),
            R"({"jsonrpc":"2.0","error":{"code":-32000,"message":"Internal_error","data":["Internal_error","Expecting named argument 'dbg'"]},"id":2})");
  EXPECT_EQ(reply_body(default_config(), R"({"jsonrpc":"2.0","method":"Plugin.ls","params":{"dbg":null},"id":2})"),
            R"({"jsonrpc":"2.0","error":{"code":-32000,"message":"Internal_error","data":["Internal_error","Expected string, got null"]},"id":2})");
}

TEST(MockHandler, ParseErrorGetsAProtocolError) {
  std::string reply = reply_body(default_config(), R"({"method":)");
  auto parsed = contract::parse_one_json_value(reply);
  ASSERT_TRUE(parsed.value) << reply;
  const auto& obj = parsed.value->as_object();
  // v1: rpclib's form, the only error value rpclib's v1 client reads.
  EXPECT_EQ(obj.at("error").at(0), "Internal_error");
  EXPECT_THAT(std::string(obj.at("error").at(1).as_string()), ::testing::HasSubstr("(JSON-RPC -32700)"));
  EXPECT_TRUE(obj.at("id").is_null());
  EXPECT_TRUE(obj.at("result").is_null());
  const auto v2 = contract::parse_one_json_value(reply_body(default_config(), R"({"jsonrpc":"2.0","method":)"));
  ASSERT_TRUE(v2.value);
  EXPECT_EQ(v2.value->at("error").at("code"), -32700);
}

TEST(MockHandler, NonObjectRequestIsInvalid) {
  std::string reply = reply_body(default_config(), "[1]");
  auto parsed = contract::parse_one_json_value(reply);
  ASSERT_TRUE(parsed.value) << reply;
  EXPECT_THAT(std::string(parsed.value->at("error").at(1).as_string()), ::testing::HasSubstr("(JSON-RPC -32600)"));
}

TEST(MockHandler, ConfiguredResultIsSentAsGivenEvenWhenNonConformant) {
  MockConfig c = config_with(Method::ls, Answer::make_result(boost::json::value(42)));
  EXPECT_EQ(reply_body(c, R"({"method":"Plugin.ls","params":[{"dbg":"d"}],"id":1})"),
            R"({"result":42,"error":null,"id":1})");
}

// ---- faults (config v2 rules) ----

HandlerReply faulty_reply(std::string_view ls_rules, std::string_view body) {
  ConfigLoad load = parse_config(R"({"methods":{"Plugin.ls":[)" + std::string(ls_rules) + "]}}");
  EXPECT_TRUE(load.config.has_value()) << load.error;
  Engine engine(load.config.value_or(MockConfig{}));
  return handle_jsonrpc(engine, body);
}

constexpr std::string_view kLsV1 = R"({"method":"Plugin.ls","params":[{"dbg":"d"}],"id":7})";
constexpr std::string_view kLsV2 = R"({"jsonrpc":"2.0","method":"Plugin.ls","params":{"dbg":"d"},"id":"a"})";

TEST(MockHandlerFaults, WrongIdAndBothMembers) {
  EXPECT_EQ(faulty_reply(R"({"body":"wrong_id"})", kLsV1).body, R"({"result":[],"error":null,"id":8})");
  EXPECT_EQ(faulty_reply(R"({"body":"wrong_id"})", kLsV2).body, R"({"jsonrpc":"2.0","result":[],"id":"a-wrong"})");
  EXPECT_EQ(faulty_reply(R"({"body":"both_members"})", kLsV1).body,
            R"({"result":[],"error":["Internal_error","smapi-mock: both members"],"id":7})");
  EXPECT_EQ(faulty_reply(R"({"body":"both_members","unimplemented":true})", kLsV2).body,
            R"({"jsonrpc":"2.0","result":"smapi-mock: both members","error":["Unimplemented","Plugin.ls"],"id":"a"})");
}

TEST(MockHandlerFaults, ByteManglingAndFieldEdits) {
  EXPECT_EQ(faulty_reply(R"({"body":"empty"})", kLsV1).body, "");
  EXPECT_EQ(faulty_reply(R"({"body":"trailing_garbage"})", kLsV1).body,
            R"({"result":[],"error":null,"id":7})" "\n" R"({"smapi-mock":"trailing value"})");
  EXPECT_EQ(faulty_reply(R"({"body":"truncated"})", kLsV1).body, R"({"result":[],"er)");  // 34 -> 17 bytes
  EXPECT_EQ(faulty_reply(R"({"result":{"a":"x","b":[]},"retype_field":"a","remove_field":"b"})", kLsV1).body,
            R"({"result":{"a":5},"error":null,"id":7})");
  EXPECT_EQ(faulty_reply(R"({"result":{"a":"x"},"rename_field":{"from":"a","to":"A"}})", kLsV1).body,
            R"({"result":{"A":"x"},"error":null,"id":7})");
}

TEST(MockHandlerFaults, ErrorValueReplacesTheErrorMember) {
  EXPECT_EQ(faulty_reply(R"({"unimplemented":true,"error_value":[5]})", kLsV1).body,
            R"({"result":null,"error":[5],"id":7})");
  // A result is not an error: left alone.
  EXPECT_EQ(faulty_reply(R"({"error_value":[5]})", kLsV1).body, R"({"result":[],"error":null,"id":7})");
}

TEST(MockHandlerFaults, ServerFaultsAreHandedOnWithTheRequest) {
  HandlerReply reply = faulty_reply(R"({"delay_ms":30,"http_status":503,"reset":true})", kLsV1);
  EXPECT_EQ(reply.body, R"({"result":[],"error":null,"id":7})");
  EXPECT_EQ(reply.fault.delay, std::chrono::milliseconds(30));
  EXPECT_EQ(reply.fault.http_status, 503);
  EXPECT_EQ(reply.fault.connection, Fault::Connection::reset);
  EXPECT_EQ(reply.method, "Plugin.ls");
  EXPECT_EQ(reply.args, boost::json::parse(R"({"dbg":"d"})"));
}

TEST(MockHandlerFaults, UnreadableRequestsGetNoFaultAndNoMethod) {
  HandlerReply reply = faulty_reply(R"({"hang":true})", "[1]");
  EXPECT_EQ(reply.fault, Fault{});
  EXPECT_EQ(reply.method, "");
  EXPECT_TRUE(reply.args.is_null());
}

TEST(MockHandlerFaults, SequencesAdvancePerCallOnOneEngine) {
  ConfigLoad load = parse_config(R"({"methods":{"Plugin.ls":[{"sequence":[{"unimplemented":true},{}]}]}})");
  ASSERT_TRUE(load.config) << load.error;
  Engine engine(*load.config);
  EXPECT_EQ(handle_jsonrpc(engine, kLsV1).body, R"({"result":null,"error":["Unimplemented","Plugin.ls"],"id":7})");
  EXPECT_EQ(handle_jsonrpc(engine, kLsV1).body, R"({"result":[],"error":null,"id":7})");
}

// One engine answers many calls: the reply up to the id is encoded once
// per config and version (Engine::memo); every reply is still exact.
TEST(MockHandler, RepeatedCallsOnOneEngineGetExactReplies) {
  Engine engine(default_config());
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(handle_jsonrpc(engine, R"({"method":"Plugin.query","params":[{"dbg":"d"}],"id":7})").body,
              R"({"result":)" + query_json() + R"(,"error":null,"id":7})");
    EXPECT_EQ(handle_jsonrpc(engine, R"({"jsonrpc":"2.0","method":"Plugin.query","params":{"dbg":"d"},"id":"x"})").body,
              R"({"jsonrpc":"2.0","result":)" + query_json() + R"(,"id":"x"})");
    EXPECT_EQ(handle_jsonrpc(engine, R"({"method":"Plugin.query","params":[{"dbg":"d"}],"id":-9223372036854775808})").body,
              R"({"result":)" + query_json() + R"(,"error":null,"id":-9223372036854775808})");
    EXPECT_EQ(handle_jsonrpc(engine, R"({"method":"Plugin.query","params":[{"dbg":"d"}],"id":18446744073709551615})").body,
              R"({"result":)" + query_json() + R"(,"error":null,"id":18446744073709551615})");
    EXPECT_EQ(handle_jsonrpc(engine, R"({"method":"Plugin.query","params":[{"dbg":"d"}]})").body,
              R"({"result":)" + query_json() + R"(,"error":null,"id":null})");
  }
  // A new config is encoded afresh.
  engine.replace(config_with(Method::query, Answer::make_result(boost::json::array{"new"})));
  EXPECT_EQ(handle_jsonrpc(engine, R"({"method":"Plugin.query","params":[{"dbg":"d"}],"id":1})").body,
            R"({"result":["new"],"error":null,"id":1})");
}

TEST(MockHandler, TheReplyCarriesTheRequestMethodAndArguments) {
  Engine engine(default_config());
  HandlerReply reply = handle_jsonrpc(engine, R"({"method":"Plugin.query","params":[{"dbg":"d","x":1}],"id":7})");
  EXPECT_EQ(reply.method, "Plugin.query");
  EXPECT_EQ(reply.args, boost::json::parse(R"({"dbg":"d","x":1})"));
  reply = handle_jsonrpc(engine, R"({"method":"Plugin.nope","params":[{"dbg":"d"}],"id":7})");
  EXPECT_EQ(reply.method, "Plugin.nope");
  EXPECT_EQ(reply.args, boost::json::parse(R"({"dbg":"d"})"));
}

}  // namespace
}  // namespace smapi::mock
