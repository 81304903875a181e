#include "contract/jsonrpc_codec.h"

#include "contract/testing/matchers.h"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace smapi::contract {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

using Params = std::vector<std::string>;
constexpr auto v1 = JsonRpcVersion::v1;
constexpr auto v2 = JsonRpcVersion::v2;

json::object dbg(std::string_view value) {
  json::object args;
  args["dbg"] = value;
  return args;
}

TEST(JsonRpcVersionTest, HasAName) {
  EXPECT_EQ(to_string(v1), "v1");
  EXPECT_EQ(to_string(v2), "v2");
}

// ---- client: requests ----

TEST(EncodeJsonRpcRequestTest, V1IsRpclibsShape) {
  EXPECT_EQ(encode_jsonrpc_request(v1, Method::query, dbg("debug"), 2),
            R"({"method":"Plugin.query","params":[{"dbg":"debug"}],"id":2})");
}

TEST(EncodeJsonRpcRequestTest, V2HasNamedParams) {
  EXPECT_EQ(encode_jsonrpc_request(v2, Method::ls, dbg("d"), 7),
            R"({"jsonrpc":"2.0","method":"Plugin.ls","params":{"dbg":"d"},"id":7})");
}

// ---- client: v1 responses ----

TEST(DecodeJsonRpcResponseTest, V1Success) {
  Reply r = decode_jsonrpc_response(v1, R"({"result":["sr1"],"error":null,"id":2})", 2);
  ASSERT_THAT(r, IsResultReply());
  EXPECT_EQ(r.result, json::array{"sr1"});
  EXPECT_THAT(r.envelope_findings, IsEmpty());
}

TEST(DecodeJsonRpcResponseTest, V1RpclibError) {
  Reply r = decode_jsonrpc_response(v1, R"({"result":null,"error":["Unimplemented","Plugin.ls"],"id":3})", 3);
  ASSERT_THAT(r, IsErrorReply("Unimplemented", Params{"Plugin.ls"}));
  EXPECT_THAT(r.envelope_findings, IsEmpty());
  EXPECT_EQ(unimplemented_method(r.error, ErrorForm::rpclib), "Plugin.ls");
  EXPECT_EQ(r.error.raw, (json::array{"Unimplemented", "Plugin.ls"}));
}

TEST(DecodeJsonRpcResponseTest, V1MissingErrorKeyIsAnEnvelopeFinding) {
  Reply r = decode_jsonrpc_response(v1, R"({"result":"diag","id":1})", 1);
  ASSERT_THAT(r, IsResultReply());
  ASSERT_THAT(r.envelope_findings, SizeIs(1));
  EXPECT_THAT(r, HasFinding(FindingKind::missing_key, "$.error"));
}

TEST(DecodeJsonRpcResponseTest, V1MissingResultKeyIsAnEnvelopeFinding) {
  Reply r = decode_jsonrpc_response(v1, R"({"error":["Unimplemented","Plugin.ls"],"id":1})", 1);
  ASSERT_THAT(r, IsErrorReply("Unimplemented", Params{"Plugin.ls"}));
  EXPECT_THAT(r, HasFinding(FindingKind::missing_key, "$.result"));
}

TEST(DecodeJsonRpcResponseTest, V1BothNonNullIsMalformed) {
  EXPECT_THAT(decode_jsonrpc_response(v1, R"({"result":"x","error":["E"],"id":1})", 1),
              IsMalformedReply(HasSubstr("both")));
}

TEST(DecodeJsonRpcResponseTest, V1BothNullIsMalformed) {
  EXPECT_THAT(decode_jsonrpc_response(v1, R"({"result":null,"error":null,"id":1})", 1),
              IsMalformedReply(HasSubstr("neither")));
  EXPECT_THAT(decode_jsonrpc_response(v1, R"({"id":1})", 1), IsMalformedReply(HasSubstr("neither")));
}

// ---- client: v2 responses ----

TEST(DecodeJsonRpcResponseTest, V2Success) {
  Reply r = decode_jsonrpc_response(v2, R"({"jsonrpc":"2.0","result":"No diagnostic data to report","id":4})", 4);
  ASSERT_THAT(r, IsResultReply());
  EXPECT_EQ(r.result, "No diagnostic data to report");
  EXPECT_THAT(r.envelope_findings, IsEmpty());
}

