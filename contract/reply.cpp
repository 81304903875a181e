#include "contract/reply.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace smapi::contract {

namespace json = boost::json;

namespace {

constexpr std::string_view kUnimplemented = "Unimplemented";
constexpr std::string_view kBackendFailure = "SR_BACKEND_FAILURE";

}  // namespace

std::optional<std::string> unimplemented_method(const PluginError& error, ErrorForm form) {
  if (form == ErrorForm::exec) {
    if (error.code == kBackendFailure && error.params.size() == 2 && error.params[0] == kUnimplemented)
      return error.params[1];
    return std::nullopt;
  }
  if (error.code == kUnimplemented && error.params.size() == 1) return error.params[0];
  return std::nullopt;
}

json::value exec_unimplemented_error(Method method) {
  const std::string_view name = wire_name(method);
  json::object backtrace;
  backtrace["error"] = name;
  backtrace["files"] = json::array();
  backtrace["lines"] = json::array();
  json::object error;
  error["code"] = kBackendFailure;
  error["params"] = json::array{kUnimplemented, name};
  error["backtrace"] = std::move(backtrace);
  return error;
}

json::value jsonrpc_unimplemented_error(Method method) {
  return json::array{kUnimplemented, wire_name(method)};
}

Reply result_reply(json::value result, std::vector<Finding> envelope_findings) {
  Reply reply;
  reply.kind = Reply::Kind::result;
  reply.result = std::move(result);
  reply.envelope_findings = std::move(envelope_findings);
  return reply;
}

Reply error_reply(PluginError error, std::vector<Finding> envelope_findings) {
  Reply reply;
  reply.kind = Reply::Kind::error;
  reply.error = std::move(error);
  reply.envelope_findings = std::move(envelope_findings);
  return reply;
}

Reply malformed_reply(std::string problem, std::vector<Finding> envelope_findings) {
  Reply reply;
  reply.kind = Reply::Kind::malformed;
  reply.problem = std::move(problem);
  reply.envelope_findings = std::move(envelope_findings);
  return reply;
}

}  // namespace smapi::contract
