#include "mock_plugin/exec_errors.h"

#include "contract/exec_codec.h"

#include <boost/json/serialize.hpp>

namespace smapi::mock {
namespace {

namespace json = boost::json;

// Longest Python repr quoted in a TypeError message.
constexpr std::size_t kMaxReprChars = 80;

void python_repr(const json::value& v, std::string& out) {
  if (out.size() > kMaxReprChars) return;
  switch (v.kind()) {
    case json::kind::null: out += "None"; return;
    case json::kind::bool_: out += v.get_bool() ? "True" : "False"; return;
    case json::kind::string: {
      out += '\'';
      for (char c : v.get_string()) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
      }
      out += '\'';
      return;
    }
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ", ";
        first = false;
        python_repr(e, out);
      }
      out += ']';
      return;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [k, e] : v.get_object()) {
        if (!first) out += ", ";
        first = false;
        python_repr(json::string(k), out);
        out += ": ";
        python_repr(e, out);
      }
      out += '}';
      return;
    }
    default: out += json::serialize(v); return;
  }
}

std::string repr(const json::value& v) {
  std::string out;
  python_repr(v, out);
  if (out.size() > kMaxReprChars) {
    out.resize(kMaxReprChars);
    out += "...";
  }
  return out;
}

}  // namespace

contract::PluginError exec_failure(std::vector<std::string> params) {
  contract::PluginError e;
  e.code = std::string(kExecErrorCode);
  e.params = std::move(params);
  return e;
}

std::string exec_failure_text(std::vector<std::string> params) {
  return contract::encode_exec_error(exec_failure(std::move(params))) + "\n";
}

std::vector<std::string> bad_stdin_params(std::string_view why) {
  return {"UnmarshalException", "UnmarshalException thing=stdin ty=json desc=" + std::string(why)};
}

std::vector<std::string> bad_arguments_params(const ArgumentProblem& problem) {
  switch (problem.kind) {
    case ArgumentProblem::Kind::missing_dbg:
      return {"UnmarshalException", "UnmarshalException thing=argument missing ty=dbg desc="};
    case ArgumentProblem::Kind::dbg_not_string:
      return {"TypeError", "TypeError expected=string actual=" + repr(problem.actual)};
    case ArgumentProblem::Kind::not_an_object:
      return {"TypeError", "TypeError expected=dict actual=" + repr(problem.actual)};
  }
  return {"Internal_error", "unreachable"};
}

std::vector<std::string> storage_error_params(const storage::StorageError& error) {
  // Already the bindings' form of a failure the IDL has no error for.
  if (error.code == storage::kBackendFailure) return error.params;
  std::vector<std::string> params{error.code};
  params.insert(params.end(), error.params.begin(), error.params.end());
  return params;
}

}  // namespace smapi::mock
