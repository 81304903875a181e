#include "contract/jsonrpc_codec.h"

#include "contract/testing/builders.h"
#include "contract/testing/matchers.h"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
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

using testing::dbg_args;

TEST(JsonRpcVersionTest, HasAName) {
  EXPECT_EQ(to_string(v1), "v1");
  EXPECT_EQ(to_string(v2), "v2");
}

// ---- client: requests ----

TEST(EncodeJsonRpcRequestTest, V1IsRpclibsShape) {
  EXPECT_EQ(encode_jsonrpc_request(v1, Method::query, dbg_args("debug"), 2),
            R"({"method":"Plugin.query","params":[{"dbg":"debug"}],"id":2})");
}

TEST(EncodeJsonRpcRequestTest, V2HasNamedParams) {
  EXPECT_EQ(encode_jsonrpc_request(v2, Method::ls, dbg_args("d"), 7),
            R"({"jsonrpc":"2.0","method":"Plugin.ls","params":{"dbg":"d"},"id":7})");
}

TEST(EncodeJsonRpcCallTest, AnyMethodByItsWireName) {
  boost::json::object args = dbg_args("d");
  args["sr"] = "sr1";
  EXPECT_EQ(encode_jsonrpc_call(v1, "SR.stat", args, 3),
            R"({"method":"SR.stat","params":[{"dbg":"d","sr":"sr1"}],"id":3})");
  EXPECT_EQ(encode_jsonrpc_call(v2, "Volume.create", dbg_args("d"), 4),
            R"({"jsonrpc":"2.0","method":"Volume.create","params":{"dbg":"d"},"id":4})");
  EXPECT_EQ(encode_jsonrpc_call(v1, "A\"B", dbg_args("d"), 1), R"({"method":"A\"B","params":[{"dbg":"d"}],"id":1})");
}

// ---- client: responses, as rpclib's client reads them (jsonrpc.ml get_response) ----

// Every test of this section decodes for both requested versions: the
// reply's own "jsonrpc" member picks the rules.
Reply decode(std::string_view body, JsonRpcVersion requested = v1) {
  return decode_jsonrpc_response(requested, body);
}

// ---- v1: no "jsonrpc" member ----

TEST(DecodeJsonRpcResponseTest, V1Success) {
  for (JsonRpcVersion requested : {v1, v2}) {
    Reply r = decode(R"({"result":["sr1"],"error":null,"id":2})", requested);
    ASSERT_THAT(r, IsResultReply());
    EXPECT_EQ(r.result, json::array{"sr1"});
    EXPECT_THAT(r.envelope_findings, IsEmpty());
  }
}

TEST(DecodeJsonRpcResponseTest, V1RpclibError) {
  for (JsonRpcVersion requested : {v1, v2}) {
    Reply r = decode(R"({"result":null,"error":["Unimplemented","Plugin.ls"],"id":3})", requested);
    ASSERT_THAT(r, IsErrorReply("Unimplemented", Params{"Plugin.ls"}));
    EXPECT_THAT(r.envelope_findings, IsEmpty());
    EXPECT_EQ(unimplemented_method(r.error, ErrorForm::rpclib), "Plugin.ls");
    EXPECT_EQ(r.error.raw, (json::array{"Unimplemented", "Plugin.ls"}));
  }
}

TEST(DecodeJsonRpcResponseTest, V1BothNullIsASuccessWithValueNull) {
  // rpclib matches (result, error) with (v, Null) first: success v.
  Reply r = decode(R"({"result":null,"error":null,"id":1})");
  ASSERT_THAT(r, IsResultReply());
  EXPECT_TRUE(r.result.is_null());
  EXPECT_THAT(r.envelope_findings, IsEmpty());
}

TEST(DecodeJsonRpcResponseTest, V1ErrorValueIsReadWhateverTheResultKeyOrder) {
  EXPECT_THAT(decode(R"({"id":1,"error":"Internal_error","result":null})"), IsErrorReply("Internal_error", Params{}));
}

TEST(DecodeJsonRpcResponseTest, V1MissingErrorKeyIsAnEnvelopeFinding) {
  // rpclib's `get "error"` raises Missing_field: refused, but the result is readable.
  Reply r = decode(R"({"result":"diag","id":1})");
  ASSERT_THAT(r, IsResultReply());
  ASSERT_THAT(r.envelope_findings, SizeIs(1));
  EXPECT_THAT(r.envelope_findings[0], IsFinding(FindingKind::missing_key, "$.error", "error or null", "absent"));
}