TEST(DecodeJsonRpcResponseTest, V2RpclibError) {
  Reply r = decode_jsonrpc_response(v2, R"({"jsonrpc":"2.0","error":["Unimplemented","Plugin.ls"],"id":5})", 5);
  EXPECT_THAT(r, IsErrorReply("Unimplemented", Params{"Plugin.ls"}));
  EXPECT_THAT(r.envelope_findings, IsEmpty());
}

TEST(DecodeJsonRpcResponseTest, V2ErrorObjectWithDataUsesTheData) {
  Reply r = decode_jsonrpc_response(
      v2, R"({"jsonrpc":"2.0","error":{"code":-32000,"message":"Unimplemented","data":["Unimplemented","Plugin.ls"]},"id":5})", 5);
  EXPECT_THAT(r, IsErrorReply("Unimplemented", Params{"Plugin.ls"}));
  EXPECT_THAT(r.envelope_findings, IsEmpty());
  EXPECT_TRUE(r.error.raw.is_object());
}

TEST(DecodeJsonRpcResponseTest, V2ErrorObjectWithoutDataUsesTheMessage) {
  Reply r = decode_jsonrpc_response(
      v2, R"({"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":5})", 5);
  EXPECT_THAT(r, IsErrorReply("Method not found", Params{}));
  EXPECT_THAT(r.envelope_findings, IsEmpty());
}

TEST(DecodeJsonRpcResponseTest, V2ErrorObjectWithBadCodeIsAnEnvelopeFinding) {
  Reply r = decode_jsonrpc_response(
      v2, R"({"jsonrpc":"2.0","error":{"code":"oops","message":"Method not found"},"id":5})", 5);
  EXPECT_THAT(r, IsErrorReply("Method not found", Params{}));
  EXPECT_THAT(r, HasFinding(FindingKind::wrong_type, "$.error.code"));
}

TEST(DecodeJsonRpcResponseTest, BareStringErrorIsTheCode) {
  Reply r = decode_jsonrpc_response(v2, R"({"jsonrpc":"2.0","error":"Internal_error","id":5})", 5);
  EXPECT_THAT(r, IsErrorReply("Internal_error", Params{}));
}

TEST(DecodeJsonRpcResponseTest, NonStringErrorParamsAreEnvelopeFindings) {
  Reply r = decode_jsonrpc_response(v1, R"({"result":null,"error":["Unimplemented",5,"Plugin.ls"],"id":1})", 1);
  EXPECT_THAT(r, IsErrorReply("Unimplemented", Params{"Plugin.ls"}));
  ASSERT_THAT(r.envelope_findings, SizeIs(1));
  EXPECT_THAT(r, HasFinding(FindingKind::wrong_type, "$.error[1]"));
}

TEST(DecodeJsonRpcResponseTest, UnreadableErrorValueIsMalformed) {
  EXPECT_THAT(decode_jsonrpc_response(v1, R"({"result":null,"error":[5,"x"],"id":1})", 1),
              IsMalformedReply(HasSubstr("the error value is not")));
  EXPECT_THAT(decode_jsonrpc_response(v1, R"({"result":null,"error":[],"id":1})", 1),
              IsMalformedReply(HasSubstr("the error value is not")));
  EXPECT_THAT(decode_jsonrpc_response(v2, R"({"jsonrpc":"2.0","error":{"code":1},"id":1})", 1),
              IsMalformedReply(HasSubstr("the error value is not")));
  EXPECT_THAT(decode_jsonrpc_response(v2, R"({"jsonrpc":"2.0","error":42,"id":1})", 1),
              IsMalformedReply(HasSubstr("got 42")));
}

TEST(DecodeJsonRpcResponseTest, V2WithoutJsonrpcTagIsAnEnvelopeFinding) {
  Reply r = decode_jsonrpc_response(v2, R"({"result":[],"id":1})", 1);
  ASSERT_THAT(r, IsResultReply());
  ASSERT_THAT(r.envelope_findings, SizeIs(1));
  EXPECT_THAT(r, HasFinding(FindingKind::missing_key, "$.jsonrpc"));
}

TEST(DecodeJsonRpcResponseTest, V2WithWrongJsonrpcTagIsAnEnvelopeFinding) {
  EXPECT_THAT(decode_jsonrpc_response(v2, R"({"jsonrpc":"1.0","result":[],"id":1})", 1),
              HasFinding(FindingKind::bad_value, "$.jsonrpc"));
  EXPECT_THAT(decode_jsonrpc_response(v2, R"({"jsonrpc":2.0,"result":[],"id":1})", 1),
              HasFinding(FindingKind::wrong_type, "$.jsonrpc"));
}

