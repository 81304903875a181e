#include "reports/report_reader.h"

#include "contract/json_text.h"
#include "contract/method.h"
#include "reports/detail/json_fields.h"
#include "reports/detail/report_enums.h"
#include "reports/fleet_json.h"
#include "reports/json_report.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>

namespace smapi::reports {
namespace {

using detail::Field;
using detail::FieldError;

std::vector<std::string> strings_of(const Field& list) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < list.size(); ++i) out.push_back(list.at(i).string());
  return out;
}

// A quoted raw field's text without the "…[N bytes omitted]" its writer added.
// The quote is written again verbatim (CallObservation::reported): each of
// its members is checked here.
std::string quoted_text(const Field& quote) {
  std::string text = quote["text"].string();
  quote["bytes"].count();
  quote["utf8_valid"].boolean();
  if (const Field digest = quote["sha256"]; !digest.is_null()) {
    const std::string hex = digest.string();
    if (hex.size() != 64 || hex.find_first_not_of("0123456789abcdef") != std::string::npos)
      digest.fail("expected a SHA-256 digest in lower-case hex");
  }
  if (quote["omitted_bytes"].count() > 0)
    if (const auto note = text.rfind("\xE2\x80\xA6["); note != std::string::npos) text.resize(note);
  return text;
}

// An envelope finding as the report described it ("$.backtrace: expected
// object, got absent"): its path and the rest, which describe() joins again.
contract::Finding finding_of(const std::string& described) {
  const auto colon = described.find(": ");
  if (colon == std::string::npos) return {contract::FindingKind::malformed, described, "", ""};
  return {contract::FindingKind::malformed, described.substr(0, colon), "", described.substr(colon + 2)};
}

contract::Reply reply_of(const Field& decoded) {
  contract::Reply reply;
  reply.kind = detail::reply_kind_named(decoded["kind"]);
  reply.problem = decoded["problem"].string();
  if (const Field error = decoded["error"]; !error.is_null())
    reply.error = contract::PluginError(error["code"].string(), strings_of(error["params"]), nullptr);
  const Field findings = decoded["envelope_findings"];
  for (std::size_t i = 0; i < findings.size(); ++i) reply.envelope_findings.push_back(finding_of(findings.at(i).string()));
  return reply;
}

suites::CallObservation call_of(const Field& call, bool exec) {
  suites::CallObservation out;
  out.reported = call.object();
  out.label = call["label"].string();
  const Field method = call["method"];
  const auto parsed = contract::method_from_name(method.string());
  if (!parsed) method.fail("expected Plugin.query, Plugin.ls or Plugin.diagnostics");
  out.method = *parsed;
  out.probe = detail::probe_named(call["probe"]);
  out.delivery = detail::delivery_named(call["delivery"]);
  out.delivery_detail = call["detail"].string();
  if (const Field exit = call["exit"]; !exit.is_null()) {
    const std::string how = exit["how"].string();
    if (how != "exited" && how != "signalled") exit["how"].fail("expected \"exited\" or \"signalled\"");
    out.exit = contract::ExecExit{how == "signalled" ? contract::ExecExit::How::signalled : contract::ExecExit::How::exited,
                                  static_cast<int>(exit["code"].integer_in(INT_MIN, INT_MAX))};
  }
  if (const Field status = call["http_status"]; !status.is_null()) out.http_status = static_cast<int>(status.integer_in(0, INT_MAX));
  out.elapsed = std::chrono::milliseconds(call["elapsed_ms"].integer_in(0, INT64_MAX));
  out.request = quoted_text(call["request"]);
  const Field reply = call["reply"];
  out.reply_bytes = quoted_text(reply);
  out.reply_truncated = reply["truncated"].boolean();
  suites::WholeBytes whole;
  whole.reply_size = reply["bytes"].count();
  if (!reply["utf8_valid"].boolean()) whole.reply_invalid_utf8_at = 0;
  if (const Field stderr_quote = call["stderr"]; exec && !stderr_quote.is_null()) {
    out.stderr_bytes = quoted_text(stderr_quote);
    out.stderr_truncated = stderr_quote["truncated"].boolean();
    whole.stderr_size = stderr_quote["bytes"].count();
    whole.stderr_utf8_valid = stderr_quote["utf8_valid"].boolean();
  }
  out.whole = whole;
  out.pipe_held_open = call["pipe_held_open"].boolean();
  out.stdin_not_consumed = call["stdin_not_consumed"].boolean();
  out.reproducer = call["reproducer"].string();
  if (const Field decoded = call["decoded"]; !decoded.is_null()) out.reply = reply_of(decoded);
  return out;
}