TEST(DecodeJsonRpcResponseTest, V1MissingResultKeyIsAnEnvelopeFinding) {
  Reply r = decode(R"({"error":["Unimplemented","Plugin.ls"],"id":1})");
  ASSERT_THAT(r, IsErrorReply("Unimplemented", Params{"Plugin.ls"}));
  ASSERT_THAT(r.envelope_findings, SizeIs(1));
  EXPECT_THAT(r, HasFinding(FindingKind::missing_key, "$.result"));
}

TEST(DecodeJsonRpcResponseTest, V1BothNonNullIsMalformed) {
  EXPECT_THAT(decode(R"({"result":"x","error":["E"],"id":1})"), IsMalformedReply(HasSubstr("both")));
}

TEST(DecodeJsonRpcResponseTest, V1NeitherKeyIsMalformed) {
  Reply r = decode(R"({"id":1})");
  EXPECT_THAT(r, IsMalformedReply(HasSubstr("neither")));
  EXPECT_THAT(r, HasFinding(FindingKind::missing_key, "$.result"));
  EXPECT_THAT(r, HasFinding(FindingKind::missing_key, "$.error"));
}

TEST(DecodeJsonRpcResponseTest, V2RequestAnsweredInV1FormIsReadAsV1) {
  // A reply without "jsonrpc" is a v1 reply to rpclib, whatever it was asked.
  Reply r = decode(R"({"result":[],"id":1})", v2);
  ASSERT_THAT(r, IsResultReply());
  ASSERT_THAT(r.envelope_findings, SizeIs(1));
  EXPECT_THAT(r.envelope_findings[0],
              IsFinding(FindingKind::missing_key, "$.error",
                        "error or null (a reply without \"jsonrpc\" is read as v1)", "absent"));
}

TEST(DecodeJsonRpcResponseTest, V1StringErrorIsTheCode) {
  EXPECT_THAT(decode(R"({"result":null,"error":"Internal_error","id":5})"), IsErrorReply("Internal_error", Params{}));
}

TEST(DecodeJsonRpcResponseTest, V1ErrorValueRpclibCannotReadIsMalformed) {
  // rpclib's IDL client unmarshals the error value as a variant: a string
  // or an array led by the code. Anything else names no error.
  for (std::string_view error : {R"([5,"x"])", "[]", "42", "true", R"({"code":-32600,"message":"Invalid Request"})"}) {
    Reply r = decode(R"({"result":null,"error":)" + std::string(error) + R"(,"id":1})");
    EXPECT_THAT(r, IsMalformedReply(HasSubstr("the error value is not [\"Code\", params...] or a string, got " +
                                              std::string(error.substr(0, 10)))))
        << error;
    EXPECT_THAT(r.envelope_findings, IsEmpty()) << error;
  }
}

TEST(DecodeJsonRpcResponseTest, V1NonStringErrorParamIsMalformed) {
  Reply r = decode(R"({"result":null,"error":["Unimplemented",5,"Plugin.ls"],"id":1})");
  EXPECT_THAT(r, IsMalformedReply(HasSubstr("params must be strings, got 5 at $.error[1]")));
  EXPECT_THAT(r.envelope_findings, IsEmpty());
}

// ---- v2: "jsonrpc": "2.0" ----

TEST(DecodeJsonRpcResponseTest, V2Success) {
  for (JsonRpcVersion requested : {v1, v2}) {
    Reply r = decode(R"({"jsonrpc":"2.0","result":"No diagnostic data to report","id":4})", requested);
    ASSERT_THAT(r, IsResultReply());
    EXPECT_EQ(r.result, "No diagnostic data to report");
    EXPECT_THAT(r.envelope_findings, IsEmpty());
  }
}

TEST(DecodeJsonRpcResponseTest, V2NullResultIsASuccess) {
  Reply r = decode(R"({"jsonrpc":"2.0","result":null,"id":4})", v2);
  ASSERT_THAT(r, IsResultReply());
  EXPECT_TRUE(r.result.is_null());
}

TEST(DecodeJsonRpcResponseTest, V2BareErrorValueIsMalformed) {
  // rpclib: Malformed_method_response "Error object". Its own v2 server
  // writes the bare value, which its client cannot read.
  for (std::string_view error : {R"(["Unimplemented","Plugin.ls"])", R"("Internal_error")", "42", "null"}) {
    Reply r = decode(R"({"jsonrpc":"2.0","error":)" + std::string(error) + R"(,"id":5})", v2);
    EXPECT_THAT(r, IsMalformedReply(HasSubstr("not a JSON-RPC 2.0 error object"))) << error;
    EXPECT_THAT(r.envelope_findings, IsEmpty()) << error;
  }
}

