#include "contract/jsonrpc_codec.h"

#include "contract/detail/json_path.h"

#include <boost/json/array.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>

namespace smapi::contract {

namespace json = boost::json;

namespace {

constexpr std::string_view kVersion2 = "2.0";
constexpr int kParseError = -32700;
// JSON-RPC 2.0's "implementation-defined server error" code, for a plugin's error.
constexpr int kServerError = -32000;
constexpr int kInvalidRequest = -32600;

void add(std::vector<Finding>& findings, FindingKind kind, std::string path,
         std::string expected, std::string actual) {
  findings.push_back(Finding{kind, std::move(path), std::move(expected), std::move(actual)});
}

constexpr std::string_view kIdTypes = "an integer or a string";

// rpclib's client (jsonrpc.ml get_response) refuses a reply whose id is
// absent or neither an integer nor a string. It does not compare the id
// with the request's.
void check_id(const json::object& envelope, std::vector<Finding>& findings) {
  const json::value* id = envelope.if_contains("id");
  if (id == nullptr) {
    add(findings, FindingKind::missing_key, "$.id", std::string(kIdTypes), "absent");
  } else if (!id->is_int64() && !id->is_string()) {
    // Yojson reads 2.0 as a float, and an integer past int64 is no Int64.
    add(findings, FindingKind::wrong_type, "$.id", std::string(kIdTypes), json_excerpt(*id));
  }
}

// A v1 error value the way rpclib's IDL client unmarshals an error variant
// (rpcmarshal.ml, case Variant): a string "Code", or an array whose first
// element is the code; the harness reads the rest as string params
// (["Unimplemented", "Plugin.ls"]). nullopt, with the reason, otherwise.
std::optional<PluginError> read_v1_error(const json::value& value, const DecodeBudget& budget, std::string& why) {
  if (const json::string* s = value.if_string()) return PluginError{std::string(*s), {}, value};
  const json::array* arr = value.if_array();
  if (arr == nullptr || arr->empty() || !(*arr)[0].is_string()) {
    why = "the error value is not [\"Code\", params...] or a string, got " + json_excerpt(value);
    return std::nullopt;
  }
  charge_params(budget, *arr, 1);
  PluginError error{std::string((*arr)[0].get_string()), {}, value};
  for (std::size_t i = 1; i < arr->size(); ++i) {
    const json::string* param = (*arr)[i].if_string();
    if (param == nullptr) {
      why = "the error value's params must be strings, got " + json_excerpt((*arr)[i]) + " at " +
            detail::index_path("$.error", i);
      return std::nullopt;
    }
    error.params.emplace_back(*param);
  }
  return error;
}

// v1 (no "jsonrpc" member): rpclib reads "result" and "error" (each must be
// present; null is none) and takes the error when the result is null and
// the error is not; {"result": null, "error": null} is a success whose value
// is null. `note` ends each missing-key finding's expectation when a v2
// request got a reply without "jsonrpc".
Reply decode_v1(const json::object& envelope, std::vector<Finding> findings, std::string_view note,
                const DecodeBudget& budget) {
  const json::value* result = envelope.if_contains("result");
  const json::value* error = envelope.if_contains("error");
  if (result == nullptr)
    add(findings, FindingKind::missing_key, "$.result", "result or null" + std::string(note), "absent");
  if (error == nullptr)
    add(findings, FindingKind::missing_key, "$.error", "error or null" + std::string(note), "absent");
  if (result == nullptr && error == nullptr)
    return malformed_reply("neither \"result\" nor \"error\" is present", std::move(findings));
  const bool has_error = error != nullptr && !error->is_null();
  if (!has_error) return result_reply(result != nullptr ? *result : json::value(nullptr), std::move(findings));
  if (result != nullptr && !result->is_null())
    return malformed_reply("both \"result\" and \"error\" are non-null", std::move(findings));
  std::string why;
  std::optional<PluginError> plugin_error = read_v1_error(*error, budget, why);
  if (!plugin_error) return malformed_reply(std::move(why), std::move(findings));
  return error_reply(std::move(*plugin_error), std::move(findings));
}

// "jsonrpc": "2.0": exactly one of "result" and "error" is present; an error
// is an object with an integer "code" and a string "message". rpclib's
// client hands the whole object to the IDL's error unmarshaller, which
// reads no typed error from it: no v2 reply carries one rpclib can read.
// The harness names the error by its message, and takes its parameters from
// "data" when that holds rpclib's ["Code", params...] for the same code
// (JSON-RPC 2.0 puts the details of an error there): the form smapi-mock
// writes, so that an Unimplemented stays one over v2.
Reply decode_v2(const json::object& envelope, std::vector<Finding> findings, const DecodeBudget& budget) {
  const json::value* result = envelope.if_contains("result");
  const json::value* error = envelope.if_contains("error");
  if (result != nullptr && error != nullptr)
    return malformed_reply("both \"result\" and \"error\" are present", std::move(findings));
  if (result == nullptr && error == nullptr)
    return malformed_reply("neither \"result\" nor \"error\" is present", std::move(findings));
  if (result != nullptr) return result_reply(*result, std::move(findings));

  const json::object* object = error->if_object();
  if (object == nullptr) {
    // rpclib: Malformed_method_response "Error object" (its own v2 server
    // writes the bare value, which its client cannot read).
    return malformed_reply("the error is not a JSON-RPC 2.0 error object {\"code\": integer, "
                           "\"message\": string}, got " + json_excerpt(*error),
                           std::move(findings));
  }
  const json::value* code = object->if_contains("code");
  if (code == nullptr) {
    add(findings, FindingKind::missing_key, "$.error.code", "integer", "absent");
  } else if (!code->is_int64()) {
    add(findings, FindingKind::wrong_type, "$.error.code", "integer", json_excerpt(*code));
  }
  const json::value* message = object->if_contains("message");
  if (message == nullptr || !message->is_string()) {
    add(findings, message == nullptr ? FindingKind::missing_key : FindingKind::wrong_type, "$.error.message",
        "string", message == nullptr ? "absent" : json_excerpt(*message));
    return malformed_reply("the error object has no string \"message\" to name it", std::move(findings));
  }
  PluginError named{std::string(message->get_string()), {}, *error};
  if (const json::value* data = object->if_contains("data"); data != nullptr && data->is_array()) {
    std::string why;
    if (auto detailed = read_v1_error(*data, budget, why); detailed && detailed->code == named.code)
      named.params = std::move(detailed->params);
  }
  return error_reply(std::move(named), std::move(findings));
}

// rpclib decides the rules by the reply's own "jsonrpc" member, whatever
// version the request was: absent is v1, "2.0" is v2, anything else is
// refused (a finding; the reply is then read by the request's version).
Reply decode_envelope(JsonRpcVersion requested, const json::object& envelope, const DecodeBudget& budget) {
  std::vector<Finding> findings;
  check_id(envelope, findings);
  JsonRpcVersion rules = JsonRpcVersion::v1;
  std::string_view note;
  if (const json::value* tag = envelope.if_contains("jsonrpc"); tag == nullptr) {
    if (requested == JsonRpcVersion::v2) note = " (a reply without \"jsonrpc\" is read as v1)";
  } else {
    if (const json::string* s = tag->if_string(); s != nullptr && *s == kVersion2) {
      rules = JsonRpcVersion::v2;
    } else {
      add(findings, tag->is_string() ? FindingKind::bad_value : FindingKind::wrong_type, "$.jsonrpc",
          "\"2.0\", or no \"jsonrpc\" (v1)", json_excerpt(*tag));
      rules = requested;
    }
  }
  return rules == JsonRpcVersion::v2 ? decode_v2(envelope, std::move(findings), budget)
                                     : decode_v1(envelope, std::move(findings), note, budget);
}

JsonRpcProtocolError protocol_error(JsonRpcVersion version, int code, std::string message,
                                    json::value id = nullptr) {
  return JsonRpcProtocolError{version, code, std::move(message), std::move(id)};
}

}  // namespace

std::string_view to_string(JsonRpcVersion version) {
  switch (version) {
    case JsonRpcVersion::v1: return "v1";
    case JsonRpcVersion::v2: return "v2";
  }
  return "unknown";
}

std::string encode_jsonrpc_request(JsonRpcVersion version, Method method,
                                   const json::object& args, std::int64_t id) {
  return encode_jsonrpc_request_text(version, method, to_compact_json(args), id);
}

std::string encode_jsonrpc_request_text(JsonRpcVersion version, Method method,
                                        std::string_view args_text, std::int64_t id) {
  return encode_jsonrpc_call_text(version, wire_name(method), args_text, id);
}

std::string encode_jsonrpc_call(JsonRpcVersion version, std::string_view method_name,
                                const json::object& args, std::int64_t id) {
  return encode_jsonrpc_call_text(version, method_name, to_compact_json(args), id);
}

std::string encode_jsonrpc_call_text(JsonRpcVersion version, std::string_view method_name,
                                     std::string_view args_text, std::int64_t id) {
  // Member order as rpclib writes it.
  std::string request = version == JsonRpcVersion::v2 ? R"({"jsonrpc":"2.0",)" : "{";
  request += R"("method":)";
  request += json::serialize(json::string_view(method_name.data(), method_name.size()));
  request += version == JsonRpcVersion::v2 ? R"(,"params":)" : R"(,"params":[)";
  request += args_text;
  request += version == JsonRpcVersion::v2 ? R"(,"id":)" : R"(],"id":)";
  request += std::to_string(id);
  request += "}";
  return request;
}

Reply decode_jsonrpc_response(JsonRpcVersion requested, std::string_view body, const JsonLimits& limits) {
  // rpclib's client reads the body with Jsonrpc.of_string, as xapi reads an exec answer.
  const DecodeBudget budget(limits.max_decoded_bytes);
  XapiJson parsed = read_xapi_json(body, limits, {}, &budget);
  if (parsed.over_memory_limit) return over_memory_limit_reply(budget.counter().limit(), parsed.error);
  Reply reply;
  if (!parsed.value) {
    reply = malformed_reply("bad json in the response body: " + parsed.error);
  } else if (const json::object* envelope = parsed.value->if_object()) {
    try {
      reply = decode_envelope(requested, *envelope, budget);
    } catch (const DecodedMemoryExceeded&) {  // copying the result or the error's params
      return over_memory_limit_reply(budget.counter().limit());
    }
  } else {
    reply = malformed_reply("the response is not a JSON object, got " +
                            std::string(json_type_name(*parsed.value)) + " " + json_excerpt(*parsed.value));
  }
  reply.non_standard_json = std::move(parsed.non_standard);
  reply.duplicate_keys = std::move(parsed.duplicates);
  return reply;
}

namespace {

// Whether a number in the value is not finite (1e400 parses as infinity,
// which parse_one_json_value refuses).
bool has_non_finite(const json::value& value) {
  switch (value.kind()) {
    case json::kind::double_: return !std::isfinite(value.get_double());
    case json::kind::array:
      for (const json::value& v : value.get_array())
        if (has_non_finite(v)) return true;
      return false;
    case json::kind::object:
      for (const auto& member : value.get_object())
        if (has_non_finite(member.value())) return true;
      return false;
    default: return false;
  }
}

// The request in a parsed body. What it keeps (id, args) is copied into
// the default storage, so `parsed` may live in a scratch arena.
std::variant<JsonRpcRequest, JsonRpcProtocolError> request_from(const json::value& parsed) {
  const json::object* obj = parsed.if_object();
  if (obj == nullptr) {
    return protocol_error(JsonRpcVersion::v1, kInvalidRequest,
                          "Invalid Request: expected a JSON object, got " +
                              std::string(json_type_name(parsed)));
  }
  // Values are built in place: json::value's move assignment costs a
  // storage check and a swap, a noticeable share of a call's decoding.
  const json::value* given_id = obj->if_contains("id");
  json::value id = given_id != nullptr ? json::value(*given_id, json::storage_ptr()) : json::value(nullptr);

  JsonRpcVersion version = JsonRpcVersion::v1;
  if (const json::value* tag = obj->if_contains("jsonrpc")) {
    version = JsonRpcVersion::v2;
    if (!tag->is_string() || tag->get_string() != kVersion2) {
      return protocol_error(version, kInvalidRequest,
                            "Invalid Request: \"jsonrpc\" must be \"2.0\", got " + json_excerpt(*tag),
                            std::move(id));
    }
  }
  const json::value* method = obj->if_contains("method");
  if (method == nullptr || !method->is_string()) {
    return protocol_error(version, kInvalidRequest,
                          method == nullptr ? std::string("Invalid Request: no \"method\"")
                                            : "Invalid Request: \"method\" is not a string, got " +
                                                  json_excerpt(*method),
                          std::move(id));
  }

  // params[0] when params is a one-element array (rpclib's v1 form, also
  // accepted in v2); a v2 params object as it is. Anything else is passed on
  // unchanged (null when absent) for the dispatcher to reject as a marshal
  // error, the way rpclib answers bad arguments.
  const json::value* args = obj->if_contains("params");
  if (args != nullptr) {
    const json::array* arr = args->if_array();
    if (arr != nullptr && arr->size() == 1) args = &(*arr)[0];
  }
  return JsonRpcRequest{version, std::string(method->get_string()),
                        args != nullptr ? json::value(*args, json::storage_ptr()) : json::value(nullptr),
                        std::move(id)};
}

// Bytes of stack the usual request is parsed into (a Plugin call is well
// under 1 KiB); a larger one spills over to the heap.
constexpr std::size_t kRequestArenaBytes = 4096;
constexpr std::size_t kParserScratchBytes = 512;

}  // namespace

std::variant<JsonRpcRequest, JsonRpcProtocolError> decode_jsonrpc_request(
    std::string_view body, const JsonLimits& limits) {
  // The mock's server decodes every call here. A request that parses as
  // one finite JSON value is parsed into a stack arena with the same parser
  // and options as parse_one_json_value, with no heap allocation for the
  // parse or the tree, and only what the request keeps is copied out. Any
  // other body takes parse_one_json_value for its exact error message.
  if (body.size() <= limits.max_bytes) {
    alignas(std::max_align_t) unsigned char arena_bytes[kRequestArenaBytes];
    unsigned char scratch[kParserScratchBytes];
    json::monotonic_resource arena(arena_bytes, sizeof arena_bytes);
    json::parse_options options;
    options.max_depth = limits.max_depth;
    json::parser parser(json::storage_ptr(&arena), options, scratch, sizeof scratch);
    parser.reset(json::storage_ptr(&arena));  // the tree too, not only the parser's stack
    json::error_code ec;
    parser.write(body.data(), body.size(), ec);
    if (!ec) {
      const json::value parsed = parser.release();
      if (!has_non_finite(parsed)) return request_from(parsed);
    }
  }
  JsonParse parsed = parse_one_json_value(body, limits);
  if (!parsed.value) {
    // The version cannot be read from a broken body; a body that mentions
    // "jsonrpc" is answered in the v2 form, anything else in rpclib's v1 form.
    const auto version = body.find("\"jsonrpc\"") != std::string_view::npos ? JsonRpcVersion::v2
                                                                            : JsonRpcVersion::v1;
    return protocol_error(version, kParseError, "Parse error: " + parsed.error);
  }
  return request_from(*parsed.value);
}

// Both encoders write the envelope around the members' compact texts: the
// same bytes as serialising an object holding the members in this order,
// without first copying the (possibly large) result or error into one. The
// mock's server calls them once per request.
std::string encode_jsonrpc_result(JsonRpcVersion version, const json::value& id,
                                  const json::value& result) {
  std::string out = encode_jsonrpc_result_head(version, result);
  append_jsonrpc_id(out, id);
  return out;
}

std::string encode_jsonrpc_result_head(JsonRpcVersion version, const json::value& result) {
  const bool v2 = version == JsonRpcVersion::v2;
  std::string out = v2 ? R"({"jsonrpc":"2.0","result":)" : R"({"result":)";
  out += to_compact_json(result);
  out += v2 ? R"(,"id":)" : R"(,"error":null,"id":)";
  return out;
}

void append_jsonrpc_id(std::string& out, const json::value& id) {
  // An integer id (the usual kind) is written without a serializer; the
  // digits are the same as Boost.JSON's.
  char digits[24];
  std::to_chars_result written{digits, {}};
  if (id.is_int64()) {
    written = std::to_chars(digits, digits + sizeof digits, id.get_int64());
  } else if (id.is_uint64()) {
    written = std::to_chars(digits, digits + sizeof digits, id.get_uint64());
  } else {
    out += to_compact_json(id);
  }
  out.append(digits, written.ptr);
  out += '}';
}

std::string encode_jsonrpc_error(JsonRpcVersion version, const json::value& id,
                                 const json::value& error) {
  const bool v2 = version == JsonRpcVersion::v2;
  std::string out = v2 ? R"({"jsonrpc":"2.0","error":)" : R"({"result":null,"error":)";
  const json::array* rpclib_form = error.if_array();
  if (v2 && rpclib_form && !rpclib_form->empty() && (*rpclib_form)[0].is_string()) {
    // An error object rpclib's v2 client can read, the rpclib form in its data.
    json::object object;
    object["code"] = kServerError;
    object["message"] = (*rpclib_form)[0];
    object["data"] = error;
    out += to_compact_json(object);
  } else {
    out += to_compact_json(error);
  }
  out += R"(,"id":)";
  out += to_compact_json(id);
  out += '}';
  return out;
}

std::string encode_jsonrpc_protocol_error(const JsonRpcProtocolError& error) {
  if (error.version == JsonRpcVersion::v1) {
    // rpclib's v1 client reads a bare error value only: rpclib's form, as
    // rpclib's server names a request it cannot take (Internal_error).
    return encode_jsonrpc_error(
        error.version, error.id,
        json::array{"Internal_error", error.message + " (JSON-RPC " + std::to_string(error.code) + ")"});
  }
  json::object body;
  body["code"] = error.code;
  body["message"] = error.message;
  return encode_jsonrpc_error(error.version, error.id, body);
}

}  // namespace smapi::contract
