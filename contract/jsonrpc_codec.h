#pragma once
// JSON-RPC v1 (as rpclib sends it) and v2 envelopes, both sides (rpclib src/lib/jsonrpc.ml).

#include "contract/json_text.h"
#include "contract/method.h"
#include "contract/reply.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace smapi::contract {

enum class JsonRpcVersion { v1, v2 };

std::string_view to_string(JsonRpcVersion version);

// ---- client side (the harness) ----

// v1: {"method":"Plugin.query","params":[{"dbg":"d"}],"id":2}
// v2: {"jsonrpc":"2.0","method":"Plugin.query","params":{"dbg":"d"},"id":2}
std::string encode_jsonrpc_request(JsonRpcVersion version, Method method,
                                   const boost::json::object& args, std::int64_t id);
// The same with the argument text spliced in verbatim where the argument
// object goes, so a probe can send arguments that are not valid JSON.
std::string encode_jsonrpc_request_text(JsonRpcVersion version, Method method,
                                        std::string_view args_text, std::int64_t id);
// The same for any method by its wire name ("SR.stat", "Volume.create"): the
// name is written as a JSON string (escaped when it needs to be).
std::string encode_jsonrpc_call(JsonRpcVersion version, std::string_view method_name,
                                const boost::json::object& args, std::int64_t id);
std::string encode_jsonrpc_call_text(JsonRpcVersion version, std::string_view method_name,
                                     std::string_view args_text, std::int64_t id);

// Decodes a response body the way rpclib's client reads one (jsonrpc.ml
// get_response). The reply's own "jsonrpc" member picks the rules, not the
// request's version: absent is v1, where "result" and "error" must both be
// present, exactly one non-null, and {"result": null, "error": null} is a
// success whose value is null; "2.0" is v2, where exactly one of them is
// present and an error is an object with an integer "code" and a string
// "message". Any other "jsonrpc" is a finding, and the reply is then read by
// the `requested` version. "id" must be an integer or a string; it is not
// compared with the request's. A v1 error names the error as rpclib's IDL
// client unmarshals it: "Code" or ["Code", "param", ...] (params strings);
// a v2 error object is named by its message (rpclib reads nothing from its
// "data"). Defects rpclib refuses but that leave the reply readable are
// envelope_findings; an error value that names no error is a malformed reply.
Reply decode_jsonrpc_response(JsonRpcVersion requested, std::string_view body,
                              const JsonLimits& limits = {});

// ---- server side (the mock) ----

struct JsonRpcRequest {
  JsonRpcVersion version = JsonRpcVersion::v1;
  std::string method;        // as sent
  boost::json::value args;   // the arguments object: params[0] (v1) or params (v2)
  boost::json::value id;     // echoed back unchanged
};

// A request that cannot be dispatched, answered with a JSON-RPC protocol error.
struct JsonRpcProtocolError {
  JsonRpcVersion version = JsonRpcVersion::v1;
  int code = 0;              // -32700 parse error, -32600 invalid request
  std::string message;
  boost::json::value id;     // null when the id could not be read
};

// Reads a request body. args is params[0] when params is a one-element array
// (v1, and accepted in v2), a v2 params object as it is; any other params
// value is passed on unchanged (null when absent) for the dispatcher to
// reject as a marshal error, as rpclib does. Errors: -32700 when the body is
// not one JSON value (answered in v2 form when the body mentions "jsonrpc",
// else v1), -32600 when it is not an object, has no string "method", or has
// a "jsonrpc" other than "2.0".
std::variant<JsonRpcRequest, JsonRpcProtocolError> decode_jsonrpc_request(
    std::string_view body, const JsonLimits& limits = {});

std::string encode_jsonrpc_result(JsonRpcVersion version, const boost::json::value& id,
                                  const boost::json::value& result);
// encode_jsonrpc_result in two parts, for a server that sends one result
// many times: the head (everything before the id) depends only on the
// version and the result, so it can be encoded once and kept;
// append_jsonrpc_id adds the id and the closing brace. head + tail is
// exactly encode_jsonrpc_result's text.
std::string encode_jsonrpc_result_head(JsonRpcVersion version, const boost::json::value& result);
void append_jsonrpc_id(std::string& out, const boost::json::value& id);
// The error member: v1 as given (rpclib's form: ["Unimplemented","Plugin.ls"]);
// v2 as an error object {"code": -32000, "message": "Unimplemented", "data":
// ["Unimplemented","Plugin.ls"]} when given in rpclib's form (rpclib's v2
// client refuses a bare error value), else as given.
std::string encode_jsonrpc_error(JsonRpcVersion version, const boost::json::value& id,
                                 const boost::json::value& error);
// A request the server cannot take: v2 as a {code, message} error object;
// v1 as rpclib's ["Internal_error", "MESSAGE (JSON-RPC CODE)"], the only
// error form rpclib's v1 client reads.
std::string encode_jsonrpc_protocol_error(const JsonRpcProtocolError& error);

}  // namespace smapi::contract