TEST(DecodeJsonRpcResponseTest, V2ErrorObjectIsNamedByItsMessageWithParamsFromData) {
  // rpclib's client reads no typed error from a v2 reply; the harness takes
  // the parameters from "data" when it holds rpclib's form for the same code.
  Reply r = decode(
      R"({"jsonrpc":"2.0","error":{"code":-32000,"message":"Unimplemented","data":["Unimplemented","Plugin.ls"]},"id":5})",
      v2);
  EXPECT_THAT(r, IsErrorReply("Unimplemented", Params{"Plugin.ls"}));
  EXPECT_EQ(unimplemented_method(r.error, ErrorForm::rpclib), "Plugin.ls");
  EXPECT_THAT(r.envelope_findings, IsEmpty());
  EXPECT_TRUE(r.error.raw.is_object());
  // Data naming another error, or of another shape, adds nothing.
  EXPECT_THAT(decode(R"({"jsonrpc":"2.0","error":{"code":1,"message":"Unimplemented","data":["Other","x"]},"id":5})", v2),
              IsErrorReply("Unimplemented", Params{}));
  EXPECT_THAT(decode(R"({"jsonrpc":"2.0","error":{"code":1,"message":"Unimplemented","data":{"m":"x"}},"id":5})", v2),
              IsErrorReply("Unimplemented", Params{}));
}

TEST(DecodeJsonRpcResponseTest, V2ErrorObjectWithoutDataUsesTheMessage) {
  Reply r = decode(R"({"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":5})", v2);
  EXPECT_THAT(r, IsErrorReply("Method not found", Params{}));
  EXPECT_THAT(r.envelope_findings, IsEmpty());
}

TEST(DecodeJsonRpcResponseTest, V2ErrorCodeMustBeAnInteger) {
  // rpclib: "Error code" for anything but an Int (Yojson reads -32000.0 as a float).
  for (std::string_view code : {R"("oops")", "-32000.0", "null"}) {
    Reply r = decode(R"({"jsonrpc":"2.0","error":{"code":)" + std::string(code) +
                         R"(,"message":"Method not found"},"id":5})",
                     v2);
    EXPECT_THAT(r, IsErrorReply("Method not found", Params{})) << code;
    ASSERT_THAT(r.envelope_findings, SizeIs(1)) << code;
    EXPECT_THAT(r, HasFinding(FindingKind::wrong_type, "$.error.code")) << code;
  }
  EXPECT_THAT(decode(R"({"jsonrpc":"2.0","error":{"message":"m"},"id":5})", v2),
              HasFinding(FindingKind::missing_key, "$.error.code"));
}

TEST(DecodeJsonRpcResponseTest, V2ErrorObjectWithoutAStringMessageIsMalformed) {
  Reply r = decode(R"({"jsonrpc":"2.0","error":{"code":1},"id":1})", v2);
  EXPECT_THAT(r, IsMalformedReply(HasSubstr("no string \"message\"")));
  EXPECT_THAT(r, HasFinding(FindingKind::missing_key, "$.error.message"));
  EXPECT_THAT(decode(R"({"jsonrpc":"2.0","error":{"code":1,"message":["m"]},"id":1})", v2),
              HasFinding(FindingKind::wrong_type, "$.error.message"));
}

TEST(DecodeJsonRpcResponseTest, V2WithBothResultAndErrorIsMalformed) {
  // The v1 shape with a "jsonrpc" tag: rpclib reads "error": null as present.
  EXPECT_THAT(decode(R"({"jsonrpc":"2.0","result":[],"error":null,"id":1})", v2),
              IsMalformedReply(HasSubstr("both")));
}

TEST(DecodeJsonRpcResponseTest, V2WithNeitherIsMalformed) {
  EXPECT_THAT(decode(R"({"jsonrpc":"2.0","id":1})", v2), IsMalformedReply(HasSubstr("neither")));
}

// ---- any other "jsonrpc" ----

