#include "reports/sarif_report.h"

#include "contract/method.h"
#include "reports/detail/atomic_file.h"
#include "reports/detail/pretty_json.h"
#include "reports/detail/result_facts.h"
#include "reports/detail/text_safety.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <map>

namespace smapi::reports {
namespace {

namespace json = boost::json;

constexpr std::string_view kSarifSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kInformationUri = "https://github.com/xapi-project/xapi-storage";

json::string text(std::string_view raw, std::size_t limit) {
  return json::string(detail::make_safe(raw, limit).text);
}

std::string_view default_level(suites::Level level) {
  return level == suites::Level::must ? "error" : "warning";
}

// "QUERY-FIELD-TYPE" -> "QueryFieldType" (SARIF's rule name is a readable identifier).
std::string rule_name(std::string_view id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (c == '-' || c == '_') { upper = true; continue; }
    out += upper ? c : static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    upper = false;
  }
  return out;
}

json::object rule_json(const suites::Requirement& requirement, std::size_t limit) {
  std::string help = std::string(requirement.statement);
  if (!requirement.consequence.empty()) help += "\nIn xapi: " + std::string(requirement.consequence);
  if (!requirement.source.empty()) help += "\nSource: " + std::string(requirement.source);
  if (!requirement.citation.empty()) help += "\nCitation: " + std::string(requirement.citation);
  if (!requirement.proof.empty()) help += "\nProved to fail by: " + std::string(requirement.proof);
  json::array tags{"conformance", json::string(requirement.area)};
  return json::object{
      {"id", text(requirement.id, limit)},
      {"name", text(rule_name(requirement.id), limit)},
      {"shortDescription", json::object{{"text", text(requirement.statement, limit)}}},
      {"fullDescription", json::object{{"text", text(help, limit)}}},
      {"help", json::object{{"text", text(help, limit)}}},
      {"defaultConfiguration", json::object{{"level", default_level(requirement.level)}}},
      {"properties", json::object{{"area", text(requirement.area, limit)},
                                  {"level", suites::to_string(requirement.level)},
                                  {"tags", std::move(tags)}}},
  };
}

json::array locations_json(const suites::RequirementResult& result, const suites::RunResult& run,
                           std::size_t limit) {
  const auto& subject = run.observations.subject;
  const std::string plugin = subject.plugin_dir_name.empty() ? subject.target : subject.plugin_dir_name;
  json::object logical{{"name", text(plugin, limit)}, {"fullyQualifiedName", text(plugin, limit)},
                       {"kind", "module"}};
  for (std::size_t index : result.evidence) {
    if (index >= run.observations.calls.size()) continue;
    const std::string method(contract::wire_name(run.observations.calls[index].method));
    logical = json::object{{"name", method},
                           {"fullyQualifiedName", text(plugin + "/" + method, limit)},
                           {"kind", "function"}};
    break;
  }
  return json::array{json::object{{"logicalLocations", json::array{std::move(logical)}}}};
}

}  // namespace

json::value to_sarif_json(const suites::RunResult& run, std::span<const suites::Requirement> catalogue,
                          const ReportLimits& limits) {
  const std::size_t limit = limits.max_evidence_field_bytes;
  json::array rules;
  std::map<std::string, std::size_t> rule_index;
  const auto add_rule = [&](const suites::Requirement& requirement) {
    const std::string id(requirement.id);
    if (rule_index.count(id)) return;
    rule_index[id] = rules.size();
    rules.push_back(rule_json(requirement, limit));
  };
  for (const auto& requirement : catalogue) add_rule(requirement);
  for (const auto& result : run.results) add_rule(detail::requirement_of(result));

  json::array results;
  json::array notifications;
  for (const auto& result : run.results) {
    const suites::Requirement& requirement = detail::requirement_of(result);
    const std::string message = std::string(requirement.id) + ": " + result.message;
    if (result.outcome == suites::Outcome::error) {
      notifications.push_back(json::object{
          {"level", "error"},
          {"message", json::object{{"text", text("could not judge " + message, limit)}}},
          {"descriptor", json::object{{"id", text(requirement.id, limit)}}}});
    }
    if (result.outcome != suites::Outcome::fail && result.outcome != suites::Outcome::warn) continue;
    const bool error = result.outcome == suites::Outcome::fail && requirement.level == suites::Level::must;
    json::object out{
        {"ruleId", text(requirement.id, limit)},
        {"ruleIndex", rule_index.at(std::string(requirement.id))},
        {"kind", "fail"},
        {"level", error ? "error" : "warning"},
        {"message", json::object{{"text", text(message, limit)}}},
        {"locations", locations_json(result, run, limit)},
        {"properties", json::object{{"outcome", suites::to_string(result.outcome)},
                                    {"reproducer", text(detail::reproducer_of(result, run.observations), limit)}}},
    };
    if (detail::is_waived(result))
      out["suppressions"] = json::array{json::object{
          {"kind", "external"}, {"status", "accepted"},
          {"justification", text(detail::waiver_text(*result.waiver), limit)}}};
    results.push_back(std::move(out));
  }

  const auto& subject = run.observations.subject;
  const int exit_status = suites::exit_status(run);
  json::object invocation{{"executionSuccessful", run.verdict != suites::Verdict::inconclusive &&
                                                      run.verdict != suites::Verdict::interrupted},
                          {"exitCode", exit_status}};
  if (!run.started_at.empty()) invocation["startTimeUtc"] = text(run.started_at, limit);
  invocation["toolExecutionNotifications"] = std::move(notifications);

  json::object sarif_run{
      {"tool", json::object{{"driver", json::object{{"name", "smapi-conform"},
                                                     {"version", text(run.tool_version, limit)},
                                                     {"informationUri", kInformationUri},
                                                     {"rules", std::move(rules)}}}}},
      {"invocations", json::array{std::move(invocation)}},
      {"properties", json::object{{"verdict", suites::to_string(run.verdict)},
                                  {"target", text(subject.target, limit)},
                                  {"kind", suites::to_string(subject.kind)},
                                  {"transport", suites::to_string(subject.transport)},
                                  {"profile", suites::to_string(subject.profile)}}},
      {"results", std::move(results)},
  };
  return json::object{{"$schema", kSarifSchema}, {"version", "2.1.0"},
                      {"runs", json::array{std::move(sarif_run)}}};
}

std::string to_sarif_text(const suites::RunResult& run, std::span<const suites::Requirement> catalogue,
                          const ReportLimits& limits) {
  return detail::pretty_json(to_sarif_json(run, catalogue, limits));
}

void write_sarif_report(const suites::RunResult& run, std::span<const suites::Requirement> catalogue,
                        const std::filesystem::path& file, const ReportLimits& limits) {
  detail::write_file_atomically(file, to_sarif_text(run, catalogue, limits));
}

}  // namespace smapi::reports