TEST(DecodeJsonRpcResponseTest, V2WithBothResultAndErrorIsMalformed) {
  // The v1 shape, read as v2.
  EXPECT_THAT(decode_jsonrpc_response(v2, R"({"jsonrpc":"2.0","result":[],"error":null,"id":1})", 1),
              IsMalformedReply(HasSubstr("both")));
}

TEST(DecodeJsonRpcResponseTest, V2WithNeitherIsMalformed) {
  EXPECT_THAT(decode_jsonrpc_response(v2, R"({"jsonrpc":"2.0","id":1})", 1),
              IsMalformedReply(HasSubstr("neither")));
}

// ---- client: ids ----

TEST(DecodeJsonRpcResponseTest, IdMustEchoTheRequest) {
  Reply r = decode_jsonrpc_response(v1, R"({"result":[],"error":null,"id":3})", 2);
  ASSERT_THAT(r, IsResultReply());
  ASSERT_THAT(r.envelope_findings, SizeIs(1));
  EXPECT_THAT(r.envelope_findings[0], IsFinding(FindingKind::bad_value, "$.id", "2", "3"));
}

TEST(DecodeJsonRpcResponseTest, IdOfAnotherTypeIsAFinding) {
  EXPECT_THAT(decode_jsonrpc_response(v1, R"({"result":[],"error":null,"id":"2"})", 2),
              HasFinding(FindingKind::wrong_type, "$.id"));
  EXPECT_THAT(decode_jsonrpc_response(v2, R"({"jsonrpc":"2.0","result":[],"id":null})", 2),
              HasFinding(FindingKind::wrong_type, "$.id"));
}

TEST(DecodeJsonRpcResponseTest, MissingIdIsAFinding) {
  EXPECT_THAT(decode_jsonrpc_response(v1, R"({"result":[],"error":null})", 2),
              HasFinding(FindingKind::missing_key, "$.id"));
}

TEST(DecodeJsonRpcResponseTest, IdMayBeWrittenAsADouble) {
  EXPECT_THAT(decode_jsonrpc_response(v1, R"({"result":[],"error":null,"id":2.0})", 2).envelope_findings,
              IsEmpty());
  EXPECT_THAT(decode_jsonrpc_response(v1, R"({"result":[],"error":null,"id":2.5})", 2),
              HasFinding(FindingKind::bad_value, "$.id"));
}

// ---- client: broken bodies ----

TEST(DecodeJsonRpcResponseTest, BrokenBodiesAreMalformed) {
  EXPECT_THAT(decode_jsonrpc_response(v1, "", 1), IsMalformedReply(HasSubstr("empty output")));
  EXPECT_THAT(decode_jsonrpc_response(v1, "<html>502</html>", 1),
              IsMalformedReply(StartsWith("bad json in the response body: invalid JSON at byte 0")));
  EXPECT_THAT(decode_jsonrpc_response(v1, R"({"result":[],"error":null,"id":1}{})", 1),
              IsMalformedReply(HasSubstr("more than one JSON value")));
  EXPECT_THAT(decode_jsonrpc_response(v1, R"([{"result":[],"error":null,"id":1}])", 1),
              IsMalformedReply(StartsWith("the response is not a JSON object, got array")));
  EXPECT_THAT(decode_jsonrpc_response(v1, R"({"result":1,"error":null,"id":1} // done)" "\n{}", 1),
              IsMalformedReply(HasSubstr("more than one JSON value")));
  EXPECT_THAT(decode_jsonrpc_response(v1, R"({"result":18446744073709551616,"error":null,"id":1})", 1),
              IsMalformedReply(HasSubstr("outside the signed 64-bit range")));
}

// rpclib's client reads the body as xapi reads an exec answer (Yojson):
// what it reads beyond RFC 8259 is noted, not refused.
TEST(DecodeJsonRpcResponseTest, ReadsWhatXapisReaderReadsAndNotesIt) {
  const auto reply = decode_jsonrpc_response(v1, R"({"result":1e400,"error":null,"id":1} /* end */)", 1);
  ASSERT_EQ(reply.kind, Reply::Kind::result);
  EXPECT_THAT(reply.non_standard_json, ElementsAre(HasSubstr("beyond a double"), HasSubstr("comment")));
}

// ---- server: requests ----

JsonRpcRequest request_of(std::string_view body) {
  auto decoded = decode_jsonrpc_request(body);
  if (auto* e = std::get_if<JsonRpcProtocolError>(&decoded)) {
    ADD_FAILURE() << "protocol error " << e->code << ": " << e->message;
    return {};
  }
  return std::get<JsonRpcRequest>(decoded);
}

