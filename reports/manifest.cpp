#include "reports/manifest.h"

#include "contract/method.h"
#include "reports/detail/pretty_json.h"
#include "reports/detail/sha256.h"
#include "reports/detail/text_safety.h"
#include "reports/json_report.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <set>

namespace smapi::reports {
namespace {

namespace json = boost::json;

// Longest text of a bundle file quoted in a problem line.
constexpr std::size_t kQuotedMaxBytes = 200;

std::string quote_text(std::string_view text) {
  return "\"" + detail::one_line(detail::make_safe(text, kQuotedMaxBytes).text, kQuotedMaxBytes) + "\"";
}

const json::string* string_at(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value ? value->if_string() : nullptr;
}

bool is_hex_digest(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// The requirement checks on report.json (the verdict and every MUST).
void check_report(std::string_view text, std::span<const suites::Requirement> catalogue, BundleCheck& check) {
  json::error_code ec;
  json::parse_options options;
  options.max_depth = 64;
  const json::value report = json::parse(text, ec, {}, options);
  const json::object* root = ec ? nullptr : report.if_object();
  const json::value* results_value = root ? root->if_contains("results") : nullptr;
  const json::array* results = results_value ? results_value->if_array() : nullptr;
  if (!results) {
    check.problems.push_back("report.json: not a smapi-conform report (no \"results\" list)");
    return;
  }
  if (const json::value* version = root->if_contains("schema_version");
      !version || !version->is_int64() || version->as_int64() != kJsonReportSchemaVersion)
    check.problems.push_back("report.json: schema_version is not " + std::to_string(kJsonReportSchemaVersion));
  if (const json::string* version = string_at(*root, "catalogue_version");
      !version || *version != suites::catalogue_version())
    check.problems.push_back("report.json: catalogue_version " +
                             (version ? quote_text(*version) : std::string("missing")) + " is not this tool's (" +
                             std::string(suites::catalogue_version()) + ")");
  const json::value* summary = root->if_contains("summary");
  const json::string* verdict =
      summary && summary->is_object() ? string_at(summary->as_object(), "verdict") : nullptr;
  if (!verdict || *verdict != "conformant")
    check.problems.push_back("report.json: verdict is " +
                             (verdict ? quote_text(*verdict) : std::string("missing")) + ", not \"conformant\"");

  const json::value* subject = root->if_contains("subject");
  const json::value* probes = subject && subject->is_object() ? subject->as_object().if_contains("probes") : nullptr;
  if (!probes || !probes->is_bool() || !probes->as_bool())
    check.problems.push_back("report.json: the run was made without the robustness probes (--no-probes); "
                             "a certification judges every requirement");

  std::map<std::string, const json::object*> by_id;
  for (const auto& result : *results)
    if (const json::object* object = result.if_object())
      if (const json::string* id = string_at(*object, "id")) by_id[std::string(*id)] = object;
  for (const auto& requirement : catalogue) {
    if (requirement.level != suites::Level::must) continue;
    const std::string id(requirement.id);
    const auto found = by_id.find(id);
    if (found == by_id.end()) {
      check.problems.push_back(id + " (MUST): missing from report.json");
      continue;
    }
    const json::string* outcome = string_at(*found->second, "outcome");
    const json::value* waiver = found->second->if_contains("waiver");
    const std::string outcome_text = outcome ? std::string(*outcome) : "missing";
    if (waiver && !waiver->is_null())
      check.problems.push_back(id + " (MUST): waived (" + outcome_text + "); a certified plugin passes every MUST");
    else if (outcome_text == "skip")
      check.notes.push_back(id + " (MUST): does not apply to this plugin (skip)");
    else if (outcome_text != "pass" && outcome_text != "warn")
      check.problems.push_back(id + " (MUST): outcome " + quote_text(outcome_text) + ", not pass");
  }
}

}  // namespace

std::string catalogue_digest(std::span<const suites::Requirement> catalogue) {
  std::string rows;
  for (const auto& requirement : catalogue) {
    rows += requirement.id;
    rows += '\t';
    rows += requirement.area;
    rows += '\t';
    rows += suites::to_string(requirement.level);
    rows += '\t';
    rows += requirement.statement;
    rows += '\n';
  }
  return detail::sha256_hex(rows);
}

std::string query_fingerprint(const suites::Observations& observations) {
  const suites::CallObservation* query = observations.first(contract::Method::query);
  return query ? detail::sha256_hex(query->reply_bytes) : "";
}

std::string manifest_text(const suites::RunResult& run, std::span<const suites::Requirement> catalogue,
                          const std::map<std::string, std::string>& files) {
  json::array listed;
  for (const auto& [name, bytes] : files)
    listed.push_back(json::object{{"name", name},
                                  {"sha256", detail::sha256_hex(bytes)},
                                  {"bytes", static_cast<std::uint64_t>(bytes.size())}});
  const json::value report = to_report_json(run);
  return detail::pretty_json(json::object{
      {"manifest_version", kManifestVersion},
      {"tool", json::object{{"name", "smapi-conform"}, {"version", detail::make_safe(run.tool_version, 256).text}}},
      {"catalogue_version", suites::catalogue_version()},
      {"catalogue_digest", catalogue_digest(catalogue)},
      {"query_fingerprint", query_fingerprint(run.observations)},
      {"subject", report.at("subject")},
      {"verdict", suites::to_string(run.verdict)},
      {"created_at", detail::make_safe(run.started_at, 64).text},
      {"files", std::move(listed)},
  });
}

BundleCheck check_bundle(const std::map<std::string, std::string>& contents,
                         std::span<const suites::Requirement> catalogue) {
  BundleCheck check;
  const auto manifest_file = contents.find(std::string(kManifestFileName));
  if (manifest_file == contents.end()) {
    check.problems.push_back("manifest.json: missing from the bundle");
    return check;
  }
  json::error_code ec;
  const json::value manifest = json::parse(manifest_file->second, ec);
  const json::object* root = ec ? nullptr : manifest.if_object();
  if (!root) {
    check.problems.push_back("manifest.json: not a JSON object" + (ec ? " (" + ec.message() + ")" : std::string()));
    return check;
  }
  if (const json::value* version = root->if_contains("manifest_version");
      !version || !version->is_int64() || version->as_int64() != kManifestVersion)
    check.problems.push_back("manifest.json: manifest_version is not " + std::to_string(kManifestVersion));

  const std::string_view expected_version = suites::catalogue_version();
  const json::string* their_version = string_at(*root, "catalogue_version");
  const bool same_version = their_version && *their_version == expected_version;
  if (!same_version)
    check.problems.push_back("manifest.json: catalogue_version " +
                             (their_version ? quote_text(*their_version) : std::string("missing")) +
                             " is not this tool's (" + std::string(expected_version) + ")");
  const std::string expected_digest = catalogue_digest(catalogue);
  const json::string* their_digest = string_at(*root, "catalogue_digest");
  const bool same_digest = their_digest && *their_digest == expected_digest;
  if (!same_digest)
    check.problems.push_back("manifest.json: catalogue_digest " +
                             (their_digest ? quote_text(*their_digest) : std::string("missing")) +
                             " is not this tool's (" + expected_digest + ")");
  if (same_version && same_digest)
    check.notes.push_back("catalogue " + std::string(expected_version) + " (rows digest " + expected_digest + ")");
  if (const json::string* fingerprint = string_at(*root, "query_fingerprint"))
    check.notes.push_back("Plugin.query answer fingerprint (sha256): " +
                          (fingerprint->empty() ? std::string("none") : quote_text(*fingerprint)));

  const json::value* files_value = root->if_contains("files");
  const json::array* files = files_value ? files_value->if_array() : nullptr;
  if (!files) {
    check.problems.push_back("manifest.json: no \"files\" list");
    return check;
  }
  std::set<std::string> listed;
  for (const auto& entry : *files) {
    const json::object* file = entry.if_object();
    const json::string* name = file ? string_at(*file, "name") : nullptr;
    const json::string* digest = file ? string_at(*file, "sha256") : nullptr;
    if (!name || !digest || !is_hex_digest(*digest)) {
      check.problems.push_back("manifest.json: a \"files\" entry lacks a name or a sha256 of 64 hex digits");
      continue;
    }
    const std::string file_name(*name);
    if (!listed.insert(file_name).second) {
      check.problems.push_back("manifest.json: " + quote_text(file_name) + " is listed twice");
      continue;
    }
    const auto found = contents.find(file_name);
    if (found == contents.end()) {
      check.problems.push_back(quote_text(file_name) + ": listed in manifest.json but missing from the bundle");
      continue;
    }
    const std::string actual = detail::sha256_hex(found->second);
    if (actual != *digest)
      check.problems.push_back(file_name + ": sha256 " + actual + " does not match the manifest's " +
                               std::string(*digest) + " (the file was changed)");
  }
  for (const auto& [name, bytes] : contents)
    if (!listed.count(name) && name != kManifestFileName && name != kSignatureFileName)
      check.problems.push_back(quote_text(name) + ": in the bundle but not in manifest.json");
  const auto report = contents.find("report.json");
  if (!listed.count("report.json") || report == contents.end()) {
    check.problems.push_back("report.json: not in the bundle's manifest");
    return check;
  }
  check_report(report->second, catalogue, check);
  return check;
}

}  // namespace smapi::reports
