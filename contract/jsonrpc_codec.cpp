#include "contract/jsonrpc_codec.h"

#include "contract/detail/json_path.h"

#include <boost/json/array.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parser.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>

namespace smapi::contract {

namespace json = boost::json;

namespace {

constexpr std::string_view kVersion2 = "2.0";
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;

void add(std::vector<Finding>& findings, FindingKind kind, std::string path,
         std::string expected, std::string actual) {
  findings.push_back(Finding{kind, std::move(path), std::move(expected), std::move(actual)});
}

// Whether a JSON number equals id exactly (2, 2u and 2.0 all echo id 2).
bool number_equals(const json::value& value, std::int64_t id) {
  switch (value.kind()) {
    case json::kind::int64: return value.get_int64() == id;
    case json::kind::uint64: return id >= 0 && value.get_uint64() == static_cast<std::uint64_t>(id);
    case json::kind::double_: {
      const double d = value.get_double();
      return std::isfinite(d) && d == static_cast<double>(id) &&
             static_cast<std::int64_t>(d) == id;
    }
    default: return false;
  }
}

void check_id(const json::object& envelope, std::int64_t expected_id,
              std::vector<Finding>& findings) {
  const json::value* id = envelope.if_contains("id");
  const std::string expected = std::to_string(expected_id);
  if (id == nullptr) {
    add(findings, FindingKind::missing_key, "$.id", "the request id " + expected, "absent");
  } else if (!id->is_number()) {
    add(findings, FindingKind::wrong_type, "$.id", "number " + expected, json_excerpt(*id));
  } else if (!number_equals(*id, expected_id)) {
    add(findings, FindingKind::bad_value, "$.id", expected, json_excerpt(*id));
  }
}

// rpclib's error value: ["Code", "param", ...]. Non-string params become findings.
std::optional<PluginError> read_error_array(const json::value& value, const std::string& path,
                                            std::vector<Finding>& findings) {
  const json::array* arr = value.if_array();
  if (arr == nullptr || arr->empty() || !(*arr)[0].is_string()) return std::nullopt;
  PluginError error;
  error.code = std::string((*arr)[0].get_string());
  for (std::size_t i = 1; i < arr->size(); ++i) {
    if (const json::string* s = (*arr)[i].if_string()) {
      error.params.emplace_back(*s);
    } else {
      add(findings, FindingKind::wrong_type, detail::index_path(path, i), "string",
          json_excerpt((*arr)[i]));
    }
  }
  return error;
}

// Any of the error forms a JSON-RPC server may send; nullopt when none fits.
std::optional<PluginError> read_error(const json::value& value, std::vector<Finding>& findings) {
  const std::string path = "$.error";
  std::optional<PluginError> error;
  if (const json::string* s = value.if_string()) {
    error = PluginError{std::string(*s), {}, {}};
  } else if (value.is_array()) {
    error = read_error_array(value, path, findings);
  } else if (const json::object* obj = value.if_object()) {
    // JSON-RPC 2.0 error object {code, message, data}.
    const json::value* code = obj->if_contains("code");
    if (code == nullptr) {
      add(findings, FindingKind::missing_key, path + ".code", "integer", "absent");
    } else if (!code->is_int64() && !code->is_uint64()) {
      add(findings, FindingKind::wrong_type, path + ".code", "integer", json_excerpt(*code));
    }
    const json::value* data = obj->if_contains("data");
    if (data != nullptr) error = read_error_array(*data, path + ".data", findings);
    if (!error) {
      const json::value* message = obj->if_contains("message");
      if (message != nullptr && message->is_string()) {
        error = PluginError{std::string(message->get_string()), {}, {}};
      } else {
        add(findings, message == nullptr ? FindingKind::missing_key : FindingKind::wrong_type,
            path + ".message", "string", message == nullptr ? "absent" : json_excerpt(*message));
      }
    }
  }
  if (error) error->raw = value;
  return error;
}

Reply decode_envelope(JsonRpcVersion version, const json::object& envelope,
                      std::int64_t expected_id) {
  std::vector<Finding> findings;
  const json::value* result = envelope.if_contains("result");
  const json::value* error = envelope.if_contains("error");
  bool use_result = false;
  if (version == JsonRpcVersion::v1) {
    if (result == nullptr) add(findings, FindingKind::missing_key, "$.result", "result or null", "absent");
    if (error == nullptr) add(findings, FindingKind::missing_key, "$.error", "error or null", "absent");
    const bool has_result = result != nullptr && !result->is_null();
    const bool has_error = error != nullptr && !error->is_null();
    if (has_result && has_error) return malformed_reply("both \"result\" and \"error\" are non-null", findings);
    if (!has_result && !has_error) return malformed_reply("neither \"result\" nor \"error\" is set", findings);
    use_result = has_result;
  } else {
    const json::value* tag = envelope.if_contains("jsonrpc");
    if (tag == nullptr) {
      add(findings, FindingKind::missing_key, "$.jsonrpc", "\"2.0\"", "absent");
    } else if (!tag->is_string()) {
      add(findings, FindingKind::wrong_type, "$.jsonrpc", "\"2.0\"", json_excerpt(*tag));
    } else if (tag->get_string() != kVersion2) {
      add(findings, FindingKind::bad_value, "$.jsonrpc", "\"2.0\"", json_excerpt(*tag));
    }
    if (result != nullptr && error != nullptr)
      return malformed_reply("both \"result\" and \"error\" are present", findings);
    if (result == nullptr && error == nullptr)
      return malformed_reply("neither \"result\" nor \"error\" is present", findings);
    use_result = result != nullptr;
  }
  check_id(envelope, expected_id, findings);

  if (use_result) {
    return result_reply(*result, std::move(findings));
  }
  std::optional<PluginError> plugin_error = read_error(*error, findings);
  if (!plugin_error) {
    return malformed_reply("the error value is not [\"Code\", params...], an error object or a string, got " +
                               json_excerpt(*error),
                           std::move(findings));
  }
  return error_reply(std::move(*plugin_error), std::move(findings));
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
  // Member order as rpclib writes it; the method name needs no escaping.
  std::string request = version == JsonRpcVersion::v2 ? R"({"jsonrpc":"2.0",)" : "{";
  request += R"("method":")";
  request += wire_name(method);
  request += version == JsonRpcVersion::v2 ? R"(","params":)" : R"(","params":[)";
  request += args_text;
  request += version == JsonRpcVersion::v2 ? R"(,"id":)" : R"(],"id":)";
  request += std::to_string(id);
  request += "}";
  return request;
}

Reply decode_jsonrpc_response(JsonRpcVersion version, std::string_view body,
                              std::int64_t expected_id, const JsonLimits& limits) {
  // rpclib's client reads the body with Jsonrpc.of_string, as xapi reads an exec answer.
  XapiJson parsed = read_xapi_json(body, limits);
  Reply reply;
  if (!parsed.value) {
    reply = malformed_reply("bad json in the response body: " + parsed.error);
  } else if (const json::object* envelope = parsed.value->if_object()) {
    reply = decode_envelope(version, *envelope, expected_id);
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
  out += to_compact_json(error);
  out += R"(,"id":)";
  out += to_compact_json(id);
  out += '}';
  return out;
}

std::string encode_jsonrpc_protocol_error(const JsonRpcProtocolError& error) {
  json::object body;
  body["code"] = error.code;
  body["message"] = error.message;
  return encode_jsonrpc_error(error.version, error.id, body);
}

}  // namespace smapi::contract
