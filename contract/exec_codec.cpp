#include "contract/exec_codec.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace smapi::contract {

namespace json = boost::json;

namespace {

constexpr std::string_view kBadJson = "bad json on stdout";
constexpr std::string_view kNonZeroBadJson = "non-zero exit and bad json on stdout";

// Reads {"code": string, "params": [string...]}; nullopt with `why` set when
// the value is not of that shape.
std::optional<PluginError> read_error_object(const json::value& value, std::string& why) {
  const json::object* obj = value.if_object();
  if (obj == nullptr) {
    why = "expected an error object, got " + std::string(json_type_name(value));
    return std::nullopt;
  }
  const json::value* code = obj->if_contains("code");
  if (code == nullptr || !code->is_string()) {
    why = code == nullptr ? "the error object has no \"code\""
                          : "\"code\" is not a string, got " + json_excerpt(*code);
    return std::nullopt;
  }
  const json::value* params = obj->if_contains("params");
  if (params == nullptr || !params->is_array()) {
    why = params == nullptr ? "the error object has no \"params\""
                            : "\"params\" is not an array, got " + json_excerpt(*params);
    return std::nullopt;
  }
  PluginError error;
  error.code = std::string(code->get_string());
  const json::array& arr = params->get_array();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    if (!arr[i].is_string()) {
      why = "\"params\"[" + std::to_string(i) + "] is not a string, got " + json_excerpt(arr[i]);
      return std::nullopt;
    }
    error.params.emplace_back(arr[i].get_string());
  }
  error.raw = value;
  return error;
}

// The backtrace xapi expects beside code and params: {"error","files","lines"}.
void check_backtrace(const json::object& error, std::vector<Finding>& findings) {
  const json::value* bt = error.if_contains("backtrace");
  if (bt == nullptr) {
    findings.push_back(Finding{FindingKind::missing_key, "$.backtrace",
                               "object {error, files, lines}", "absent"});
    return;
  }
  const json::object* obj = bt->if_object();
  const bool ok = obj != nullptr && obj->contains("error") && obj->contains("files") &&
                  obj->contains("lines") && obj->at("error").is_string() &&
                  obj->at("files").is_array() && obj->at("lines").is_array();
  if (!ok) {
    findings.push_back(Finding{FindingKind::wrong_type, "$.backtrace",
                               "object {error: string, files: array, lines: array}",
                               json_excerpt(*bt)});
  }
}

}  // namespace

std::string encode_exec_arguments(const json::object& args) {
  return to_compact_json(json::value(args));
}

Reply decode_exec_reply(const ExecExit& exit, std::string_view stdout_text,
                        const JsonLimits& limits) {
  if (exit.how == ExecExit::How::signalled) {
    return malformed_reply("signalled (signal " + std::to_string(exit.code) + ")");
  }
  JsonParse parsed = parse_one_json_value(stdout_text, limits);
  if (exit.code == 0) {
    if (!parsed.value) return malformed_reply(std::string(kBadJson) + ": " + parsed.error);
    return result_reply(std::move(*parsed.value));
  }
  const std::string exit_note = " (exit status " + std::to_string(exit.code) + ")";
  if (!parsed.value) return malformed_reply(std::string(kNonZeroBadJson) + ": " + parsed.error + exit_note);
  std::string why;
  std::optional<PluginError> error = read_error_object(*parsed.value, why);
  if (!error) return malformed_reply(std::string(kNonZeroBadJson) + ": " + why + exit_note);
  Reply reply;
  reply.kind = Reply::Kind::error;
  check_backtrace(parsed.value->get_object(), reply.envelope_findings);
  reply.error = std::move(*error);
  return reply;
}

std::string encode_exec_error(const PluginError& error) {
  json::array params;
  for (const auto& p : error.params) params.emplace_back(p);
  json::value backtrace;
  const json::object* raw = error.raw.if_object();
  if (const json::value* given = raw ? raw->if_contains("backtrace") : nullptr) {
    backtrace = *given;
  } else {
    json::object minimal;
    minimal["error"] = error.params.empty() ? error.code : error.params.back();
    minimal["files"] = json::array();
    minimal["lines"] = json::array();
    backtrace = std::move(minimal);
  }
  json::object out;
  out["code"] = error.code;
  out["params"] = std::move(params);
  out["backtrace"] = std::move(backtrace);
  return to_compact_json(out);
}

}  // namespace smapi::contract
