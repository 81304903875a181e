#include "mock_plugin/fault_scope.h"

#include "mock_plugin/detail/config_json.h"

#include <string_view>

namespace smapi::mock {
namespace {

// The step members of a fault that only `owner` carries out.
std::vector<std::string_view> members_only_for(const Fault& f, FaultTransport owner) {
  std::vector<std::string_view> out;
  if (owner == FaultTransport::http) {
    if (f.http_status) out.push_back("http_status");
    if (f.error_value) out.push_back("error_value");
    if (f.body == Fault::Body::wrong_id || f.body == Fault::Body::both_members) out.push_back("body");
  } else {
    if (f.exit_code) out.push_back("exit_code");
    if (!f.stderr_text.empty()) out.push_back("stderr");
    if (f.no_output) out.push_back("no_output");
    if (f.signal) out.push_back("signal");
    if (f.leave_child) out.push_back("leave_child");
  }
  return out;
}

// What follows the path in a warning.
std::string why(std::string_view member, const Fault& f, FaultTransport ignored_by) {
  if (ignored_by == FaultTransport::http) return "for exec plugins (plugin-dir) only; serve ignores it";
  if (member == "body") {
    return std::string(f.body == Fault::Body::wrong_id ? "\"wrong_id\"" : "\"both_members\"") +
           " is for JSON-RPC over HTTP (serve) only; an exec plugin (plugin-dir) ignores it";
  }
  return "for HTTP (serve) only; an exec plugin (plugin-dir) ignores it";
}

}  // namespace

std::vector<std::string> ignored_faults(const MockConfig& config, FaultTransport transport) {
  const FaultTransport other = transport == FaultTransport::http ? FaultTransport::exec : FaultTransport::http;
  std::vector<std::string> out;
  auto check = [&](std::string_view name, const std::vector<Rule>& rules) {
    const std::string method_path = detail::member_path("$.methods", name);
    for (std::size_t r = 0; r < rules.size(); ++r) {
      const Rule& rule = rules[r];
      const std::string rule_path = method_path + "[" + std::to_string(r) + "]";
      for (std::size_t s = 0; s < rule.steps.size(); ++s) {
        const std::string step_path =
            rule.is_sequence ? rule_path + ".sequence[" + std::to_string(s) + "]" : rule_path;
        const Fault& fault = rule.steps[s].fault;
        for (std::string_view member : members_only_for(fault, other)) {
          out.push_back(detail::member_path(step_path, member) + ": " + why(member, fault, transport));
        }
      }
    }
  };
  for (contract::Method m : contract::kAllMethods) check(contract::wire_name(m), config.rules_for(m));
  for (const auto& [name, rules] : config.storage_rules) check(name, rules);
  return out;
}

}  // namespace smapi::mock
