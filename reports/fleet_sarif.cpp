// The fleet's SARIF log: one run, as GitHub code scanning wants one run per
// tool and category, whose results name their plugin and lie under its
// directory, so a finding's location says which plugin it concerns.

#include "reports/detail/pretty_json.h"
#include "reports/detail/result_facts.h"
#include "reports/detail/run_sections.h"
#include "reports/detail/text_safety.h"
#include "reports/fleet_reports.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace smapi::reports {
namespace {

namespace json = boost::json;

// A path code scanning takes as relative: not empty, no scheme, no leading
// '/', no ".." segment.
bool is_plain_relative(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.find(':') != std::string_view::npos) return false;
  const std::string segmented = "/" + std::string(path) + "/";
  return segmented.find("/../") == std::string::npos;
}

// Where a member's findings lie: its source_dir; without one, its name when
// that is a relative path (a tree's "volume/org.xen..."), else its kind and
// plugin directory's name.
std::string source_dir_of(const suites::FleetMember& member) {
  const auto& subject = member.run.observations.subject;
  if (!subject.source_dir.empty()) return subject.source_dir;
  if (is_plain_relative(member.name)) return member.name;
  return std::string(suites::to_string(subject.kind)) + "/" +
         (is_plain_relative(subject.plugin_dir_name) ? subject.plugin_dir_name : std::string("plugin"));
}

}  // namespace

json::value to_fleet_sarif_json(const suites::FleetResult& fleet, std::span<const suites::Requirement> catalogue,
                                const ReportLimits& limits) {
  const std::size_t limit = limits.max_evidence_field_bytes;
  detail::SarifRules rules;
  for (const auto& requirement : catalogue) rules.add(requirement, limit);
  for (const auto& member : fleet.members)
    for (const auto& result : member.run.results) rules.add(detail::requirement_of(result), limit);

  json::array results;
  json::array notifications;
  json::array plugins;
  for (const auto& member : fleet.members) {
    const std::string name = detail::make_safe(member.name, limit).text;
    plugins.push_back(json::object{{"name", name}, {"verdict", suites::to_string(suites::member_verdict(member))}});
    if (member.harness_error) {
      notifications.push_back(json::object{
          {"level", "error"},
          {"message", json::object{{"text", detail::make_safe(member.name + ": could not judge the plugin: " +
                                                                  *member.harness_error, limit).text}}}});
      continue;
    }
    detail::sarif_add_results(member.run, member.name, source_dir_of(member), rules, limit, results, notifications);
  }
  json::object properties{{"verdict", suites::to_string(fleet.verdict)}, {"plugins", std::move(plugins)}};
  if (fleet.shard) properties["shard"] = json::object{{"index", fleet.shard->index}, {"count", fleet.shard->count}};
  json::object sarif_run{
      {"tool", detail::sarif_tool(fleet.tool_version, std::move(rules.rules), limit)},
      {"invocations", json::array{detail::sarif_invocation(fleet.verdict, suites::exit_status(fleet), fleet.started_at,
                                                           std::move(notifications), limit)}},
      {"properties", std::move(properties)},
      {"results", std::move(results)},
  };
  return detail::sarif_log(std::move(sarif_run));
}

}  // namespace smapi::reports
