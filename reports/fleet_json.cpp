#include "reports/fleet_json.h"

#include "reports/detail/pretty_json.h"
#include "reports/detail/text_safety.h"
#include "reports/json_report.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>

namespace smapi::reports {
namespace {

namespace json = boost::json;

// As json_report.cpp lays its report out.
constexpr std::size_t kInlineWidth = 120;

json::string text(std::string_view raw, std::size_t limit) {
  return json::string(detail::make_safe(raw, limit).text);
}

json::object member_json(const suites::FleetMember& member, const ReportLimits& limits) {
  const std::size_t limit = limits.max_field_bytes;
  const suites::Verdict verdict = suites::member_verdict(member);
  const auto& subject = member.run.observations.subject;
  json::object resolved;
  for (const auto& [file, path] : subject.resolved_method_files) resolved[file] = text(path, limit);
  json::object out;
  out["name"] = text(member.name, limit);
  out["verdict"] = suites::to_string(verdict);
  out["exit_status"] = member.harness_error ? suites::exit_status(verdict) : suites::exit_status(member.run);
  out["harness_error"] = member.harness_error ? json::value(text(*member.harness_error, limit)) : json::value(nullptr);
  out["sarif"] = json::object{{"source_dir", text(subject.source_dir, limit)},
                              {"resolved_method_files", std::move(resolved)}};
  out["report"] = to_report_json(member.run, limits);
  return out;
}

}  // namespace

json::value to_fleet_report_json(const suites::FleetResult& fleet, const ReportLimits& limits) {
  const std::size_t limit = limits.max_field_bytes;
  json::object plugins{{"conformant", 0}, {"non-conformant", 0}, {"inconclusive", 0}, {"interrupted", 0}};
  json::object counts{{"pass", 0}, {"fail", 0}, {"warn", 0}, {"skip", 0}, {"error", 0}};
  json::array members;
  for (const auto& member : fleet.members) {
    const std::string_view verdict = suites::to_string(suites::member_verdict(member));
    plugins[verdict] = plugins[verdict].to_number<std::int64_t>() + 1;
    for (const auto& result : member.run.results) {
      const std::string_view outcome = suites::to_string(result.outcome);
      counts[outcome] = counts[outcome].to_number<std::int64_t>() + 1;
    }
    members.push_back(member_json(member, limits));
  }
  json::array discovered;
  for (const auto& name : fleet.discovered) discovered.push_back(text(name, limit));

  json::object summary{{"verdict", suites::to_string(fleet.verdict)},
                       {"exit_status", suites::exit_status(fleet)},
                       {"fail_on", suites::to_string(fleet.policy.fail_on)},
                       {"plugins", std::move(plugins)},
                       {"counts", std::move(counts)}};
  if (fleet.interruption)
    summary["interrupted"] = json::object{{"signal", suites::signal_name(fleet.interruption->signal)},
                                          {"calls_made", fleet.interruption->calls_made},
                                          {"calls_planned", fleet.interruption->calls_planned}};
  json::object report;
  report["schema_version"] = kFleetReportSchemaVersion;
  report["tool"] = json::object{{"name", "smapi-conform"}, {"version", text(fleet.tool_version, limit)}};
  report["catalogue_version"] = suites::catalogue_version();
  report["started_at"] = text(fleet.started_at, limit);
  report["duration_ms"] = static_cast<std::int64_t>(fleet.duration.count());
  report["shard"] = fleet.shard ? json::value(json::object{{"index", fleet.shard->index}, {"count", fleet.shard->count}})
                                : json::value(nullptr);
  report["discovered"] = std::move(discovered);
  report["summary"] = std::move(summary);
  report["members"] = std::move(members);
  return report;
}

std::string to_fleet_report_text(const suites::FleetResult& fleet, const ReportLimits& limits) {
  return detail::pretty_json(to_fleet_report_json(fleet, limits), kInlineWidth);
}

}  // namespace smapi::reports
