#include "reports/json_report.h"

#include "contract/method.h"
#include "reports/detail/atomic_file.h"
#include "reports/detail/pretty_json.h"
#include "reports/detail/text_safety.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>

namespace smapi::reports {
namespace {

namespace json = boost::json;
using detail::make_safe;

// Stable machine names for deliveries (suites::to_string gives prose).
std::string_view delivery_name(suites::Delivery delivery) {
  using suites::Delivery;
  switch (delivery) {
    case Delivery::answered: return "answered";
    case Delivery::timed_out: return "timed_out";
    case Delivery::missing: return "missing";
    case Delivery::not_executable: return "not_executable";
    case Delivery::spawn_failed: return "spawn_failed";
    case Delivery::unreachable: return "unreachable";
    case Delivery::io_error: return "io_error";
    case Delivery::output_limit: return "output_limit";
  }
  return "unknown";
}

std::string_view reply_kind_name(contract::Reply::Kind kind) {
  switch (kind) {
    case contract::Reply::Kind::result: return "result";
    case contract::Reply::Kind::error: return "error";
    case contract::Reply::Kind::malformed: return "malformed";
  }
  return "malformed";
}

// A string that may hold anything, made safe and cut.
json::string text(std::string_view raw, std::size_t limit) {
  return json::string(make_safe(raw, limit).text);
}

// A raw byte field: the text plus its _utf8_valid and _omitted_bytes flags.
void put_raw(json::object& out, std::string_view name, std::string_view raw, std::size_t limit) {
  const detail::SafeText safe = make_safe(raw, limit);
  const std::string key(name);
  out[key] = safe.text;
  out[key + "_utf8_valid"] = safe.utf8_valid;
  out[key + "_omitted_bytes"] = static_cast<std::uint64_t>(safe.omitted_bytes);
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

json::object evidence_json(const suites::CallObservation& call, std::size_t index,
                           std::size_t limit) {
  json::object out;
  out["call"] = static_cast<std::uint64_t>(index);
  out["label"] = text(call.label, limit);
  out["method"] = contract::wire_name(call.method);
  put_raw(out, "request", call.request, limit);
  out["reproducer"] = text(call.reproducer, limit);
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
  put_raw(out, "reply", call.reply_bytes, limit);
  out["reply_truncated"] = call.reply_truncated;
  put_raw(out, "stderr", call.stderr_bytes, limit);
  out["stderr_truncated"] = call.stderr_truncated;
  out["pipe_held_open"] = call.pipe_held_open;
  out["stdin_not_consumed"] = call.stdin_not_consumed;
  out["elapsed_ms"] = static_cast<std::int64_t>(call.elapsed.count());
  out["decoded"] = decoded_json(call, limit);
  return out;
}

// Stand-in for a result that names no requirement (a harness bug): the
// report still says what it can instead of failing.
constexpr suites::Requirement kUnknownRequirement{
    "UNKNOWN-REQUIREMENT", "unknown", suites::Level::must,
    "(the result names no requirement)", ""};

}  // namespace

json::value to_report_json(const suites::RunResult& run, const ReportLimits& limits) {
  const suites::Observations& observations = run.observations;
  const auto& calls = observations.calls;
  const std::size_t limit = limits.max_field_bytes;

  json::object counts{{"pass", 0}, {"fail", 0}, {"warn", 0}, {"skip", 0}, {"error", 0}};
  json::array failed_must;
  json::array failed_should;
  json::array results;
  for (const auto& result : run.results) {
    const suites::Requirement& requirement =
        result.requirement ? *result.requirement : kUnknownRequirement;
    const std::string_view outcome = suites::to_string(result.outcome);
    counts[outcome] = counts[outcome].to_number<std::int64_t>() + 1;
    if (result.outcome == suites::Outcome::fail)
      (requirement.level == suites::Level::must ? failed_must : failed_should)
          .push_back(text(requirement.id, limit));

    json::array evidence;
    for (std::size_t index : result.evidence)
      if (index < calls.size())
        evidence.push_back(evidence_json(calls[index], index, limits.max_evidence_field_bytes));

    results.push_back(json::object{
        {"id", text(requirement.id, limit)},
        {"area", text(requirement.area, limit)},
        {"level", suites::to_string(requirement.level)},
        {"statement", text(requirement.statement, limit)},
        {"source", text(requirement.source, limit)},
        {"outcome", outcome},
        {"message", text(result.message, limit)},
        {"evidence", std::move(evidence)},
    });
  }

  json::array all_calls;
  for (std::size_t index = 0; index < calls.size(); ++index)
    all_calls.push_back(evidence_json(calls[index], index, limit));

  const suites::RunSubject& subject = observations.subject;
  json::object report;
  report["schema_version"] = kJsonReportSchemaVersion;
  report["tool"] = json::object{{"name", "smapi-conform"}, {"version", text(run.tool_version, limit)}};
  report["target"] = text(subject.target, limit);
  report["kind"] = suites::to_string(subject.kind);
  report["transport"] = suites::to_string(subject.transport);
  report["profile"] = suites::to_string(subject.profile);
  report["started_at"] = text(run.started_at, limit);
  report["duration_ms"] = static_cast<std::int64_t>(run.duration.count());
  report["summary"] = json::object{
      {"verdict", suites::to_string(run.verdict)},
      {"exit_status", suites::exit_status(run.verdict)},
      {"counts", std::move(counts)},
      {"failed_must", std::move(failed_must)},
      {"failed_should", std::move(failed_should)},
  };
  report["results"] = std::move(results);
  report["calls"] = std::move(all_calls);
  return report;
}

std::string to_report_text(const suites::RunResult& run, const ReportLimits& limits) {
  return detail::pretty_json(to_report_json(run, limits));
}

void write_json_report(const suites::RunResult& run, const std::filesystem::path& file,
                       const ReportLimits& limits) {
  detail::write_file_atomically(file, to_report_text(run, limits));
}

}  // namespace smapi::reports
