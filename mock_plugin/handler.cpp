#include "mock_plugin/handler.h"

#include "contract/json_text.h"
#include "contract/jsonrpc_codec.h"
#include "mock_plugin/engine.h"

#include <boost/json/array.hpp>

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

}  // namespace

std::string handle_jsonrpc(const MockConfig& config, std::string_view body) {
  auto decoded = contract::decode_jsonrpc_request(body);
  if (auto* protocol_error = std::get_if<contract::JsonRpcProtocolError>(&decoded)) {
    return contract::encode_jsonrpc_protocol_error(*protocol_error);
  }
  const auto& request = std::get<contract::JsonRpcRequest>(decoded);
  std::optional<Method> method = exact_wire_method(request.method);
  if (!method) {
    return contract::encode_jsonrpc_error(request.version, request.id,
                                          error_value(kUnknownMethodError, request.method));
  }
  Decision d = decide(config, *method, request.args);
  switch (d.kind) {
    case Decision::Kind::result:
      return contract::encode_jsonrpc_result(request.version, request.id, d.result);
    case Decision::Kind::unimplemented:
      return contract::encode_jsonrpc_error(request.version, request.id,
                                            contract::jsonrpc_unimplemented_error(*method));
    case Decision::Kind::error: {
      json::array value{json::string(d.error.code)};
      for (const auto& p : d.error.params) value.emplace_back(p);
      return contract::encode_jsonrpc_error(request.version, request.id, value);
    }
    case Decision::Kind::bad_arguments:
      return contract::encode_jsonrpc_error(request.version, request.id,
                                            marshal_error(d.problem));
  }
  return contract::encode_jsonrpc_error(request.version, request.id,
                                        error_value(kMarshalErrorCode, "internal"));
}

}  // namespace smapi::mock
