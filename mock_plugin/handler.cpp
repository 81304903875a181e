#include "mock_plugin/handler.h"

#include "contract/json_text.h"
#include "contract/jsonrpc_codec.h"
#include "mock_plugin/engine.h"
#include "mock_plugin/mutation.h"
#include "mock_plugin/storage_call.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <variant>

namespace smapi::mock {
namespace {

namespace json = boost::json;
using contract::Method;

json::array error_value(std::string_view code, std::string_view detail) {
  return json::array{json::string(code), json::string(detail)};
}

json::value marshal_error(const ArgumentProblem& problem) {
  switch (problem.kind) {
    case ArgumentProblem::Kind::missing_dbg:
      return error_value(kMarshalErrorCode, "Expecting named argument 'dbg'");
    case ArgumentProblem::Kind::dbg_not_string:
      return error_value(kMarshalErrorCode,
                         "Expected string, got " + contract::json_excerpt(problem.actual));
    case ArgumentProblem::Kind::not_an_object:
      return error_value(kMarshalErrorCode, "Expected a dictionary of named arguments, got " +
                                                contract::json_excerpt(problem.actual));
  }
  return error_value(kMarshalErrorCode, "bad arguments");
}

std::optional<Method> exact_wire_method(std::string_view name) {
  for (Method m : contract::kAllMethods) {
    if (name == contract::wire_name(m)) return m;
  }
  return std::nullopt;
}

// An id that is not the request's: a number one more, a string with a
// suffix, or 1 for anything else (null included).
json::value wrong_id(const json::value& id) {
  if (id.is_int64()) return json::value(id.get_int64() + 1);
  if (id.is_uint64()) return json::value(id.get_uint64() + 1);
  if (id.is_string()) return json::value(json::string(std::string(id.get_string()) + "-wrong"));
  return json::value(1);
}

// A response with result and error both non-null (the decided one is kept,
// the other is made up).
std::string both_members(contract::JsonRpcVersion version, const json::value& id,
                         const json::value* result, const json::value* error) {
  json::object o;
  if (version == contract::JsonRpcVersion::v2) o["jsonrpc"] = "2.0";
  o["result"] = result != nullptr ? *result : json::value(json::string("smapi-mock: both members"));
  o["error"] = error != nullptr ? *error : error_value(kMarshalErrorCode, "smapi-mock: both members");
  o["id"] = id;
  return contract::to_compact_json(o);
}

// The encoded reply for one decision, with the JSON-RPC-specific body faults.
std::string encode_decision(Engine& engine, const contract::JsonRpcRequest& request, std::string_view wire,
                            const Decision& d) {
  const json::value id = d.fault.body == Fault::Body::wrong_id ? wrong_id(request.id) : request.id;
  const bool both = d.fault.body == Fault::Body::both_members;
  json::value error;
  switch (d.kind) {
    case Decision::Kind::result: {
      const bool edits = has_field_edits(d.fault);
      if (!edits && !both && d.configured) {
        // The usual call: a configured result sent as it is. Its reply up to
        // the id is encoded once per config and protocol version.
        std::string& head = engine.memo(*d.answer, static_cast<std::size_t>(request.version));
        if (head.empty()) head = contract::encode_jsonrpc_result_head(request.version, d.result());
        std::string out;
        out.reserve(head.size() + 32);
        out = head;
        contract::append_jsonrpc_id(out, id);
        return out;
      }
      // Copied only when there are field edits to make (a copy per call costs).
      const json::value edited = edits ? edit_result(d.result(), d.fault) : json::value();
      const json::value& result = edits ? edited : d.result();
      if (both) return both_members(request.version, id, &result, nullptr);
      return contract::encode_jsonrpc_result(request.version, id, result);
    }
    case Decision::Kind::unimplemented:
      error = error_value("Unimplemented", wire);
      break;
    case Decision::Kind::error: {
      json::array value{json::string(d.error().code)};
      for (const auto& p : d.error().params) value.emplace_back(p);
      error = std::move(value);
      break;
    }
    case Decision::Kind::bad_arguments:
      error = marshal_error(d.problem);
      break;
  }
  if (d.fault.error_value) error = *d.fault.error_value;
  if (both) return both_members(request.version, id, nullptr, &error);
  return contract::encode_jsonrpc_error(request.version, id, error);
}

}  // namespace

namespace {

HandlerReply handle(Engine& engine, storage::Storage* storage, std::string_view body,
                    storage::SimulatedTime now) {
  auto decoded = contract::decode_jsonrpc_request(body);
  if (auto* protocol_error = std::get_if<contract::JsonRpcProtocolError>(&decoded)) {
    return HandlerReply{contract::encode_jsonrpc_protocol_error(*protocol_error), {}, {}, {}};
  }
  auto& request = std::get<contract::JsonRpcRequest>(decoded);
  std::optional<Method> method = exact_wire_method(request.method);
  std::string reply_body;
  Fault fault;
  if (method) {
    Decision d = storage != nullptr ? answer_plugin_call(engine, *storage, *method, request.args)
                                    : engine.decide(*method, request.args);
    reply_body = mangle_body(encode_decision(engine, request, request.method, d), d.fault.body);
    fault = std::move(d.fault);
  } else if (storage != nullptr && storage::Storage::knows(request.method)) {
    Decision d = answer_storage_call(engine, *storage, request.method, request.args, now);
    reply_body = mangle_body(encode_decision(engine, request, request.method, d), d.fault.body);
    fault = std::move(d.fault);
  } else {
    reply_body = contract::encode_jsonrpc_error(request.version, request.id,
                                                error_value(kUnknownMethodError, request.method));
  }
  // The request is done with: its method and arguments move to the reply
  // (built in place; json::value's move assignment costs a swap).
  return HandlerReply{std::move(reply_body), std::move(fault), std::move(request.method),
                      std::move(request.args)};
}

}  // namespace

HandlerReply handle_jsonrpc(Engine& engine, std::string_view body) {
  return handle(engine, nullptr, body, {});
}

HandlerReply handle_jsonrpc(Engine& engine, storage::Storage& storage, std::string_view body,
                            storage::SimulatedTime now) {
  return handle(engine, &storage, body, now);
}

}  // namespace smapi::mock
