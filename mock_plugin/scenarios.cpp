#include "mock_plugin/scenarios.h"

#include "contract/json_text.h"
#include "mock_plugin/detail/config_rules.h"

#include <boost/json/object.hpp>

#include <stdexcept>

namespace smapi::mock {
namespace {

namespace json = boost::json;

// The rules of slow-attach, with kSlowAttachDelayMs written in.
std::string slow_attach_rules() {
  const std::string delay = R"([{"delay_ms": )" + std::to_string(kSlowAttachDelayMs) + "}]";
  return R"({"SR.attach": )" + delay + R"(, "Datapath.attach": )" + delay + "}";
}

const std::string kSlowAttach = slow_attach_rules();

}  // namespace

const std::vector<Scenario>& scenarios() {
  static const std::vector<Scenario> kScenarios = {
      {"sr-full", "Volume.create fails: the SR is full",
       R"json({"Volume.create": [{"error": {"code": "SR_BACKEND_FAILURE", "params": ["Volume.create",
           "no space left in the SR for the volume (smapi-mock scenario sr-full)"]}}]})json"},
      {"slow-attach", "SR.attach and Datapath.attach answer after kSlowAttachDelayMs (5 s)", kSlowAttach},
      {"vanishing-volume", "Datapath.attach: Volume_does_not_exist, after Volume.stat found it",
       R"json({"Datapath.attach": [{"error": {"code": "Volume_does_not_exist", "params": [
           "the volume vanished after Volume.stat (smapi-mock scenario vanishing-volume)"]}}]})json"},
      {"restart-forgets-srs", "the plugin restarts after the first SR.attach and forgets the SR is attached",
       R"({"SR.attach": [{"times": 1, "restart": true}]})"},
  };
  return kScenarios;
}

std::string apply_scenario(MockConfig& config, std::string_view name) {
  for (const Scenario& s : scenarios()) {
    if (s.name != name) continue;
    const contract::JsonParse parsed = contract::parse_one_json_value(s.methods);
    // Built in, so never bad; a failure here is a bug in this file.
    if (!parsed.value || !parsed.value->is_object()) throw std::logic_error("scenario " + std::string(name));
    for (const auto& [method, rules] : parsed.value->get_object()) {
      std::vector<Rule> added;
      const std::string path = "scenario " + std::string(name) + " " + std::string(method);
      if (std::string e = detail::parse_rules(rules.as_array(), path, added); !e.empty()) {
        throw std::logic_error(e);
      }
      auto& list = config.storage_rules[std::string(method)];
      if (list.size() + added.size() > kMaxRulesPerMethod) {
        return "scenario " + std::string(name) + ": " + std::string(method) +
               " would have more than kMaxRulesPerMethod (" + std::to_string(kMaxRulesPerMethod) + ") rules";
      }
      list.insert(list.end(), added.begin(), added.end());
    }
    return {};
  }
  std::string known;
  for (const Scenario& s : scenarios()) known += (known.empty() ? "" : ", ") + std::string(s.name);
  return "unknown scenario \"" + std::string(name) + "\" (expected one of " + known + ")";
}

}  // namespace smapi::mock
