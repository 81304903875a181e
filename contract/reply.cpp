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

PluginError& PluginError::operator=(PluginError&& other) noexcept {
  code = std::move(other.code);
  params = std::move(other.params);
  move_keeping_storage(raw, std::move(other.raw));
  return *this;
}

Reply& Reply::operator=(Reply&& other) noexcept {
  kind = other.kind;
  move_keeping_storage(result, std::move(other.result));
  error = std::move(other.error);
  problem = std::move(other.problem);
  envelope_findings = std::move(other.envelope_findings);
  non_standard_json = std::move(other.non_standard_json);
  duplicate_keys = std::move(other.duplicate_keys);
  over_memory_limit = other.over_memory_limit;
  return *this;
}

Reply result_reply(json::value result, std::vector<Finding> envelope_findings) {
  Reply reply;
  reply.kind = Reply::Kind::result;
  move_keeping_storage(reply.result, std::move(result));
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

Reply over_memory_limit_reply(std::size_t limit, std::string detail) {
  Reply reply = malformed_reply(detail.empty() ? decoded_memory_problem(limit) : std::move(detail));
  reply.over_memory_limit = true;
  return reply;
}

void charge_params(const DecodeBudget& budget, const json::array& params, std::size_t first) {
  constexpr std::size_t kShortString = 15;  // libstdc++ keeps these in the std::string itself
  std::size_t bytes = 0;
  for (std::size_t i = first; i < params.size(); ++i) {
    bytes += sizeof(std::string);
    if (const auto* text = params[i].if_string(); text && text->size() > kShortString) bytes += text->size() + 1;
  }
  budget.counter().charge(bytes);
}

}  // namespace smapi::contract