suites::RunSubject subject_of(const Field& subject) {
  suites::RunSubject out;
  out.target = subject["target"].string();
  out.kind = detail::kind_named(subject["kind"]);
  out.transport = detail::transport_named(subject["transport"]);
  out.profile = detail::profile_named(subject["profile"]);
  out.plugin_dir_name = subject["plugin_dir_name"].string();
  out.method_files = strings_of(subject["method_files"]);
  out.timeout = std::chrono::milliseconds(subject["timeout_ms"].integer_in(0, INT64_MAX));
  out.repeat = static_cast<unsigned>(subject["repeat"].integer_in(0, UINT_MAX));
  out.concurrency = static_cast<unsigned>(subject["concurrency"].integer_in(0, UINT_MAX));
  out.seed = subject["seed"].count();
  out.probes = subject["probes"].boolean();
  return out;
}

template <class T, class Read>
std::vector<T> items_of(const Field& list, Read read) {
  std::vector<T> out;
  for (std::size_t i = 0; i < list.size(); ++i) out.push_back(read(list.at(i)));
  return out;
}

suites::XapiView xapi_view_of(const Field& view) {
  suites::XapiView out;
  out.available = view["available"].boolean();
  out.problem = view["problem"].string();
  out.summary = view["summary"].string();
  out.sr_type = view["sr_type"].string();
  out.name = view["name"].string();
  out.description = view["description"].string();
  out.vendor = view["vendor"].string();
  out.copyright = view["copyright"].string();
  out.version = view["version"].string();
  out.required_api_version = view["required_api_version"].string();
  out.api_version_deprecated = view["api_version_deprecated"].boolean();
  out.api_version_note = view["api_version_note"].string();
  out.capabilities = strings_of(view["capabilities"]);
  out.features = items_of<std::pair<std::string, std::int64_t>>(
      view["features"], [](const Field& f) { return std::pair{f["name"].string(), f["version"].integer()}; });
  out.renamed = strings_of(view["renamed"]);
  out.dropped = strings_of(view["dropped"]);
  out.clamped = items_of<suites::ClampedFeature>(
      view["clamped"], [](const Field& f) { return suites::ClampedFeature{f["feature"].string(), f["reason"].string()}; });
  out.added = items_of<suites::AddedCapability>(view["added"], [](const Field& f) {
    return suites::AddedCapability{f["capability"].string(), f["because"].string()};
  });
  out.scripts_known = view["scripts_known"].boolean();
  out.configuration = items_of<std::pair<std::string, std::string>>(
      view["configuration"], [](const Field& f) { return std::pair{f["key"].string(), f["description"].string()}; });
  out.required_cluster_stack = strings_of(view["required_cluster_stack"]);
  if (const Field registration = view["registration"]; !registration.is_null()) {
    out.registration_applies = true;
    out.registration_succeeds = registration["succeeds"].boolean();
    out.registration_detail = registration["detail"].string();
  }
  return out;
}

std::optional<suites::Interruption> interruption_of(const Field& summary) {
  if (!summary.has("interrupted")) return std::nullopt;
  const Field interrupted = summary["interrupted"];
  return suites::Interruption{detail::signal_named(interrupted["signal"]),
                              static_cast<std::size_t>(interrupted["calls_made"].count()),
                              static_cast<std::size_t>(interrupted["calls_planned"].count())};
}

using Catalogue = std::map<std::string, const suites::Requirement*, std::less<>>;

