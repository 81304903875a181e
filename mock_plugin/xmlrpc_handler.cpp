#include "mock_plugin/xmlrpc_handler.h"

#include "contract/json_text.h"
#include "contract/xmlrpc_codec.h"
#include "mock_plugin/handler.h"
#include "mock_plugin/mutation.h"
#include "mock_plugin/storage_call.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <variant>

namespace smapi::mock {
namespace {

namespace json = boost::json;
using contract::Method;

json::array error_description(std::string_view code, std::string_view detail) {
  return json::array{json::string(code), json::string(detail)};
}

// rpclib's marshal errors, worded as the JSON-RPC handler words them (the
// arguments were read into JSON values, so the excerpts are JSON).
json::array marshal_error(const ArgumentProblem& problem) {
  switch (problem.kind) {
    case ArgumentProblem::Kind::missing_dbg:
      return error_description(kMarshalErrorCode, "Expecting named argument 'dbg'");
    case ArgumentProblem::Kind::dbg_not_string:
      return error_description(kMarshalErrorCode,
                               "Expected string, got " + contract::json_excerpt(problem.actual));
    case ArgumentProblem::Kind::not_an_object:
      return error_description(kMarshalErrorCode, "Expected a dictionary of named arguments, got " +
                                                      contract::json_excerpt(problem.actual));
  }
  return error_description(kMarshalErrorCode, "bad arguments");
}

std::optional<Method> exact_wire_method(std::string_view name) {
  for (Method m : contract::kAllMethods) {
    if (name == contract::wire_name(m)) return m;
  }
  return std::nullopt;
}

// Fault::Body::both_members in XML-RPC's form: the status struct carries
// both Value and ErrorDescription (the decided one kept, the other made up).
std::string both_members(bool success, const json::value& payload) {
  json::object status;
  status["Status"] = success ? "Success" : "Failure";
  status["Value"] = success ? payload : json::value(json::string("smapi-mock: both members"));
  status["ErrorDescription"] =
      success ? json::value(error_description(kMarshalErrorCode, "smapi-mock: both members")) : payload;
  return "<?xml version=\"1.0\"?><methodResponse><params><param>" +
         contract::encode_xmlrpc_value(status, contract::XmlRpcStrings::tagged) +
         "</param></params></methodResponse>";
}

// The encoded reply for one decision, with the XML-RPC-specific body fault
// (both_members). wrong_id has no XML-RPC form (there is no id): the reply
// is sent intact.
std::string encode_decision(std::string_view wire, const Decision& d) {
  const bool both = d.fault.body == Fault::Body::both_members;
  json::array error;
  switch (d.kind) {
    case Decision::Kind::result: {
      const json::value result = edit_result(d.result(), d.fault);
      return both ? both_members(true, result) : contract::encode_xmlrpc_success(result);
    }
    case Decision::Kind::unimplemented:
      error = error_description("Unimplemented", wire);
      break;
    case Decision::Kind::error:
      error.emplace_back(json::string(d.error().code));
      for (const auto& p : d.error().params) error.emplace_back(p);
      break;
    case Decision::Kind::bad_arguments:
      error = marshal_error(d.problem);
      break;
  }
  if (d.fault.error_value) error = *d.fault.error_value;
  return both ? both_members(false, error) : contract::encode_xmlrpc_failure(error);
}

HandlerReply handle(Engine& engine, storage::Storage* storage, std::string_view body,
                    storage::SimulatedTime now) {
  HandlerReply reply;
  auto decoded = contract::decode_xmlrpc_request(body);
  if (auto* problem = std::get_if<contract::XmlRpcProblem>(&decoded)) {
    reply.body = contract::encode_xmlrpc_fault(problem->code, problem->message);
    return reply;
  }
  auto& request = std::get<contract::XmlRpcRequest>(decoded);
  reply.method = request.method;
  reply.args = request.args;
  const std::optional<Method> method = exact_wire_method(request.method);
  Decision d;
  if (method) {
    d = storage != nullptr ? answer_plugin_call(engine, *storage, *method, request.args)
                           : engine.decide(*method, request.args);
  } else if (storage != nullptr && storage::Storage::knows(request.method)) {
    d = answer_storage_call(engine, *storage, request.method, request.args, now);
  } else {
    reply.body = contract::encode_xmlrpc_failure(error_description(kUnknownMethodError, request.method));
    return reply;
  }
  reply.body = mangle_body(encode_decision(request.method, d), d.fault.body);
  reply.fault = std::move(d.fault);
  return reply;
}

}  // namespace

HandlerReply handle_xmlrpc(Engine& engine, std::string_view body) { return handle(engine, nullptr, body, {}); }

HandlerReply handle_xmlrpc(Engine& engine, storage::Storage& storage, std::string_view body,
                           storage::SimulatedTime now) {
  return handle(engine, &storage, body, now);
}

}  // namespace smapi::mock