TEST(DecodeJsonRpcResponseTest, OtherJsonrpcValuesAreEnvelopeFindings) {
  // rpclib refuses them ("jsonrpc"); the harness reads the rest by the
  // version it asked for.
  Reply r = decode(R"({"jsonrpc":"1.0","result":[],"id":1})", v2);
  ASSERT_THAT(r, IsResultReply());
  ASSERT_THAT(r.envelope_findings, SizeIs(1));
  EXPECT_THAT(r.envelope_findings[0],
              IsFinding(FindingKind::bad_value, "$.jsonrpc", "\"2.0\", or no \"jsonrpc\" (v1)", "\"1.0\""));
  EXPECT_THAT(decode(R"({"jsonrpc":2.0,"result":[],"id":1})", v2), HasFinding(FindingKind::wrong_type, "$.jsonrpc"));
  EXPECT_THAT(decode(R"({"jsonrpc":null,"result":[],"error":null,"id":1})", v1),
              HasFinding(FindingKind::wrong_type, "$.jsonrpc"));
  EXPECT_THAT(decode(R"({"jsonrpc":"2.0 ","result":[],"error":null,"id":1})", v1),
              HasFinding(FindingKind::bad_value, "$.jsonrpc"));
}

// ---- ids: an integer or a string, never compared with the request's ----

TEST(DecodeJsonRpcResponseTest, AnyIntegerOrStringIdIsAccepted) {
  for (std::string_view id : {"3", "-7", "0", R"("2")", R"("")", "9223372036854775807"}) {
    Reply r = decode(R"({"result":[],"error":null,"id":)" + std::string(id) + "}");
    EXPECT_THAT(r, IsResultReply()) << id;
    EXPECT_THAT(r.envelope_findings, IsEmpty()) << id;
    Reply r2 = decode(R"({"jsonrpc":"2.0","result":[],"id":)" + std::string(id) + "}", v2);
    EXPECT_THAT(r2.envelope_findings, IsEmpty()) << id;
  }
}

TEST(DecodeJsonRpcResponseTest, IdOfAnotherTypeIsAFinding) {
  // rpclib: Malformed_method_response "id". 2.0 is a float to Yojson, and
  // an integer past int64 is no Int64.
  for (std::string_view id : {"null", "2.0", "2.5", "[1]", R"({"n":1})", "true"}) {
    Reply r = decode(R"({"result":[],"error":null,"id":)" + std::string(id) + "}");
    EXPECT_THAT(r, IsResultReply()) << id;
    ASSERT_THAT(r.envelope_findings, SizeIs(1)) << id;
    EXPECT_THAT(r, HasFinding(FindingKind::wrong_type, "$.id")) << id;
    EXPECT_EQ(r.envelope_findings[0].expected, "an integer or a string");
  }
  EXPECT_THAT(decode(R"({"jsonrpc":"2.0","result":[],"id":null})", v2), HasFinding(FindingKind::wrong_type, "$.id"));
  // Past int64 the whole body is bad JSON to rpclib (json_to_rpc).
  EXPECT_THAT(decode(R"({"result":[],"error":null,"id":18446744073709551615})"),
              IsMalformedReply(HasSubstr("outside the signed 64-bit range")));
}

TEST(DecodeJsonRpcResponseTest, MissingIdIsAFinding) {
  EXPECT_THAT(decode(R"({"result":[],"error":null})"), HasFinding(FindingKind::missing_key, "$.id"));
  EXPECT_THAT(decode(R"({"jsonrpc":"2.0","error":{"code":1,"message":"m"}})", v2),
              HasFinding(FindingKind::missing_key, "$.id"));
}

// ---- client: broken bodies ----

TEST(DecodeJsonRpcResponseTest, BrokenBodiesAreMalformed) {
  EXPECT_THAT(decode(""), IsMalformedReply(HasSubstr("empty output")));
  EXPECT_THAT(decode("<html>502</html>"),
              IsMalformedReply(StartsWith("bad json in the response body: invalid JSON at byte 0")));
  EXPECT_THAT(decode(R"({"result":[],"error":null,"id":1}{})"), IsMalformedReply(HasSubstr("more than one JSON value")));
  EXPECT_THAT(decode(R"([{"result":[],"error":null,"id":1}])"),
              IsMalformedReply(StartsWith("the response is not a JSON object, got array")));
  EXPECT_THAT(decode(R"({"result":1,"error":null,"id":1} // done)" "\n{}"),
              IsMalformedReply(HasSubstr("more than one JSON value")));
  EXPECT_THAT(decode(R"({"result":18446744073709551616,"error":null,"id":1})"),
              IsMalformedReply(HasSubstr("outside the signed 64-bit range")));
}