suites::RunResult run_of(const Field& report, const Catalogue& catalogue, suites::VerdictPolicy policy) {
  if (report["schema_version"].integer() != kJsonReportSchemaVersion)
    report["schema_version"].fail("expected " + std::to_string(kJsonReportSchemaVersion) + " (a single run's report)");
  suites::RunResult run;
  run.tool_version = report["tool"]["version"].string();
  run.started_at = report["started_at"].string();
  run.duration = std::chrono::milliseconds(report["duration_ms"].integer_in(0, INT64_MAX));
  run.observations.subject = subject_of(report["subject"]);
  const bool exec = run.observations.subject.transport == suites::Transport::exec;
  const Field calls = report["calls"];
  for (std::size_t i = 0; i < calls.size(); ++i) run.observations.calls.push_back(call_of(calls.at(i), exec));
  run.observations.skipped_probes = items_of<suites::SkippedProbes>(report["skipped_probes"], [](const Field& f) {
    const auto method = contract::method_from_name(f["method"].string());
    if (!method) f["method"].fail("expected Plugin.query, Plugin.ls or Plugin.diagnostics");
    return suites::SkippedProbes{*method, f["reason"].string()};
  });
  const Field results = report["results"];
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Field result = results.at(i);
    suites::RequirementResult out;
    const Field id = result["id"];
    const auto found = catalogue.find(id.string());
    if (found == catalogue.end())
      id.fail(contract::json_excerpt(id.value(), 80) + " is not a requirement of catalogue " +
              std::string(suites::catalogue_version()));
    out.requirement = found->second;
    out.outcome = detail::outcome_named(result["outcome"]);
    out.message = result["message"].string();
    if (const Field waiver = result["waiver"]; !waiver.is_null())
      out.waiver = suites::WaiverNote{waiver["reason"].string(), waiver["ticket"].string(), waiver["expires"].string()};
    const Field evidence = result["evidence"];
    for (std::size_t e = 0; e < evidence.size(); ++e) {
      const std::uint64_t index = evidence.at(e).count();
      if (index >= run.observations.calls.size()) evidence.at(e).fail("names no call of this report");
      out.evidence.push_back(static_cast<std::size_t>(index));
    }
    run.results.push_back(std::move(out));
  }
  run.waiver_problems = items_of<suites::WaiverProblem>(report["waiver_problems"], [](const Field& f) {
    return suites::WaiverProblem{detail::problem_kind_named(f["kind"]), f["id"].string(), f["detail"].string()};
  });
  run.xapi_view = xapi_view_of(report["xapi_view"]);
  const Field summary = report["summary"];
  run.verdict = detail::verdict_named(summary["verdict"]);
  run.interruption = interruption_of(summary);
  run.policy = policy;
  return run;
}

suites::FleetResult fleet_of(const Field& root, const Catalogue& catalogue) {
  suites::FleetResult fleet;
  fleet.tool_version = root["tool"]["version"].string();
  fleet.started_at = root["started_at"].string();
  fleet.duration = std::chrono::milliseconds(root["duration_ms"].integer_in(0, INT64_MAX));
  if (const Field shard = root["shard"]; !shard.is_null()) {
    const auto index = shard["index"].count(), count = shard["count"].count();
    if (count == 0 || index == 0 || index > count || count > 100000) shard.fail("expected 1 <= index <= count");
    fleet.shard = suites::Shard{static_cast<unsigned>(index), static_cast<unsigned>(count)};
  }
  fleet.discovered = strings_of(root["discovered"]);
  const Field summary = root["summary"];
  fleet.policy.fail_on = detail::fail_on_named(summary["fail_on"]);
  fleet.interruption = interruption_of(summary);
  const Field members = root["members"];
  for (std::size_t i = 0; i < members.size(); ++i) {
    const Field member = members.at(i);
    suites::FleetMember out;
    out.name = member["name"].string();
    if (const Field error = member["harness_error"]; !error.is_null()) out.harness_error = error.string();
    out.run = run_of(member["report"], catalogue, fleet.policy);
    const Field sarif = member["sarif"];
    out.run.observations.subject.source_dir = sarif["source_dir"].string();
    for (const auto& [file, path] : sarif["resolved_method_files"].object())
      out.run.observations.subject.resolved_method_files[std::string(file)] =
          Field(path, sarif.path() + ".resolved_method_files").string();
    fleet.members.push_back(std::move(out));
  }
  fleet.verdict = suites::fleet_verdict(fleet);
  return fleet;
}

// report.json parsed, or the error that says why not.
std::optional<boost::json::value> parse_json(std::string_view text, std::string_view source, std::string& error) {
  auto parsed = contract::parse_one_json_value(
      text, contract::JsonLimits{.max_depth = kMaxReportDepth, .max_bytes = kMaxReportFileBytes});
  if (!parsed.value) error = std::string(source) + ": not a report.json: " + parsed.error;
  return std::move(parsed.value);
}

ReportHeader header_of(const Field& root) {
  ReportHeader header;
  const Field version = root["schema_version"];
  header.schema_version = static_cast<int>(version.integer_in(INT_MIN, INT_MAX));
  if (header.schema_version != kJsonReportSchemaVersion && header.schema_version != kFleetReportSchemaVersion)
    version.fail("this smapi-conform reads reports of schema_version " + std::to_string(kJsonReportSchemaVersion) +
                 " (one run) and " + std::to_string(kFleetReportSchemaVersion) + " (a fleet), not " +
                 std::to_string(header.schema_version));
  header.fleet = header.schema_version == kFleetReportSchemaVersion;
  header.catalogue_version = root["catalogue_version"].string();
  return header;
}

