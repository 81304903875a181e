#include "reports/html_report.h"

#include "contract/json_text.h"
#include "contract/method.h"
#include "reports/detail/atomic_file.h"
#include "reports/detail/html_calls.h"
#include "reports/detail/html_text.h"
#include "reports/detail/result_facts.h"
#include "reports/detail/run_sections.h"
#include "reports/detail/sha256.h"

#include <algorithm>
#include <array>
#include <map>
#include <vector>

namespace smapi::reports {
namespace {

using detail::badge;

std::string h(std::string_view raw, std::size_t limit) { return detail::html_text(raw, limit); }

constexpr std::string_view kStyle = R"(
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:1em;color:#222}
.banner{padding:.8em 1em;border-radius:6px;font-size:1.4em;font-weight:600;color:#fff}
.banner.conformant{background:#1a7f37}.banner.non-conformant{background:#cf222e}
.banner.inconclusive{background:#9a6700}.banner.interrupted{background:#57606a}
#plugin,table.plugin{margin:.6em 0 0;width:auto}#plugin th,table.plugin th{color:#555;font-weight:normal;padding-right:.3em}
#plugin td,table.plugin td{font-weight:600;padding-right:1.5em}#plugin td,#plugin th,table.plugin td,table.plugin th{border:0}
.subject{color:#555;margin:.2em 0 .6em}
table{border-collapse:collapse;width:100%;margin:.5em 0}
table.area,table.failures{table-layout:fixed}table.area th:nth-child(1),table.failures th:nth-child(1){width:15em}
table.area th:nth-child(2),table.failures th:nth-child(2){width:5.5em}
table.area th:nth-child(3),table.failures th:nth-child(3){width:7.5em}
td,th{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}
.badge{display:inline-block;padding:0 .45em;border-radius:4px;font-size:.85em;font-weight:600}
.badge.pass{background:#dafbe1;color:#1a7f37}.badge.fail{background:#cf222e;color:#fff}
.badge.warn{background:#fff8c5;color:#9a6700}.badge.skip{background:#eee;color:#555}
.badge.error{background:#8250df;color:#fff}.badge.waived{background:#ddf4ff;color:#0969da}
.badge.zero{background:#f3f3f3;color:#888}
.badge.MUST,.badge.SHOULD{border:1px solid #bbb;color:#555;font-weight:normal}
tr.result[data-outcome=fail] td{background:#ffebe9}tr.result[data-outcome=error] td{background:#fbefff}
tr.result[data-outcome=warn] td{background:#fff8c5}
tr.result[data-outcome=fail] td:first-child{box-shadow:inset 4px 0 #cf222e}
tr.result[data-outcome=error] td:first-child{box-shadow:inset 4px 0 #8250df}
tr.result[data-outcome=warn] td:first-child{box-shadow:inset 4px 0 #d4a72c}
tr.result[data-waived] td{background:#f0f7ff}tr.result[data-waived] td:first-child{box-shadow:inset 4px 0 #0969da}
tr.result[data-outcome=fail] .badge.MUST{border-color:#cf222e;color:#cf222e;font-weight:600}
.message{font-weight:600}.evidence{color:#555;font-size:.9em}
pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;padding:.6em;border-radius:4px;margin:.2em 0 .6em}
code{background:#f6f8fa;padding:0 .2em;word-break:break-all}
td:first-child code{white-space:nowrap;word-break:normal}
details.call{border:1px solid #ddd;border-radius:4px;margin:.3em 0;padding:.2em .6em}
details.call>summary{cursor:pointer}details.call:target{outline:2px solid #0969da}
.call-body{padding:.3em 0}.field-name{font-weight:600}
tr.result:target td{outline:2px solid #0969da}
.toolbar button{margin-right:.5em}
body.failures-only tr.result[data-outcome=pass],body.failures-only tr.result[data-outcome=skip]{display:none}
)";

// The only script in the report: a toolbar, and opening the call a link
// points to. It marks <body> so a test can tell it ran.
constexpr std::string_view kScript = R"(
document.body.setAttribute('data-report-script','ran');
var bar=document.getElementById('toolbar');
function button(text,act){var b=document.createElement('button');b.textContent=text;b.onclick=act;bar.appendChild(b);}
button('Expand all',function(){document.querySelectorAll('details').forEach(function(d){d.open=true;});});
button('Collapse all',function(){document.querySelectorAll('details').forEach(function(d){d.open=false;});});
button('Failures only',function(){document.body.classList.toggle('failures-only');});
function openTarget(){var t=document.getElementById(decodeURIComponent(location.hash.slice(1)));if(t&&t.tagName==='DETAILS')t.open=true;}
window.addEventListener('hashchange',openTarget);openTarget();
)";

// Failures first: MUST failures, SHOULD failures, errors, warnings.
int attention_rank(const suites::RequirementResult& result) {
  switch (result.outcome) {
    case suites::Outcome::fail:
      return detail::requirement_of(result).level == suites::Level::must ? 0 : 1;
    case suites::Outcome::error: return 2;
    case suites::Outcome::warn: return 3;
    default: return -1;  // not listed among the failures
  }
}

// One row per result, the same wherever it is listed.
std::string result_row(const suites::RequirementResult& result, const suites::Observations& observations,
                       std::size_t limit, bool show_area, std::string_view id_prefix) {
  const suites::Requirement& requirement = detail::requirement_of(result);
  const bool is_waived = detail::is_waived(result);
  const std::string outcome(suites::to_string(result.outcome));
  const std::string level(suites::to_string(requirement.level));
  const std::string id = h(requirement.id, limit);
  std::string row = "<tr class=\"result\" id=\"" + std::string(id_prefix) + "result-" + id + "\" data-id=\"" + id + "\" data-outcome=\"" +
                    outcome + "\"" + (is_waived ? " data-waived=\"yes\"" : "") + ">";
  row += "<td><code>" + id + "</code>";
  if (show_area) row += "<div class=\"evidence\">" + h(requirement.area, limit) + "</div>";
  row += "</td><td>" + badge(level, level) + "</td>";
  row += "<td>" + badge(outcome, outcome) + (is_waived ? " " + badge("waived", "waived") : "") + "</td>";
  row += "<td><div>" + h(requirement.statement, limit) + "</div>";
  if (!result.message.empty()) row += "<div class=\"message\">" + h(result.message, limit) + "</div>";
  if (is_waived) row += "<div>" + h(detail::waiver_text(*result.waiver), limit) + "</div>";
  if (attention_rank(result) >= 0 && !requirement.consequence.empty())
    row += "<div>in xapi: " + h(requirement.consequence, limit) + "</div>";
  if (result.outcome != suites::Outcome::pass) {
    const std::string reproducer = detail::reproducer_of(result, observations);
    if (!reproducer.empty()) row += "<div>reproducer: <code>" + h(reproducer, limit) + "</code></div>";
  }
  const std::string links = detail::html_call_links(result.evidence, observations, id_prefix);
  if (!links.empty()) row += "<div class=\"evidence\">calls: " + links + "</div>";
  return row + "</td></tr>\n";
}

constexpr std::string_view kRowHeader =
    "<tr><th>ID</th><th>level</th><th>outcome</th><th>statement and evidence</th></tr>\n";

// A query_result field as the plugin's plain Plugin.query call gave it,
// for a header xapi's view cannot fill (xapi refused the answer): a string
// as it is, anything else as JSON marked "(not a string)"; "" when absent.
std::string queried_field(const suites::Observations& observations, std::string_view key) {
  for (const auto& call : observations.calls) {
    if (call.method != contract::Method::query || call.probe != suites::Probe::none) continue;
    if (call.delivery != suites::Delivery::answered || call.reply.kind != contract::Reply::Kind::result) return "";
    const auto* object = call.reply.result.if_object();
    const auto* value = object ? object->if_contains(key) : nullptr;
    if (!value) return "";
    if (const auto* text = value->if_string()) return std::string(*text);
    return contract::json_excerpt(*value, 64) + " (not a string)";
  }
  return "";
}

// The plugin as it names itself, and how it was judged.
std::string plugin_header(const suites::RunResult& run, std::size_t limit, const std::string& id_prefix) {
  const auto& view = run.xapi_view;
  const auto& subject = run.observations.subject;
  const auto cell = [&](std::string_view name, std::string_view key, const std::string& seen) {
    const std::string value = seen.empty() ? queried_field(run.observations, key) : seen;
    return "<th>" + std::string(name) + "</th><td>" + (value.empty() ? "<em>unknown</em>" : h(value, limit)) +
           "</td>";
  };
  std::string out = "<table id=\"" + id_prefix + "plugin\"" + (id_prefix.empty() ? "" : " class=\"plugin\"") + "><tr>" + cell("plugin", "name", view.name) +
                    cell("vendor", "vendor", view.vendor) + cell("version", "version", view.version) +
                    "<th>kind</th><td>" + std::string(suites::to_string(subject.kind)) + "</td>";
  if (subject.kind == suites::PluginKind::volume) out += cell("SR type", "plugin", view.sr_type);
  out += "</tr></table>\n";
  out += "<div class=\"subject\">smapi-conform " + h(run.tool_version, limit) + " judged <code>" +
         h(subject.target, limit) + "</code> (" + std::string(suites::to_string(subject.transport)) +
         ", profile " + std::string(suites::to_string(subject.profile)) + ") at " + h(run.started_at, limit) +
         " in " + std::to_string(run.duration.count()) + " ms</div>\n";
  return out;
}

// What xapi would make of the plugin: the view's one-line summary, then a
// table: a registered Volume plugin's SM record, or a datapath plugin's
// registration.
std::string xapi_view_section(const suites::XapiView& view, std::size_t limit, const std::string& id_prefix) {
  std::string out = "<section id=\"" + id_prefix + "xapi-view\"><h2>xapi's view</h2>\n";
  if (view.summary.empty()) {
    return out + "<p>xapi could not register this plugin: " +
           (view.problem.empty() ? std::string("Plugin.query gave no usable result") : h(view.problem, limit)) +
           "</p>\n</section>\n";
  }
  out += "<p>" + h(view.summary, limit) + "</p>\n";
  const auto row = [&](std::string_view name, const std::string& value_html) {
    out += "<tr><th>" + std::string(name) + "</th><td>" + value_html + "</td></tr>\n";
  };
  const bool volume = !view.registration_applies;
  if (!volume || view.available) {
    out += "<table>\n";
    if (volume) row("SR type", "<code>" + h(view.sr_type, limit) + "</code>");
    row("name / vendor / version",
        h(view.name, limit) + " / " + h(view.vendor, limit) + " / " + h(view.version, limit));
    row("required_api_version",
        h(view.required_api_version, limit) +
            (view.api_version_note.empty() ? "" : " (" + h(view.api_version_note, limit) + ")"));
    if (volume) {
      row("SM.capabilities (" + std::to_string(view.capabilities.size()) + ")", detail::code_list(view.capabilities, limit));
      std::vector<std::string> features;
      for (const auto& [name, version] : view.features) features.push_back(name + "/" + std::to_string(version));
      row("SM.features", detail::code_list(features, limit));
      std::vector<std::string> added;
      for (const auto& capability : view.added)
        added.push_back(capability.capability + " (" + capability.because + ")");
      row("added by xapi-storage-script",
          detail::code_list(added, limit) +
              (view.scripts_known ? "" : " (method scripts unknown over HTTP: none counted)"));
      row("renamed by xapi", detail::code_list(view.renamed, limit));
      row("dropped by xapi (warning)", detail::code_list(view.dropped, limit));
      std::vector<std::string> clamped;
      for (const auto& feature : view.clamped) clamped.push_back(feature.text + " (" + feature.reason + ")");
      row("kept at version 1", detail::code_list(clamped, limit));
      std::vector<std::string> configuration;
      for (const auto& [key, description] : view.configuration) configuration.push_back(key + ": " + description);
      row("SM.configuration", detail::code_list(configuration, limit));
      row("required_cluster_stack", detail::code_list(view.required_cluster_stack, limit));
    } else {
      row("datapath registration", std::string(view.registration_succeeds ? "succeeds" : "fails") +
                                       (view.registration_detail.empty() ? "" : ": " + h(view.registration_detail, limit)));
    }
    out += "</table>\n";
  }
  return out + "</section>\n";
}

}  // namespace

std::string detail::html_run_body(const suites::RunResult& run, const ReportLimits& limits,
                                  std::string_view id_prefix_view) {
  const std::string id_prefix(id_prefix_view);
  const std::size_t limit = limits.max_evidence_field_bytes;
  const auto& observations = run.observations;
  const std::string verdict(suites::to_string(run.verdict));

  std::array<std::size_t, 5> counts{};
  std::size_t waived = 0;
  std::vector<const suites::RequirementResult*> attention;
  std::vector<std::string> areas;  // first-seen order
  std::map<std::string, std::string> rows;
  for (const auto& result : run.results) {
    ++counts[static_cast<std::size_t>(result.outcome)];
    if (detail::is_waived(result)) ++waived;
    if (attention_rank(result) >= 0) {
      attention.push_back(&result);
      continue;
    }
    const std::string area(detail::requirement_of(result).area);
    if (!rows.count(area)) areas.push_back(area);
    rows[area] += result_row(result, observations, limit, false, id_prefix);
  }
  std::stable_sort(attention.begin(), attention.end(),
                   [](auto* a, auto* b) { return attention_rank(*a) < attention_rank(*b); });

  std::string body;
  body += "<div id=\"" + id_prefix + "verdict\" class=\"banner " + verdict + "\">Verdict: " + verdict + "</div>\n";
  body += plugin_header(run, limit, id_prefix);
  body += "<table id=\"" + id_prefix + "counts\"><tr>";
  const std::array<std::string_view, 5> names{"pass", "fail", "warn", "skip", "error"};
  for (std::size_t i = 0; i < names.size(); ++i)
    body += "<td>" + badge(std::string(names[i]) + (counts[i] ? "" : " zero"), names[i]) + " " +
            std::to_string(counts[i]) + "</td>";
  body += "<td>" + badge(waived ? "waived" : "waived zero", "waived") + " " + std::to_string(waived) +
          "</td></tr></table>\n";
  // A fleet's page has one toolbar, at its top.
  if (id_prefix.empty()) body += "<div id=\"toolbar\" class=\"toolbar\"></div>\n";

  body += "<section id=\"" + id_prefix + "failures\"><h2>Failures, errors and warnings (" + std::to_string(attention.size()) +
          ")</h2>\n";
  if (attention.empty()) {
    body += "<p>None: every requirement passed or does not apply.</p>\n";
  } else {
    body += "<table class=\"failures\">" + std::string(kRowHeader);
    for (const auto* result : attention) body += result_row(*result, observations, limit, true, id_prefix);
    body += "</table>\n";
  }
  body += "</section>\n";

  body += "<section id=\"" + id_prefix + "results\"><h2>Passed and skipped, by area</h2>\n";
  for (const auto& area : areas)
    body += "<h3>" + h(area, limit) + "</h3>\n<table class=\"area\" data-area=\"" + h(area, limit) + "\">" +
            std::string(kRowHeader) + rows[area] + "</table>\n";
  body += "</section>\n";
  body += xapi_view_section(run.xapi_view, limit, id_prefix);
  body += detail::html_calls_section(run, limits, id_prefix);

  body += "<section id=\"" + id_prefix + "waivers\"><h2>Waivers</h2>\n";
  if (waived == 0 && run.waiver_problems.empty()) body += "<p>No waiver applied.</p>\n";
  body += "<ul>\n";
  for (const auto& result : run.results)
    if (detail::is_waived(result))
      body += "<li><code>" + h(detail::requirement_of(result).id, limit) + "</code>: " +
              h(detail::waiver_text(*result.waiver), limit) + "</li>\n";
  for (const auto& problem : run.waiver_problems)
    body += "<li class=\"waiver-problem\">" + badge("fail", detail::problem_name(problem.kind)) + " <code>" +
            h(problem.id, limit) + "</code>: " + h(problem.detail, limit) + "</li>\n";
  body += "</ul></section>\n";
  return body;
}

std::string detail::html_page(std::string_view title, const std::string& body, std::string_view extra_style) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n";
  html += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; img-src 'none'; script-src 'sha256-" +
          detail::sha256_base64(kScript) + "'\">\n";
  html += "<title>" + std::string(title) + "</title>\n<style>" + std::string(kStyle) + std::string(extra_style) +
          "</style>\n";
  html += "</head><body>\n" + body;
  html += "<script>" + std::string(kScript) + "</script>\n</body></html>\n";
  return html;
}

std::string to_html_report(const suites::RunResult& run, const ReportLimits& limits) {
  return detail::html_page("smapi-conform: " + std::string(suites::to_string(run.verdict)),
                           detail::html_run_body(run, limits, ""));
}

void write_html_report(const suites::RunResult& run, const std::filesystem::path& file,
                       const ReportLimits& limits) {
  detail::write_file_atomically(file, to_html_report(run, limits));
}

}  // namespace smapi::reports
