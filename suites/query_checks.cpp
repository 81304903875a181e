// The query area: Plugin.query answers with a well-formed query_result.

#include "contract/detail/json_path.h"
#include "contract/json_text.h"
#include "contract/names.h"
#include "suites/detail/areas.h"
#include "suites/xapi_features.h"

#include <boost/json/serialize.hpp>

#include <array>
#include <optional>
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
  constexpr std::string_view kId = "QUERY-API-VERSION";
  const auto& subject = observations.subject;
  const auto* version = string_field(query, "required_api_version", view_for(subject.profile));
  if (!version)
    return results.skip(kId,
                        "required_api_version is absent or not a string (see QUERY-FIELDS-PRESENT, "
                        "QUERY-FIELD-TYPES)",
                        evidence);
  const auto quoted = json::serialize(*version);
  const auto tolerated = subject.profile == Profile::strict ? Outcome::fail : Outcome::warn;
  if (*version == "5.0") return results.pass(kId, "required_api_version is \"5.0\"", evidence);
  if (*version == "3.0")
    return results.add(kId, tolerated,
                       "required_api_version \"3.0\" is deprecated (xapi logs \"Using deprecated SMAPIv3 API "
                       "version\"); current plugins say \"5.0\"",
                       evidence);
  if (subject.kind == PluginKind::datapath)
    return results.fail(kId,
                        "$.required_api_version: expected \"5.0\" (or the deprecated \"3.0\"), got " + quoted +
                            ": xapi does not register the datapath plugin (check_plugin_version_compatible)",
                        evidence);
  const auto parts = xapi_version_of_string(*version);
  if (!parts)
    return results.fail(kId,
                        "$.required_api_version: " + quoted +
                            " is not dotted integers: xapi's version_of_string raises on it (xapi_sm.ml)",
                        evidence);
  if (xapi_version_below_2(*parts))
    return results.fail(kId,
                        "$.required_api_version: " + quoted +
                            " is below 2.0: xapi does not register the SM record (xapi_sm.ml register_plugin)",
                        evidence);
  results.add(kId, tolerated,
              "required_api_version " + quoted +
                  " is not one the IDL defines (\"5.0\"); xapi accepts it today",
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
  if (blank || plugin->find('.') != json::string::npos) {
    results.fail("QUERY-PLUGIN-NAME",
                 blank ? "$.plugin: expected a non-empty SR type, got " + json::serialize(*plugin)
                       : "$.plugin: " + json::serialize(*plugin) +
                             " holds a '.': xapi keeps only the last '.'-separated part of the queue name, "
                             "so no SR type of that name is ever found (storage_access.ml)",
                 evidence);
    // One defect, one failure: no directory name can serve such a name.
    return results.skip("QUERY-PLUGIN-DIR", "plugin cannot name a directory (see QUERY-PLUGIN-NAME)", evidence);
  }
  results.pass("QUERY-PLUGIN-NAME", "plugin is " + json::serialize(*plugin), evidence);

  // Judged for Volume plugins run from their directory only (its
  // Applicability). xapi registers SR type lowercase(plugin) and binds
  // SR.create to the queue of that name, which is the directory's name.
  const auto& subject = observations.subject;
  const std::string expected = "org.xen.xapi.storage." + contract::lowercase_ascii(*plugin);
  if (subject.plugin_dir_name == expected)
    results.pass("QUERY-PLUGIN-DIR", "directory " + expected + " matches plugin " + json::serialize(*plugin),
                 evidence);
  else
    results.fail("QUERY-PLUGIN-DIR",
                 "directory is \"" + subject.plugin_dir_name + "\", expected \"" + expected + "\" for plugin " +
                     json::serialize(*plugin) + ": xapi registers SR type \"" + contract::lowercase_ascii(*plugin) +
                     "\" and SR.create of that type fails with SR_UNKNOWN_DRIVER",
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
  const auto tolerated = subject.profile == Profile::strict ? Outcome::fail : Outcome::warn;
  if (malformed.empty())
    results.pass("QUERY-FEATURE-SYNTAX",
                 std::to_string(features->size()) + " features, each NAME or NAME/N", evidence);
  else
    results.add("QUERY-FEATURE-SYNTAX", tolerated,
                "expected NAME or NAME/N (N a positive integer), got " + malformed +
                    " (xapi keeps a known name with a bad or missing version at version 1)",
                evidence);

  if (!unknown.empty()) {
    return results.add("QUERY-FEATURE-KNOWN", tolerated,
                       "xapi does not know (and drops): " + unknown, evidence);
  }
  results.pass("QUERY-FEATURE-KNOWN",
               parsed == 0 ? std::string("no well-formed feature names to judge")
                           : "all " + std::to_string(parsed) + " feature names are known to xapi",
               evidence);
}

// The key under which the view reads `key`, as spelled in the answer.
std::string key_as_read(const json::object& query, std::string_view key, contract::View view) {
  if (view == contract::View::strict) return std::string(key);
  for (const auto& member : query)
    if (contract::equals_ignoring_case(member.key(), key)) return std::string(member.key());
  return std::string(key);
}

void check_configuration(const json::object& query, const std::vector<contract::Finding>& findings,
                         const CallObservation& call, const Observations& observations, Results& results,
                         const std::vector<std::size_t>& evidence) {
  const auto view = view_for(observations.subject.profile);
  if (!find_key(query, "configuration", view))
    return results.skip("QUERY-CONFIGURATION",
                        "configuration is absent (see QUERY-FIELDS-PRESENT)", evidence);
  auto defects = select(findings, [](const auto& f) {
    return under(f, "$.configuration") && f.kind != FindingKind::missing_key &&
           f.kind != FindingKind::unknown_key && f.kind != FindingKind::key_spelling;
  });
  // rpclib reads a Dict's every pair, repeated keys included: each value
  // must be a string (rpcmarshal.ml, case Dict).
  const auto read_path = contract::detail::member_path(answer_path(call), key_as_read(query, "configuration", view));
  for (const auto& duplicate : call.reply.duplicate_keys)
    if (duplicate.object_path == read_path && !duplicate.value.is_string())
      defects.push_back(contract::Finding{FindingKind::wrong_type,
                                          contract::detail::member_path("$.configuration", duplicate.key) + " (repeated)", "string",
                                          contract::json_excerpt(duplicate.value)});
  judge_findings(results, "QUERY-CONFIGURATION", defects, "configuration is an object of strings", evidence);
}

// Keys xapi reads but the IDL does not write so: another case, an unknown
// key, a key given twice (xapi reads the first).
std::vector<contract::Finding> inexact_keys(const CallObservation& call) {
  const auto exact = contract::decode_query_result(call.reply.result, contract::View::strict).findings;
  auto spelling = select(exact, [](const auto& f) {
    return f.kind == FindingKind::unknown_key || f.kind == FindingKind::key_spelling;
  });
  const auto root = answer_path(call);
  for (const auto& duplicate : call.reply.duplicate_keys)
    if (duplicate.object_path == root)
      spelling.push_back(contract::Finding{FindingKind::bad_value, contract::detail::member_path("$", duplicate.key), "the key once",
                                           "repeated (xapi reads the first)"});
  return spelling;
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
                     (contract::unimplemented_method(error, error_form(*call)) ? " (every plugin must implement Plugin.query)" : ""),
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

  const auto spelling = inexact_keys(*call);
  if (spelling.empty())
    results.pass("QUERY-KEYS-EXACT", "keys are exactly the IDL's", evidence);
  else
    results.add("QUERY-KEYS-EXACT",
                observations.subject.profile == Profile::strict ? Outcome::fail : Outcome::warn,
                describe(spelling) + " (xapi tolerates this; the IDL does not)", evidence);

  check_api_version(*query, observations, results, evidence);
  check_plugin_name(*query, observations, results, evidence);
  check_features(*query, observations, results, evidence);
  check_configuration(*query, findings, *call, observations, results, evidence);
}

}  // namespace smapi::suites::detail