template <class T, class Read>
ReadOutcome<T> reading(std::string_view text, std::string_view source, Read read) {
  ReadOutcome<T> outcome;
  const auto value = parse_json(text, source, outcome.error);
  if (!value) return outcome;
  try {
    outcome.value = read(Field(*value, "$"));
  } catch (const FieldError& error) {
    outcome.error = std::string(source) + ": " + error.path + ": " + error.what();
  }
  return outcome;
}

std::optional<std::string> slurp(const std::filesystem::path& file, std::string& error) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) {
    error = file.string() + ": cannot read: " + ec.message();
    return std::nullopt;
  }
  if (size > kMaxReportFileBytes) {
    error = file.string() + ": " + std::to_string(size) + " bytes, more than a report.json may have (" +
            std::to_string(kMaxReportFileBytes) + ")";
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) {
    error = file.string() + ": cannot read";
    return std::nullopt;
  }
  return std::move(text).str();
}

}  // namespace

ReadOutcome<ReportHeader> parse_report_header(std::string_view text, std::string_view source) {
  return reading<ReportHeader>(text, source, header_of);
}

ReadOutcome<ReportHeader> load_report_header(const std::filesystem::path& file) {
  ReadOutcome<ReportHeader> outcome;
  const auto text = slurp(file, outcome.error);
  return text ? parse_report_header(*text, file.string()) : outcome;
}

ReadOutcome<ReadReport> parse_report(std::string_view text, std::string_view source,
                                     std::span<const suites::Requirement> catalogue) {
  Catalogue by_id;
  for (const auto& requirement : catalogue) by_id.emplace(std::string(requirement.id), &requirement);
  return reading<ReadReport>(text, source, [&](const Field& root) {
    ReadReport report{header_of(root), {}};
    // Its results' IDs and rows are another catalogue's.
    if (report.header.catalogue_version != suites::catalogue_version())
      root["catalogue_version"].fail("judged by catalogue " + report.header.catalogue_version +
                                     "; this smapi-conform's catalogue is " + std::string(suites::catalogue_version()));
    if (report.header.fleet) {
      report.fleet = fleet_of(root, by_id);
      return report;
    }
    // A single run is a fleet of one, named by its target. Its report does
    // not record --fail-on: the default (must) is assumed.
    suites::FleetMember member;
    member.run = run_of(root, by_id, {});
    member.name = member.run.observations.subject.target;
    report.fleet.tool_version = member.run.tool_version;
    report.fleet.started_at = member.run.started_at;
    report.fleet.duration = member.run.duration;
    report.fleet.discovered = {member.name};
    report.fleet.interruption = member.run.interruption;
    report.fleet.members.push_back(std::move(member));
    report.fleet.verdict = suites::fleet_verdict(report.fleet);
    return report;
  });
}

ReadOutcome<ReadReport> load_report(const std::filesystem::path& file,
                                    std::span<const suites::Requirement> catalogue) {
  ReadOutcome<ReadReport> outcome;
  const auto text = slurp(file, outcome.error);
  return text ? parse_report(*text, file.string(), catalogue) : outcome;
}

ReadOutcome<ReportedOutcomes> parse_reported_outcomes(std::string_view text, std::string_view source) {
  return reading<ReportedOutcomes>(text, source, [](const Field& root) {
    ReportedOutcomes out{header_of(root), {}};
    const auto add_run = [&](const std::string& plugin, const Field& report) {
      const Field results = report["results"];
      for (std::size_t i = 0; i < results.size(); ++i)
        out.results.push_back({plugin, results.at(i)["id"].string(), detail::outcome_named(results.at(i)["outcome"])});
    };
    if (!out.header.fleet) {
      add_run(root["target"].string(), root);
      return out;
    }
    const Field members = root["members"];
    for (std::size_t i = 0; i < members.size(); ++i)
      add_run(members.at(i)["name"].string(), members.at(i)["report"]);
    return out;
  });
}

ReadOutcome<ReportedOutcomes> load_reported_outcomes(const std::filesystem::path& file) {
  ReadOutcome<ReportedOutcomes> outcome;
  const auto text = slurp(file, outcome.error);
  return text ? parse_reported_outcomes(*text, file.string()) : outcome;
}

std::vector<std::string> failed_or_errored_ids(const ReportedOutcomes& outcomes) {
  std::vector<std::string> ids;
  for (const auto& result : outcomes.results)
    if (result.outcome == suites::Outcome::fail || result.outcome == suites::Outcome::error) ids.push_back(result.id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace smapi::reports