JsonRpcProtocolError protocol_error_of(std::string_view body) {
  auto decoded = decode_jsonrpc_request(body);
  if (!std::holds_alternative<JsonRpcProtocolError>(decoded)) {
    ADD_FAILURE() << "expected a protocol error for " << body;
    return {};
  }
  return std::get<JsonRpcProtocolError>(decoded);
}

TEST(DecodeJsonRpcRequestTest, V1TakesTheFirstParam) {
  JsonRpcRequest r = request_of(R"({"method":"Plugin.query","params":[{"dbg":"debug"}],"id":2})");
  EXPECT_EQ(r.version, v1);
  EXPECT_EQ(r.method, "Plugin.query");
  EXPECT_EQ(r.args, json::value(dbg("debug")));
  EXPECT_EQ(r.id, json::value(2));
}

TEST(DecodeJsonRpcRequestTest, V2TakesNamedParams) {
  JsonRpcRequest r = request_of(R"({"jsonrpc":"2.0","method":"Plugin.ls","params":{"dbg":"d"},"id":"abc"})");
  EXPECT_EQ(r.version, v2);
  EXPECT_EQ(r.method, "Plugin.ls");
  EXPECT_EQ(r.args, json::value(dbg("d")));
  EXPECT_EQ(r.id, json::value("abc"));
}

TEST(DecodeJsonRpcRequestTest, V2AlsoTakesAOneElementArray) {
  JsonRpcRequest r = request_of(R"({"jsonrpc":"2.0","method":"Plugin.ls","params":[{"dbg":"d"}],"id":1})");
  EXPECT_EQ(r.args, json::value(dbg("d")));
}

TEST(DecodeJsonRpcRequestTest, MethodIsKeptAsSent) {
  EXPECT_EQ(request_of(R"({"method":"Plugin.Query","params":[{"dbg":"d"}],"id":1})").method, "Plugin.Query");
}

TEST(DecodeJsonRpcRequestTest, OddParamsArePassedOnForTheDispatcherToReject) {
  EXPECT_EQ(request_of(R"({"method":"Plugin.ls","params":[{}],"id":1})").args, json::value(json::object()));
  EXPECT_EQ(request_of(R"({"method":"Plugin.ls","params":[{"dbg":5}],"id":1})").args.at("dbg"), 5);
  EXPECT_EQ(request_of(R"({"method":"Plugin.ls","params":[],"id":1})").args, json::value(json::array()));
  EXPECT_EQ(request_of(R"({"method":"Plugin.ls","params":[{"dbg":"a"},{"dbg":"b"}],"id":1})").args.as_array().size(),
            2u);
  EXPECT_EQ(request_of(R"({"method":"Plugin.ls","params":"debug","id":1})").args, json::value("debug"));
  EXPECT_TRUE(request_of(R"({"method":"Plugin.ls","id":1})").args.is_null());
}

TEST(DecodeJsonRpcRequestTest, MissingIdIsNull) {
  EXPECT_TRUE(request_of(R"({"method":"Plugin.ls","params":[{"dbg":"d"}]})").id.is_null());
}

TEST(DecodeJsonRpcRequestTest, ParseErrorIsMinus32700) {
  JsonRpcProtocolError e = protocol_error_of(R"({"method":"Plugin.ls",)");
  EXPECT_EQ(e.code, -32700);
  EXPECT_EQ(e.message, "Parse error: invalid JSON at byte 22: incomplete JSON");
  EXPECT_EQ(e.version, v1);
  EXPECT_TRUE(e.id.is_null());
}

TEST(DecodeJsonRpcRequestTest, ParseErrorOfAV2BodyIsAnsweredInV2) {
  JsonRpcProtocolError e = protocol_error_of(R"({"jsonrpc":"2.0","method":)");
  EXPECT_EQ(e.code, -32700);
  EXPECT_EQ(e.version, v2);
}

TEST(DecodeJsonRpcRequestTest, DeepOrHugeBodiesAreParseErrors) {
  JsonRpcProtocolError e = protocol_error_of(std::string(100, '[') + std::string(100, ']'));
  EXPECT_EQ(e.code, -32700);
  EXPECT_THAT(e.message, HasSubstr("nesting deeper than 64 levels"));
  EXPECT_EQ(protocol_error_of("").message, "Parse error: empty output");
}

