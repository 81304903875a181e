#include "reports/json_report.h"

#include "contract/method.h"
#include "reports/detail/atomic_file.h"
#include "reports/detail/call_quoting.h"
#include "reports/detail/evidence_text.h"
#include "reports/detail/pretty_json.h"
#include "reports/detail/report_enums.h"
#include "reports/detail/result_facts.h"
#include "reports/detail/sha256.h"
#include "reports/detail/text_safety.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>

namespace smapi::reports {
namespace {

namespace json = boost::json;
using detail::delivery_name;
using detail::make_safe;
using detail::reply_kind_name;

// Records and short lists that fit in this many columns stay on one line.
constexpr std::size_t kInlineWidth = 120;

// A string that may hold anything, made safe and cut.
json::string text(std::string_view raw, std::size_t limit) {
  return json::string(make_safe(raw, limit).text);
}

// A raw byte field quoted: its first bytes as text, the size of the whole
// field, what was left out, whether it is valid UTF-8, and, when part was
// left out and the run kept the whole field, the SHA-256 of the whole.
json::object quote(std::string_view raw, std::size_t limit, detail::WholeField whole) {
  const detail::SafeText safe = make_safe(raw, limit, whole);
  const bool whole_held = raw.size() == whole.size;
  json::object out;
  out["text"] = safe.text;
  out["bytes"] = static_cast<std::uint64_t>(whole.size);
  out["omitted_bytes"] = static_cast<std::uint64_t>(safe.omitted_bytes);
  out["utf8_valid"] = safe.utf8_valid;
  if (safe.omitted_bytes > 0 && whole_held)
    out["sha256"] = detail::sha256_hex(raw);
  else
    out["sha256"] = nullptr;
  return out;
}

json::value decoded_json(const suites::CallObservation& call, std::size_t limit) {
  if (call.delivery != suites::Delivery::answered) return nullptr;
  const contract::Reply& reply = call.reply;
  json::object out;
  out["kind"] = reply_kind_name(reply.kind);
  out["problem"] = reply.kind == contract::Reply::Kind::malformed ? text(reply.problem, limit)
                                                                  : json::string();
  if (reply.kind == contract::Reply::Kind::error) {
    json::array params;
    for (const auto& param : reply.error.params) params.push_back(text(param, limit));
    out["error"] = json::object{{"code", text(reply.error.code, limit)}, {"params", params}};
  } else {
    out["error"] = nullptr;
  }
  json::array findings;
  for (const auto& finding : reply.envelope_findings)
    findings.push_back(text(finding.describe(), limit));
  out["envelope_findings"] = std::move(findings);
  return out;
}

// One call, once per report: results cite it by its id.
json::object call_json(const suites::CallObservation& call, std::size_t id, bool exec,
                       std::size_t limit) {
  // A call read back from a report (merge) is written as that report wrote
  // it: its quoted fields were cut once, and their digests stay.
  if (call.reported) {
    json::object out = *call.reported;
    out["id"] = static_cast<std::uint64_t>(id);
    return out;
  }
  json::object out;
  out["id"] = static_cast<std::uint64_t>(id);
  out["label"] = text(call.label, limit);
  out["method"] = contract::wire_name(call.method);
  out["probe"] = suites::to_string(call.probe);
  out["delivery"] = delivery_name(call.delivery);
  out["detail"] = text(call.delivery_detail, limit);
  if (call.exit) {
    out["exit"] = json::object{
        {"how", call.exit->how == contract::ExecExit::How::signalled ? "signalled" : "exited"},
        {"code", call.exit->code}};
  } else {
    out["exit"] = nullptr;
  }
  if (call.http_status)
    out["http_status"] = *call.http_status;
  else
    out["http_status"] = nullptr;
  out["elapsed_ms"] = static_cast<std::int64_t>(call.elapsed.count());
  out["request"] = quote(call.request, limit, {call.request.size(), detail::is_valid_utf8(call.request)});
  json::object reply = quote(call.reply_bytes, limit, detail::whole_reply(call));
  reply["truncated"] = call.reply_truncated;
  out["reply"] = std::move(reply);
  if (exec) {
    json::object stderr_quote = quote(call.stderr_bytes, limit, detail::whole_stderr(call));
    stderr_quote["truncated"] = call.stderr_truncated;
    out["stderr"] = std::move(stderr_quote);
  } else {
    out["stderr"] = nullptr;  // HTTP has none
  }
  out["pipe_held_open"] = call.pipe_held_open;
  out["stdin_not_consumed"] = call.stdin_not_consumed;
  out["reproducer"] = text(call.reproducer, limit);
  out["decoded"] = decoded_json(call, limit);
  return out;
}

json::array names_json(const std::vector<std::string_view>& names) {
  json::array out;
  for (auto name : names) out.push_back(json::string(name));
  return out;
}

json::value applies_json(const suites::Applicability& applies, std::size_t limit) {
  return json::object{{"transports", names_json(suites::transport_names(applies.transports))},
                      {"kinds", names_json(suites::kind_names(applies))},
                      {"feature", text(applies.feature, limit)}};
}

json::value waiver_json(const std::optional<suites::WaiverNote>& waiver, std::size_t limit) {
  if (!waiver) return nullptr;
  return json::object{{"reason", text(waiver->reason, limit)},
                      {"ticket", text(waiver->ticket, limit)},
                      {"expires", text(waiver->expires, limit)}};
}

json::array strings_json(const std::vector<std::string>& values, std::size_t limit) {
  json::array out;
  for (const auto& value : values) out.push_back(text(value, limit));
  return out;
}

json::value xapi_view_json(const suites::XapiView& view, std::size_t limit) {
  json::array feature_list;
  for (const auto& [name, version] : view.features)
    feature_list.push_back(json::object{{"name", text(name, limit)}, {"version", version}});
  json::array configuration;
  for (const auto& [key, description] : view.configuration)
    configuration.push_back(
        json::object{{"key", text(key, limit)}, {"description", text(description, limit)}});
  json::array clamped;
  for (const auto& feature : view.clamped)
    clamped.push_back(json::object{{"feature", text(feature.text, limit)}, {"reason", text(feature.reason, limit)}});
  json::array added;
  for (const auto& capability : view.added)
    added.push_back(
        json::object{{"capability", text(capability.capability, limit)}, {"because", text(capability.because, limit)}});
  return json::object{
      {"available", view.available},
      {"problem", text(view.problem, limit)},
      {"summary", text(view.summary, limit)},
      {"sr_type", text(view.sr_type, limit)},
      {"name", text(view.name, limit)},
      {"description", text(view.description, limit)},
      {"vendor", text(view.vendor, limit)},
      {"copyright", text(view.copyright, limit)},
      {"version", text(view.version, limit)},
      {"required_api_version", text(view.required_api_version, limit)},
      {"api_version_deprecated", view.api_version_deprecated},
      {"api_version_note", text(view.api_version_note, limit)},
      {"capabilities", strings_json(view.capabilities, limit)},
      {"features", std::move(feature_list)},
      {"renamed", strings_json(view.renamed, limit)},
      {"dropped", strings_json(view.dropped, limit)},
      {"clamped", std::move(clamped)},
      {"added", std::move(added)},
      {"scripts_known", view.scripts_known},
      {"configuration", std::move(configuration)},
      {"required_cluster_stack", strings_json(view.required_cluster_stack, limit)},
      {"registration", view.registration_applies
                           ? json::value(json::object{
                                 {"succeeds", view.registration_succeeds},
                                 {"detail", text(view.registration_detail, limit)}})
                           : json::value(nullptr)},
  };
}

json::value subject_json(const suites::RunSubject& subject, std::size_t limit) {
  return json::object{{"target", text(subject.target, limit)},
                      {"kind", suites::to_string(subject.kind)},
                      {"transport", suites::to_string(subject.transport)},
                      {"profile", suites::to_string(subject.profile)},
                      {"plugin_dir_name", text(subject.plugin_dir_name, limit)},
                      {"method_files", strings_json(subject.method_files, limit)},
                      {"timeout_ms", static_cast<std::int64_t>(subject.timeout.count())},
                      {"repeat", subject.repeat},
                      {"concurrency", subject.concurrency},
                      {"seed", subject.seed},
                      {"probes", subject.probes}};
}

}  // namespace

json::value to_report_json(const suites::RunResult& run, const ReportLimits& limits) {
  const suites::Observations& observations = run.observations;
  const auto& calls = observations.calls;
  const std::size_t limit = limits.max_field_bytes;

  json::object counts{{"pass", 0}, {"fail", 0}, {"warn", 0}, {"skip", 0}, {"error", 0}};
  json::array failed_must;
  json::array failed_should;
  json::array waived;
  json::array results;
  for (const auto& result : run.results) {
    const suites::Requirement& requirement = detail::requirement_of(result);
    const std::string_view outcome = suites::to_string(result.outcome);
    counts[outcome] = counts[outcome].to_number<std::int64_t>() + 1;
    if (detail::is_waived(result))
      waived.push_back(text(requirement.id, limit));
    else if (result.outcome == suites::Outcome::fail)
      (requirement.level == suites::Level::must ? failed_must : failed_should)
          .push_back(text(requirement.id, limit));

    json::array evidence;
    for (std::size_t index : result.evidence)
      if (index < calls.size()) evidence.push_back(static_cast<std::uint64_t>(index));

    // A pass needs no reproducer and no word on what a failure would do:
    // they stay in the catalogue (smapi-conform explain ID) and the calls.
    const bool passed = result.outcome == suites::Outcome::pass;
    json::object entry{
        {"id", text(requirement.id, limit)},
        {"area", text(requirement.area, limit)},
        {"level", suites::to_string(requirement.level)},
        {"statement", text(requirement.statement, limit)},
    };
    if (!passed) {
      entry["source"] = text(requirement.source, limit);
      entry["consequence"] = text(requirement.consequence, limit);
      entry["citation"] = text(requirement.citation, limit);
      entry["applies"] = applies_json(requirement.applies, limit);
      entry["proof"] = text(requirement.proof, limit);
    }
    entry["outcome"] = outcome;
    entry["message"] = text(result.message, limit);
    entry["reproducer"] =
        passed ? json::string() : text(detail::reproducer_of(result, observations), limits.max_quoted_field_bytes);
    entry["waiver"] = waiver_json(result.waiver, limit);
    entry["evidence"] = std::move(evidence);
    results.push_back(std::move(entry));
  }

  json::array waiver_problems;
  for (const auto& problem : run.waiver_problems)
    waiver_problems.push_back(json::object{{"kind", detail::problem_name(problem.kind)},
                                           {"id", text(problem.id, limit)},
                                           {"detail", text(problem.detail, limit)}});

  json::array all_calls;
  const bool exec = observations.subject.transport == suites::Transport::exec;
  const std::vector<std::size_t> quote_limits = detail::quote_limits(run, limits);
  for (std::size_t index = 0; index < calls.size(); ++index)
    all_calls.push_back(call_json(calls[index], index, exec, quote_limits[index]));

  const suites::RunSubject& subject = observations.subject;
  json::object report;
  report["schema_version"] = kJsonReportSchemaVersion;
  report["tool"] = json::object{{"name", "smapi-conform"}, {"version", text(run.tool_version, limit)}};
  report["catalogue_version"] = suites::catalogue_version();
  report["target"] = text(subject.target, limit);
  report["kind"] = suites::to_string(subject.kind);
  report["transport"] = suites::to_string(subject.transport);
  report["profile"] = suites::to_string(subject.profile);
  report["subject"] = subject_json(subject, limit);
  report["started_at"] = text(run.started_at, limit);
  report["duration_ms"] = static_cast<std::int64_t>(run.duration.count());
  report["summary"] = json::object{
      {"verdict", suites::to_string(run.verdict)},
      {"exit_status", suites::exit_status(run)},
      {"counts", std::move(counts)},
      {"failed_must", std::move(failed_must)},
      {"failed_should", std::move(failed_should)},
      {"waived", std::move(waived)},
  };
  if (run.interruption)
    report["summary"].as_object()["interrupted"] = json::object{
        {"signal", suites::signal_name(run.interruption->signal)},
        {"calls_made", run.interruption->calls_made},
        {"calls_planned", run.interruption->calls_planned}};
  report["xapi_view"] = xapi_view_json(run.xapi_view, limit);
  report["waiver_problems"] = std::move(waiver_problems);
  json::array skipped_probes;
  for (const auto& skipped : observations.skipped_probes)
    skipped_probes.push_back(json::object{{"method", contract::wire_name(skipped.method)},
                                          {"reason", text(skipped.reason, limit)}});
  report["skipped_probes"] = std::move(skipped_probes);
  report["results"] = std::move(results);
  report["calls"] = std::move(all_calls);
  return report;
}

std::string to_report_text(const suites::RunResult& run, const ReportLimits& limits) {
  return detail::pretty_json(to_report_json(run, limits), kInlineWidth);
}

void write_json_report(const suites::RunResult& run, const std::filesystem::path& file,
                       const ReportLimits& limits) {
  detail::write_file_atomically(file, to_report_text(run, limits));
}

}  // namespace smapi::reports
