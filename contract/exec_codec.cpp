#include "contract/exec_codec.h"

#include "contract/names.h"
#include "contract/ocaml_int.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <functional>

namespace smapi::contract {

namespace json = boost::json;

namespace {

constexpr std::string_view kBadJson = "bad json on stdout";
constexpr std::string_view kNonZeroBadJson = "non-zero exit and bad json on stdout";

using Members = std::vector<std::pair<std::string_view, const json::value*>>;

// The value of a record field as ppx_deriving_rpc's of_rpc reads it: keys
// compared lower-cased, every occurrence decoded in turn and the last kept,
// so each must have the field's type. `check` returns why a value does not.
const json::value* record_field(const Members& members, std::string_view field,
                                const std::function<std::string(const json::value&)>& check,
                                std::string& why) {
  const json::value* found = nullptr;
  for (const auto& [key, value] : members) {
    if (!equals_ignoring_case(key, field)) continue;
    if (auto problem = check(*value); !problem.empty()) {
      why = "\"" + std::string(field) + "\"" + (problem.front() == '[' ? "" : " ") + problem;
      return nullptr;
    }
    found = value;
  }
  if (!found) why = "the error object has no \"" + std::string(field) + "\"";
  return found;
}

std::string expect_string(const json::value& value) {
  return value.is_string() ? std::string() : "is not a string, got " + json_excerpt(value);
}

std::string expect_list(const json::value& value, bool (*element_ok)(const json::value&),
                        std::string_view element) {
  const json::array* array = value.if_array();
  if (!array) return "is not an array, got " + json_excerpt(value);
  for (std::size_t i = 0; i < array->size(); ++i)
    if (!element_ok((*array)[i]))
      return "[" + std::to_string(i) + "] is not " + std::string(element) + ", got " + json_excerpt((*array)[i]);
  return {};
}

bool is_string(const json::value& value) { return value.is_string(); }
// rpclib's int_of_rpc: an integer, or a string holding one.
bool is_int(const json::value& value) {
  return value.is_int64() || (value.is_string() && ocaml_int_of_string(value.get_string()).has_value());
}

// Decodes stdout after a non-zero exit as xapi-storage-script does: the
// record Types.error {code; params; backtrace = {error; files; lines}} of
// xen-api ocaml/xapi-storage-script/lib.ml, [@@deriving rpc]. nullopt with
// `why` set when xapi could not, and would report SCRIPT_FAILED instead.
std::optional<PluginError> read_error_record(const json::value& value, const std::vector<DuplicateKey>& duplicates,
                                             const DecodeBudget& budget, std::string& why) {
  const json::object* obj = value.if_object();
  if (obj == nullptr) {
    why = "expected an error object, got " + std::string(json_type_name(value));
    return std::nullopt;
  }
  const Members members = members_in_document_order(*obj, "$", duplicates);
  const json::value* code = record_field(members, "code", expect_string, why);
  if (!code) return std::nullopt;
  const json::value* params = record_field(
      members, "params", [](const json::value& v) { return expect_list(v, is_string, "a string"); }, why);
  if (!params) return std::nullopt;
  const json::value* backtrace = record_field(
      members, "backtrace",
      [&](const json::value& v) -> std::string {
        const json::object* bt = v.if_object();
        if (!bt) return "is not an object {error, files, lines}, got " + json_excerpt(v);
        const Members inner = members_in_document_order(*bt, "$.backtrace", duplicates);
        std::string inner_why;
        if (!record_field(inner, "error", expect_string, inner_why) ||
            !record_field(inner, "files", [](const json::value& f) { return expect_list(f, is_string, "a string"); },
                          inner_why) ||
            !record_field(inner, "lines", [](const json::value& l) { return expect_list(l, is_int, "an integer"); },
                          inner_why))
          return "is not a backtrace: " + inner_why;
        return {};
      },
      why);
  if (!backtrace) {
    if (why.find("has no \"backtrace\"") != std::string::npos)
      why += " (xapi requires {error, files, lines}; without it the code and params are lost)";
    return std::nullopt;
  }
  PluginError error;
  error.code = std::string(code->get_string());
  charge_params(budget, params->get_array());
  for (const auto& param : params->get_array()) error.params.emplace_back(param.get_string());
  move_keeping_storage(error.raw, json::value(value));  // copied in the budget's storage
  return error;
}

Reply decode_exit(const ExecExit& exit, std::string_view stdout_text, const JsonLimits& limits,
                  const DecodeBudget& budget) {
  XapiJson parsed = read_xapi_json(stdout_text, limits, {}, &budget);
  if (parsed.over_memory_limit) return over_memory_limit_reply(budget.counter().limit(), parsed.error);
  Reply reply;
  if (exit.code == 0) {
    reply = parsed.value ? result_reply(std::move(*parsed.value))
                         : malformed_reply(std::string(kBadJson) + ": " + parsed.error);
  } else {
    const std::string exit_note = " (exit status " + std::to_string(exit.code) + ")";
    std::string why = parsed.error;
    std::optional<PluginError> error;
    if (parsed.value) error = read_error_record(*parsed.value, parsed.duplicates, budget, why);
    reply = error ? error_reply(std::move(*error))
                  : malformed_reply(std::string(kNonZeroBadJson) + ": " + why + exit_note);
  }
  reply.non_standard_json = std::move(parsed.non_standard);
  reply.duplicate_keys = std::move(parsed.duplicates);
  return reply;
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
  const DecodeBudget budget(limits.max_decoded_bytes);
  try {
    return decode_exit(exit, stdout_text, limits, budget);
  } catch (const DecodedMemoryExceeded&) {
    return over_memory_limit_reply(budget.counter().limit());
  }
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
