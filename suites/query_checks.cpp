// The query area: Plugin.query answers with a well-formed query_result.

#include "contract/json_text.h"
#include "suites/detail/areas.h"
#include "suites/xapi_features.h"

#include <boost/json/serialize.hpp>

#include <array>
#include <string>

namespace smapi::suites::detail {
namespace {

using contract::FindingKind;
namespace json = boost::json;

// The requirements that read the query_result, skipped together when there is none.
constexpr std::array<std::string_view, 10> kResultChecks{
    "QUERY-RESULT-OBJECT",  "QUERY-FIELDS-PRESENT", "QUERY-FIELD-TYPES",
    "QUERY-KEYS-EXACT",     "QUERY-API-VERSION",    "QUERY-PLUGIN-NAME",
    "QUERY-PLUGIN-DIR",     "QUERY-FEATURE-SYNTAX", "QUERY-FEATURE-KNOWN",
    "QUERY-CONFIGURATION"};

void skip_from(Results& results, std::size_t first, const std::string& reason,
               std::vector<std::size_t> evidence) {
  for (std::size_t i = first; i < kResultChecks.size(); ++i)
    results.skip(kResultChecks[i], reason, evidence);
}

bool under(const contract::Finding& finding, std::string_view prefix) {
  return finding.path.compare(0, prefix.size(), prefix) == 0 &&
         (finding.path.size() == prefix.size() || finding.path[prefix.size()] == '.' ||
          finding.path[prefix.size()] == '[');
}

std::vector<contract::Finding> select(const std::vector<contract::Finding>& findings,
                                      auto&& keep) {
  std::vector<contract::Finding> kept;
  for (const auto& finding : findings)
    if (keep(finding)) kept.push_back(finding);
  return kept;
}

// Passes when none were found, fails with their description otherwise.
void judge_findings(Results& results, std::string_view id,
                    const std::vector<contract::Finding>& findings, std::string pass_message,
                    const std::vector<std::size_t>& evidence) {
  if (findings.empty())
    results.pass(id, std::move(pass_message), evidence);
  else
    results.fail(id, describe(findings), evidence);
}

// A string field read as the profile reads it; nullptr when absent or not a string.
const json::string* string_field(const json::object& query, std::string_view key,
                                 contract::View view) {
  const auto* value = find_key(query, key, view);
  return value ? value->if_string() : nullptr;
}

void check_api_version(const json::object& query, const Observations& observations,
                       Results& results, const std::vector<std::size_t>& evidence) {
  const auto view = view_for(observations.subject.profile);
  const auto* version = string_field(query, "required_api_version", view);
  if (!version)
    return results.skip("QUERY-API-VERSION",
                        "required_api_version is absent or not a string (see QUERY-FIELDS-PRESENT, "
                        "QUERY-FIELD-TYPES)",
                        evidence);
  if (*version == "5.0")
    return results.pass("QUERY-API-VERSION", "required_api_version is \"5.0\"", evidence);
  if (*version == "3.0") {
    const auto outcome = observations.subject.profile == Profile::strict ? Outcome::fail : Outcome::warn;
    return results.add("QUERY-API-VERSION", outcome,
                       "required_api_version \"3.0\" is deprecated; current plugins say \"5.0\"",
                       evidence);
  }
  results.fail("QUERY-API-VERSION",
               "$.required_api_version: expected \"5.0\" (or the deprecated \"3.0\"), got " +
                   json::serialize(*version),
               evidence);
}

void check_plugin_name(const json::object& query, const Observations& observations,
                       Results& results, const std::vector<std::size_t>& evidence) {
  const auto view = view_for(observations.subject.profile);
  const auto* plugin = string_field(query, "plugin", view);
  if (!plugin) {
    const std::string reason =
        "plugin is absent or not a string (see QUERY-FIELDS-PRESENT, QUERY-FIELD-TYPES)";
    results.skip("QUERY-PLUGIN-NAME", reason, evidence);
    return results.skip("QUERY-PLUGIN-DIR", reason, evidence);
  }
  const bool blank = plugin->find_first_not_of(" \t\r\n") == json::string::npos;
  if (blank) {
    results.fail("QUERY-PLUGIN-NAME",
                 "$.plugin: expected a non-empty SR type, got " + json::serialize(*plugin), evidence);
    // One defect, one failure: no directory name can match an empty plugin name.
    return results.skip("QUERY-PLUGIN-DIR", "plugin is blank (see QUERY-PLUGIN-NAME)", evidence);
  }
  results.pass("QUERY-PLUGIN-NAME", "plugin is " + json::serialize(*plugin), evidence);

  // Judged for Volume plugins run from their directory only (its Applicability).
  const auto& subject = observations.subject;
  const std::string expected = "org.xen.xapi.storage." + std::string(*plugin);
  if (subject.plugin_dir_name == expected)
    results.pass("QUERY-PLUGIN-DIR", "directory " + expected + " matches plugin", evidence);
  else
    results.fail("QUERY-PLUGIN-DIR",
                 "directory is \"" + subject.plugin_dir_name + "\", expected \"" + expected +
                     "\" for plugin " + json::serialize(*plugin),
                 evidence);
}

void check_features(const json::object& query, const Observations& observations,
                    Results& results, const std::vector<std::size_t>& evidence) {
  const auto& subject = observations.subject;
  const auto* value = find_key(query, "features", view_for(subject.profile));
  const auto* features = value ? value->if_array() : nullptr;
  if (!features) {
    const std::string reason =
        "features is absent or not an array (see QUERY-FIELDS-PRESENT, QUERY-FIELD-TYPES)";
    results.skip("QUERY-FEATURE-SYNTAX", reason, evidence);
    return results.skip("QUERY-FEATURE-KNOWN", reason, evidence);
  }
  std::string malformed, unknown;
  std::size_t parsed = 0;
  for (std::size_t i = 0; i < features->size(); ++i) {
    const auto* text = (*features)[i].if_string();
    if (!text) continue;  // QUERY-FIELD-TYPES reports it
    const auto feature = parse_feature(*text);
    if (!feature) {
      malformed += (malformed.empty() ? "" : ", ") + ("$.features[" + std::to_string(i) + "] ") +
                   json::serialize(*text);
      continue;
    }
    ++parsed;
    if (!xapi_knows_feature(feature->name, subject.kind))
      unknown += (unknown.empty() ? "" : ", ") + feature->name;
  }
  if (malformed.empty())
    results.pass("QUERY-FEATURE-SYNTAX",
                 std::to_string(features->size()) + " features, each NAME or NAME/N", evidence);
  else
    results.fail("QUERY-FEATURE-SYNTAX", "expected NAME or NAME/N (N a positive integer), got " + malformed,
                 evidence);

  if (!unknown.empty()) {
    const auto outcome = subject.profile == Profile::strict ? Outcome::fail : Outcome::warn;
    return results.add("QUERY-FEATURE-KNOWN", outcome,
                       "xapi does not know (and drops): " + unknown, evidence);
  }
  results.pass("QUERY-FEATURE-KNOWN",
               parsed == 0 ? std::string("no well-formed feature names to judge")
                           : "all " + std::to_string(parsed) + " feature names are known to xapi",
               evidence);
}

void check_configuration(const json::object& query, const std::vector<contract::Finding>& findings,
                         const Observations& observations, Results& results,
                         const std::vector<std::size_t>& evidence) {
  if (!find_key(query, "configuration", view_for(observations.subject.profile)))
    return results.skip("QUERY-CONFIGURATION",
                        "configuration is absent (see QUERY-FIELDS-PRESENT)", evidence);
  judge_findings(results, "QUERY-CONFIGURATION",
                 select(findings,
                        [](const auto& f) {
                          return under(f, "$.configuration") && f.kind != FindingKind::missing_key &&
                                 f.kind != FindingKind::unknown_key && f.kind != FindingKind::key_spelling;
                        }),
                 "configuration is an object of strings", evidence);
}

}  // namespace

void check_query(const Observations& observations, Results& results) {
  const auto* call = observations.first(contract::Method::query);
  if (!call) {
    results.skip("QUERY-ANSWERS", "Plugin.query was not called");
    return skip_from(results, 0, "Plugin.query was not called", {});
  }
  const std::vector<std::size_t> evidence{index_of(observations, *call)};

  if (call->delivery == Delivery::answered && call->reply.kind == contract::Reply::Kind::result) {
    results.pass("QUERY-ANSWERS", "Plugin.query answered with a result", evidence);
  } else if (!transport_requirement_for(*call).empty()) {
    const auto reason = see_transport_requirement(*call);
    results.skip("QUERY-ANSWERS", reason, evidence);
    return skip_from(results, 0, reason, evidence);
  } else if (call->delivery == Delivery::answered && call->reply.kind == contract::Reply::Kind::error) {
    const auto& error = call->reply.error;
    results.fail("QUERY-ANSWERS",
                 "Plugin.query answered with an error: " + contract::json_excerpt(error.raw, 200) +
                     (contract::unimplemented_method(error) ? " (every plugin must implement Plugin.query)" : ""),
                 evidence);
  } else {
    results.fail("QUERY-ANSWERS", "Plugin.query gave no usable answer: " + no_answer_reason(*call),
                 evidence);
  }
  if (call->delivery != Delivery::answered || call->reply.kind != contract::Reply::Kind::result)
    return skip_from(results, 0, "no query_result to judge (see QUERY-ANSWERS)", evidence);

  const auto* query = call->reply.result.if_object();
  if (!query) {
    results.fail("QUERY-RESULT-OBJECT",
                 "expected an object, got " + std::string(contract::json_type_name(call->reply.result)) +
                     " " + contract::json_excerpt(call->reply.result),
                 evidence);
    return skip_from(results, 1, "the result is not an object (see QUERY-RESULT-OBJECT)", evidence);
  }
  results.pass("QUERY-RESULT-OBJECT", "the result is an object", evidence);

  const auto view = view_for(observations.subject.profile);
  const auto findings = contract::decode_query_result(call->reply.result, view).findings;
  judge_findings(results, "QUERY-FIELDS-PRESENT",
                 select(findings, [](const auto& f) { return f.kind == FindingKind::missing_key; }),
                 "all ten fields are present", evidence);
  judge_findings(results, "QUERY-FIELD-TYPES",
                 select(findings,
                        [](const auto& f) {
                          return (f.kind == FindingKind::wrong_type || f.kind == FindingKind::bad_value) &&
                                 !under(f, "$.configuration");
                        }),
                 "every field has its IDL type", evidence);

  const auto exact = contract::decode_query_result(call->reply.result, contract::View::strict).findings;
  const auto spelling = select(exact, [](const auto& f) {
    return f.kind == FindingKind::unknown_key || f.kind == FindingKind::key_spelling;
  });
  if (spelling.empty())
    results.pass("QUERY-KEYS-EXACT", "keys are exactly the IDL's", evidence);
  else
    results.add("QUERY-KEYS-EXACT",
                observations.subject.profile == Profile::strict ? Outcome::fail : Outcome::warn,
                describe(spelling) + " (xapi tolerates this; the IDL does not)", evidence);

  check_api_version(*query, observations, results, evidence);
  check_plugin_name(*query, observations, results, evidence);
  check_features(*query, observations, results, evidence);
  check_configuration(*query, findings, observations, results, evidence);
}

}  // namespace smapi::suites::detail