// rpclib's client reads the body as xapi reads an exec answer (Yojson):
// what it reads beyond RFC 8259 is noted, not refused.
TEST(DecodeJsonRpcResponseTest, ReadsWhatXapisReaderReadsAndNotesIt) {
  const auto reply = decode(R"({"result":1e400,"error":null,"id":1} /* end */)");
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
  EXPECT_EQ(r.args, json::value(dbg_args("debug")));
  EXPECT_EQ(r.id, json::value(2));
}

TEST(DecodeJsonRpcRequestTest, V2TakesNamedParams) {
  JsonRpcRequest r = request_of(R"({"jsonrpc":"2.0","method":"Plugin.ls","params":{"dbg":"d"},"id":"abc"})");
  EXPECT_EQ(r.version, v2);
  EXPECT_EQ(r.method, "Plugin.ls");
  EXPECT_EQ(r.args, json::value(dbg_args("d")));
  EXPECT_EQ(r.id, json::value("abc"));
}

TEST(DecodeJsonRpcRequestTest, V2AlsoTakesAOneElementArray) {
  JsonRpcRequest r = request_of(R"({"jsonrpc":"2.0","method":"Plugin.ls","params":[{"dbg":"d"}],"id":1})");
  EXPECT_EQ(r.args, json::value(dbg_args("d")));
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
  EXPECT_EQ(encode_jsonrpc_error(v2, "x", err),
            R"({"jsonrpc":"2.0","error":{"code":-32000,"message":"Unimplemented","data":["Unimplemented","Plugin.ls"]},"id":"x"})");
  EXPECT_EQ(encode_jsonrpc_error(v2, "x", json::array{5}), R"({"jsonrpc":"2.0","error":[5],"id":"x"})");
}

TEST(EncodeJsonRpcProtocolErrorTest, V1AndV2Shapes) {
  EXPECT_EQ(encode_jsonrpc_protocol_error({v2, -32700, "Parse error: empty output", nullptr}),
            R"({"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error: empty output"},"id":null})");
  EXPECT_EQ(encode_jsonrpc_protocol_error({v1, -32600, "Invalid Request", 4}),
            R"j({"result":null,"error":["Internal_error","Invalid Request (JSON-RPC -32600)"],"id":4})j");
}

// ---- both sides together ----

TEST(JsonRpcRoundTripTest, ServerAnswersAreReadByTheClient) {
  for (JsonRpcVersion version : {v1, v2}) {
    auto request = decode_jsonrpc_request(encode_jsonrpc_request(version, Method::ls, dbg_args("d"), 11));
    ASSERT_TRUE(std::holds_alternative<JsonRpcRequest>(request));
    const JsonRpcRequest& req = std::get<JsonRpcRequest>(request);
    EXPECT_EQ(req.version, version);
    EXPECT_EQ(method_from_name(req.method), Method::ls);

    Reply ok = decode_jsonrpc_response(version, encode_jsonrpc_result(version, req.id, json::array{"sr1"}));
    EXPECT_THAT(ok, IsResultReply());
    EXPECT_THAT(ok.envelope_findings, IsEmpty()) << to_string(version);
  }
}

// The mock writes a v1 error as rpclib's server does (the bare value) and a
// v2 error as an error object with that value in its data, since rpclib's
// v2 client refuses the bare value; a protocol error is a {code, message}
// object in v2 and rpclib's ["Internal_error", ...] in v1. rpclib's client
// reads only the v1 bare value and the v2 object.
TEST(JsonRpcRoundTripTest, ServerErrorsAreReadAsRpclibsClientReadsThem) {
  const json::value unimplemented = jsonrpc_unimplemented_error(Method::ls);
  EXPECT_THAT(decode_jsonrpc_response(v1, encode_jsonrpc_error(v1, 11, unimplemented)),
              IsErrorReply("Unimplemented", Params{"Plugin.ls"}));
  EXPECT_THAT(decode_jsonrpc_response(v2, encode_jsonrpc_error(v2, 11, unimplemented)),
              IsErrorReply("Unimplemented", Params{"Plugin.ls"}));

  EXPECT_THAT(decode_jsonrpc_response(v1, encode_jsonrpc_protocol_error({v1, -32600, "Invalid Request", 11})),
              IsErrorReply("Internal_error", Params{"Invalid Request (JSON-RPC -32600)"}));
  EXPECT_THAT(decode_jsonrpc_response(v2, encode_jsonrpc_protocol_error({v2, -32600, "Invalid Request", 11})),
              IsErrorReply("Invalid Request", Params{}));
}

}  // namespace
}  // namespace smapi::contract
