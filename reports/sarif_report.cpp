#include "reports/sarif_report.h"

#include "contract/method.h"
#include "contract/names.h"
#include "reports/detail/atomic_file.h"
#include "reports/detail/pretty_json.h"
#include "reports/detail/result_facts.h"
#include "reports/detail/run_sections.h"
#include "reports/detail/sha256.h"
#include "reports/detail/text_safety.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

namespace smapi::reports {
namespace {

namespace json = boost::json;

constexpr std::string_view kSarifSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kInformationUri = "https://github.com/xapi-project/xapi-storage";

json::string text(std::string_view raw, std::size_t limit) {
  return json::string(detail::make_safe(raw, limit).text);
}

// GitHub code scanning keeps a rule's shortDescription and fullDescription to
// 1024 characters and its name to 255. make_safe adds at most 40 bytes of
// "…[N bytes omitted]" past its limit, and a character is at least a byte.
constexpr std::size_t kGitHubDescriptionMaxChars = 1024;
constexpr std::size_t kGitHubRuleNameMaxChars = 255;
constexpr std::size_t kOmissionNoteMaxBytes = 40;

json::string bounded(std::string_view raw, std::size_t max_chars, std::size_t limit) {
  return text(raw, std::min(limit, max_chars - kOmissionNoteMaxBytes));
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
  // Code scanning refuses an empty description: a requirement without a
  // statement (none in the catalogue) is described by its ID.
  const std::string_view statement = requirement.statement.empty() ? requirement.id : requirement.statement;
  std::string help = std::string(statement);
  if (!requirement.consequence.empty()) help += "\nIn xapi: " + std::string(requirement.consequence);
  if (!requirement.source.empty()) help += "\nSource: " + std::string(requirement.source);
  if (!requirement.citation.empty()) help += "\nCitation: " + std::string(requirement.citation);
  if (!requirement.proof.empty()) help += "\nProved to fail by: " + std::string(requirement.proof);
  json::array tags{"conformance", json::string(requirement.area)};
  return json::object{
      {"id", text(requirement.id, limit)},
      {"name", bounded(rule_name(requirement.id), kGitHubRuleNameMaxChars, limit)},
      {"shortDescription", json::object{{"text", bounded(statement, kGitHubDescriptionMaxChars, limit)}}},
      {"fullDescription", json::object{{"text", bounded(help, kGitHubDescriptionMaxChars, limit)}}},
      {"help", json::object{{"text", text(help, limit)}}},
      {"defaultConfiguration", json::object{{"level", default_level(requirement.level)}}},
      {"properties", json::object{{"area", text(requirement.area, limit)},
                                  {"level", suites::to_string(requirement.level)},
                                  {"tags", std::move(tags)}}},
  };
}

// A relative path as a URI reference: every byte outside RFC 3986's
// unreserved and sub-delims set (':' too, which would read as a scheme) is
// percent-encoded; '/' separates segments.
std::string uri_of_path(std::string_view path) {
  constexpr std::string_view kKept = "-._~!$&'()*+,;=@/";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || kKept.find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

std::string joined_path(std::string_view dir, std::string_view name) {
  return dir.empty() ? std::string(name) : std::string(dir) + "/" + std::string(name);
}

// The method a result's first evidence call made; none without evidence.
std::optional<contract::Method> method_of(const suites::RequirementResult& result,
                                          const suites::Observations& observations) {
  for (std::size_t index : result.evidence)
    if (index < observations.calls.size()) return observations.calls[index].method;
  return std::nullopt;
}

// Where a finding about `method` lies: exec, the method file (the one
// xapi-storage-script would run, as the directory names it; resolved when
// it is a link); HTTP, the method under the endpoint's stand-in directory.
// Where a run's findings lie: its subject's source_dir, or `place` when set
// (a fleet member without one).
struct Place {
  std::string plugin;      // names the plugin in logical locations
  std::string source_dir;  // the run's artifacts' directory
};

std::string artifact_path(contract::Method method, const suites::RunSubject& subject, const Place& place) {
  if (subject.transport != suites::Transport::exec)
    return joined_path(place.source_dir, contract::wire_name(method));
  std::string file(contract::script_name(method));
  for (const auto& name : subject.method_files)
    if (contract::equals_ignoring_case(name, file)) file = name;
  if (const auto link = subject.resolved_method_files.find(file); link != subject.resolved_method_files.end())
    return link->second;
  return joined_path(place.source_dir, file);
}

// The URI of a result's artifact; a result without evidence lies at
// Plugin.query's, the call through which xapi registers a plugin.
std::string artifact_uri(const suites::RequirementResult& result, const suites::RunResult& run, const Place& place,
                         std::size_t limit) {
  const auto method = method_of(result, run.observations).value_or(contract::Method::query);
  return uri_of_path(detail::make_safe(artifact_path(method, run.observations.subject, place), limit).text);
}

// One location: the physical one code scanning needs (the artifact, line 1:
// a finding concerns the method as a whole) and the logical one naming the
// method, or the plugin when no call is evidence.
json::array locations_json(const suites::RequirementResult& result, const suites::RunResult& run, const Place& place,
                           std::size_t limit) {
  const std::string& plugin = place.plugin;
  const auto method = method_of(result, run.observations);
  json::object physical{{"artifactLocation", json::object{{"uri", artifact_uri(result, run, place, limit)}}},
                        {"region", json::object{{"startLine", 1}}}};
  json::object logical{{"name", text(plugin, limit)}, {"fullyQualifiedName", text(plugin, limit)},
                       {"kind", "module"}};
  if (method) {
    const std::string name(contract::wire_name(*method));
    logical = json::object{{"name", name}, {"fullyQualifiedName", text(plugin + "/" + name, limit)},
                           {"kind", "function"}};
  }
  return json::array{json::object{{"physicalLocation", std::move(physical)},
                                  {"logicalLocations", json::array{std::move(logical)}}}};
}

// The identity code scanning tracks a finding by across runs. upload-sarif
// would hash the source line, which says nothing about a plugin's answer and
// is missing for an HTTP target; the requirement and the artifact do.
json::object fingerprints_json(const suites::Requirement& requirement, const suites::RequirementResult& result,
                               const suites::RunResult& run, const Place& place, std::size_t limit) {
  const std::string digest =
      detail::sha256_hex(std::string(requirement.id) + "\n" + artifact_uri(result, run, place, limit));
  return json::object{{"primaryLocationLineHash", digest.substr(0, 16) + ":1"}};
}

}  // namespace

void detail::SarifRules::add(const suites::Requirement& requirement, std::size_t limit) {
  const std::string id(requirement.id);
  if (index.count(id)) return;
  index[id] = rules.size();
  rules.push_back(rule_json(requirement, limit));
}

void detail::sarif_add_results(const suites::RunResult& run, std::string_view plugin, std::string_view source_dir,
                               const SarifRules& rules, std::size_t limit, json::array& results,
                               json::array& notifications) {
  const auto& subject = run.observations.subject;
  Place place{std::string(plugin), std::string(source_dir)};
  if (place.plugin.empty()) place.plugin = subject.plugin_dir_name.empty() ? subject.target : subject.plugin_dir_name;
  for (const auto& result : run.results) {
    const suites::Requirement& requirement = detail::requirement_of(result);
    const std::string message = std::string(requirement.id) + ": " + result.message;
    if (result.outcome == suites::Outcome::error) {
      notifications.push_back(json::object{
          {"level", "error"},
          {"message", json::object{{"text", text((plugin.empty() ? "" : std::string(plugin) + ": ") + "could not judge " +
                                                     message, limit)}}},
          {"descriptor", json::object{{"id", text(requirement.id, limit)}}}});
    }
    if (result.outcome != suites::Outcome::fail && result.outcome != suites::Outcome::warn) continue;
    const bool error = result.outcome == suites::Outcome::fail && requirement.level == suites::Level::must;
    json::object properties{{"outcome", suites::to_string(result.outcome)},
                            {"reproducer", text(detail::reproducer_of(result, run.observations), limit)}};
    if (!plugin.empty()) properties["plugin"] = text(plugin, limit);
    json::object out{
        {"ruleId", text(requirement.id, limit)},
        {"ruleIndex", rules.index.at(std::string(requirement.id))},
        {"kind", "fail"},
        {"level", error ? "error" : "warning"},
        {"message", json::object{{"text", text(message, limit)}}},
        {"locations", locations_json(result, run, place, limit)},
        {"partialFingerprints", fingerprints_json(requirement, result, run, place, limit)},
        {"properties", std::move(properties)},
    };
    if (detail::is_waived(result))
      out["suppressions"] = json::array{json::object{
          {"kind", "external"}, {"status", "accepted"},
          {"justification", text(detail::waiver_text(*result.waiver), limit)}}};
    results.push_back(std::move(out));
  }
}

json::object detail::sarif_log(json::object sarif_run) {
  return json::object{{"$schema", kSarifSchema}, {"version", "2.1.0"}, {"runs", json::array{std::move(sarif_run)}}};
}

json::object detail::sarif_tool(std::string_view tool_version, json::array rules, std::size_t limit) {
  return json::object{{"driver", json::object{{"name", "smapi-conform"},
                                              {"version", text(tool_version, limit)},
                                              {"informationUri", kInformationUri},
                                              {"rules", std::move(rules)}}}};
}

json::object detail::sarif_invocation(suites::Verdict verdict, int exit_status, std::string_view started_at,
                                      json::array notifications, std::size_t limit) {
  json::object invocation{{"executionSuccessful",
                           verdict != suites::Verdict::inconclusive && verdict != suites::Verdict::interrupted},
                          {"exitCode", exit_status}};
  if (!started_at.empty()) invocation["startTimeUtc"] = text(started_at, limit);
  invocation["toolExecutionNotifications"] = std::move(notifications);
  return invocation;
}

json::value to_sarif_json(const suites::RunResult& run, std::span<const suites::Requirement> catalogue,
                          const ReportLimits& limits) {
  const std::size_t limit = limits.max_evidence_field_bytes;
  detail::SarifRules rules;
  for (const auto& requirement : catalogue) rules.add(requirement, limit);
  for (const auto& result : run.results) rules.add(detail::requirement_of(result), limit);

  json::array results;
  json::array notifications;
  const auto& subject = run.observations.subject;
  detail::sarif_add_results(run, "", subject.source_dir, rules, limit, results, notifications);
  json::object sarif_run{
      {"tool", detail::sarif_tool(run.tool_version, std::move(rules.rules), limit)},
      {"invocations", json::array{detail::sarif_invocation(run.verdict, suites::exit_status(run), run.started_at,
                                                           std::move(notifications), limit)}},
      {"properties", json::object{{"verdict", suites::to_string(run.verdict)},
                                  {"target", text(subject.target, limit)},
                                  {"kind", suites::to_string(subject.kind)},
                                  {"transport", suites::to_string(subject.transport)},
                                  {"profile", suites::to_string(subject.profile)}}},
      {"results", std::move(results)},
  };
  return detail::sarif_log(std::move(sarif_run));
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