TEST(DecodeJsonRpcRequestTest, NonObjectIsAnInvalidRequest) {
  JsonRpcProtocolError e = protocol_error_of(R"([{"method":"Plugin.ls"}])");
  EXPECT_EQ(e.code, -32600);
  EXPECT_THAT(e.message, HasSubstr("got array"));
}

TEST(DecodeJsonRpcRequestTest, MissingOrNonStringMethodIsAnInvalidRequest) {
  JsonRpcProtocolError e = protocol_error_of(R"({"params":[{"dbg":"d"}],"id":9})");
  EXPECT_EQ(e.code, -32600);
  EXPECT_THAT(e.message, HasSubstr("no \"method\""));
  EXPECT_EQ(e.id, json::value(9));
  JsonRpcProtocolError f = protocol_error_of(R"({"jsonrpc":"2.0","method":5,"id":9})");
  EXPECT_EQ(f.code, -32600);
  EXPECT_EQ(f.version, v2);
  EXPECT_THAT(f.message, HasSubstr("\"method\" is not a string, got 5"));
}

TEST(DecodeJsonRpcRequestTest, WrongJsonrpcTagIsAnInvalidRequest) {
  JsonRpcProtocolError e = protocol_error_of(R"({"jsonrpc":"1.0","method":"Plugin.ls","id":1})");
  EXPECT_EQ(e.code, -32600);
  EXPECT_EQ(e.version, v2);
  EXPECT_THAT(e.message, HasSubstr("\"jsonrpc\" must be \"2.0\""));
}

// ---- server: responses ----

TEST(EncodeJsonRpcResultTest, V1AndV2Shapes) {
  EXPECT_EQ(encode_jsonrpc_result(v1, 2, json::array{"sr1"}), R"({"result":["sr1"],"error":null,"id":2})");
  EXPECT_EQ(encode_jsonrpc_result(v2, 2, "diag"), R"({"jsonrpc":"2.0","result":"diag","id":2})");
}

TEST(EncodeJsonRpcErrorTest, V1AndV2Shapes) {
  const json::value err = jsonrpc_unimplemented_error(Method::ls);
  EXPECT_EQ(encode_jsonrpc_error(v1, 3, err), R"({"result":null,"error":["Unimplemented","Plugin.ls"],"id":3})");
  EXPECT_EQ(encode_jsonrpc_error(v2, "x", err), R"({"jsonrpc":"2.0","error":["Unimplemented","Plugin.ls"],"id":"x"})");
}

TEST(EncodeJsonRpcProtocolErrorTest, V1AndV2Shapes) {
  EXPECT_EQ(encode_jsonrpc_protocol_error({v2, -32700, "Parse error: empty output", nullptr}),
            R"({"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error: empty output"},"id":null})");
  EXPECT_EQ(encode_jsonrpc_protocol_error({v1, -32600, "Invalid Request", 4}),
            R"({"result":null,"error":{"code":-32600,"message":"Invalid Request"},"id":4})");
}

// ---- both sides together ----

TEST(JsonRpcRoundTripTest, ServerAnswersAreReadByTheClient) {
  for (JsonRpcVersion version : {v1, v2}) {
    auto request = decode_jsonrpc_request(encode_jsonrpc_request(version, Method::ls, dbg("d"), 11));
    ASSERT_TRUE(std::holds_alternative<JsonRpcRequest>(request));
    const JsonRpcRequest& req = std::get<JsonRpcRequest>(request);
    EXPECT_EQ(req.version, version);
    EXPECT_EQ(method_from_name(req.method), Method::ls);

    Reply ok = decode_jsonrpc_response(version, encode_jsonrpc_result(version, req.id, json::array{"sr1"}), 11);
    EXPECT_THAT(ok, IsResultReply());
    EXPECT_THAT(ok.envelope_findings, IsEmpty()) << to_string(version);

    Reply err = decode_jsonrpc_response(
        version, encode_jsonrpc_error(version, req.id, jsonrpc_unimplemented_error(Method::ls)), 11);
    EXPECT_THAT(err, IsErrorReply("Unimplemented", Params{"Plugin.ls"}));
    EXPECT_THAT(err.envelope_findings, IsEmpty()) << to_string(version);

    Reply proto = decode_jsonrpc_response(
        version, encode_jsonrpc_protocol_error({version, -32600, "Invalid Request", req.id}), 11);
    EXPECT_THAT(proto, IsErrorReply("Invalid Request", Params{}));
  }
}

}  // namespace
}  // namespace smapi::contract
