#include "mock_plugin/no_script.h"

#include "contract/method.h"
#include "contract/names.h"
#include "mock_plugin/detail/config_json.h"
#include "mock_plugin/storage/storage.h"

#include <boost/json/array.hpp>

#include <algorithm>

namespace smapi::mock {
namespace {

namespace json = boost::json;
using detail::got;
using detail::member_path;

std::optional<contract::Method> plugin_method(std::string_view wire_name) {
  for (contract::Method m : contract::kAllMethods)
    if (contract::wire_name(m) == wire_name) return m;
  return std::nullopt;
}

// The key of `methods` that names `wire_name`, or "".
std::string_view answered_in(const json::object* methods, std::string_view wire_name) {
  if (methods == nullptr) return {};
  for (const auto& member : *methods)
    if (contract::equals_ignoring_case(member.key(), wire_name)) return member.key();
  return {};
}

}  // namespace

const std::vector<std::string_view>& config_methods() {
  static const std::vector<std::string_view> all = [] {
    std::vector<std::string_view> methods;
    for (contract::Method m : contract::kAllMethods) methods.push_back(contract::wire_name(m));
    for (std::string_view m : storage::Storage::methods()) methods.push_back(m);
    return methods;
  }();
  return all;
}

Answer script_missing_answer(std::string_view wire_name) {
  std::string script(wire_name);
  if (const auto m = plugin_method(wire_name)) script = contract::script_name(*m);
  return Answer::make_error(std::string(kScriptMissingCode), {std::move(script), std::string(kScriptMissingHint)});
}

std::string_view config_method_named(std::string_view name) {
  for (std::string_view m : config_methods())
    if (contract::equals_ignoring_case(name, m)) return m;
  return {};
}

bool has_no_script(const MockConfig& config, std::string_view wire_name) {
  return std::find(config.no_script.begin(), config.no_script.end(), wire_name) != config.no_script.end();
}

std::string apply_no_script(const json::value& list, const json::object* methods, MockConfig& config) {
  const std::string path = "$.no_script";
  const json::array* names = list.if_array();
  if (names == nullptr) return path + ": expected an array of method names" + got(list);
  std::vector<std::string_view> named;
  for (std::size_t i = 0; i < names->size(); ++i) {
    const std::string ipath = path + "[" + std::to_string(i) + "]";
    const json::value& name = (*names)[i];
    if (!name.is_string()) return ipath + ": expected a method name" + got(name);
    const std::string_view method = config_method_named(name.get_string());
    if (method.empty())
      return ipath + ": unknown method \"" + std::string(name.get_string()) +
             "\" (expected Plugin.query, Plugin.ls, Plugin.diagnostics or a method of the IDL's SR, Volume, "
             "Datapath or Data interfaces, e.g. SR.stat)";
    if (const auto seen = std::find(named.begin(), named.end(), method); seen != named.end())
      return ipath + ": the same method as " + path + "[" + std::to_string(seen - named.begin()) + "]";
    named.push_back(method);
    // A method without a script has nothing to run a rule or an answer.
    if (const std::string_view key = answered_in(methods, method); !key.empty())
      return ipath + ": " + std::string(method) + " has no script, yet " + member_path("$.methods", key) +
             " answers it";
    const auto plugin = plugin_method(method);
    if (plugin ? !config.rules_for(*plugin).empty() : !config.storage_rules_for(method).empty())
      return ipath + ": " + std::string(method) + " has no script, yet a scenario in $.scenarios gives it rules";
  }
  config.no_script.clear();
  for (std::string_view method : config_methods()) {
    if (std::find(named.begin(), named.end(), method) == named.end()) continue;
    config.no_script.emplace_back(method);
    // Every transport but a plugin directory (which has no file) answers as xapi would.
    Answer missing = script_missing_answer(method);
    if (const auto plugin = plugin_method(method)) {
      config.answer(*plugin) = std::move(missing);
      continue;
    }
    Rule rule;
    rule.steps.push_back(Step{std::move(missing), {}});
    config.storage_rules[std::string(method)].assign(1, std::move(rule));
  }
  return {};
}

}  // namespace smapi::mock
