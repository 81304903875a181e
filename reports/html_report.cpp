#include "reports/html_report.h"

#include "reports/detail/atomic_file.h"
#include "reports/detail/evidence_text.h"
#include "reports/detail/result_facts.h"
#include "reports/detail/sha256.h"
#include "reports/detail/text_safety.h"

#include <array>
#include <map>
#include <vector>

namespace smapi::reports {
namespace {

// Plugin or user text as HTML: valid UTF-8, cut, controls shown as \xNN,
// markup characters escaped (safe in element content and quoted attributes).
std::string h(std::string_view raw, std::size_t limit) {
  const std::string text = detail::show_controls(detail::make_safe(raw, limit).text);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

constexpr std::string_view kStyle = R"(
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:1em;color:#222}
.banner{padding:.8em 1em;border-radius:6px;font-size:1.4em;font-weight:600;color:#fff}
.banner.conformant{background:#1a7f37}.banner.non-conformant{background:#cf222e}
.banner.inconclusive{background:#9a6700}.banner.interrupted{background:#57606a}
.subject{color:#555;margin:.4em 0 1em}
table{border-collapse:collapse;width:100%;margin:.5em 0}
td,th{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}
.badge{display:inline-block;padding:0 .45em;border-radius:4px;font-size:.85em;font-weight:600}
.badge.pass{background:#dafbe1;color:#1a7f37}.badge.fail{background:#ffebe9;color:#cf222e}
.badge.warn{background:#fff8c5;color:#9a6700}.badge.skip{background:#eee;color:#555}
.badge.error{background:#fbefff;color:#8250df}.badge.waived{background:#ddf4ff;color:#0969da}
.badge.MUST{border:1px solid #cf222e;color:#cf222e}.badge.SHOULD{border:1px solid #9a6700;color:#9a6700}
pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;padding:.6em;border-radius:4px}
code{background:#f6f8fa;padding:0 .2em;word-break:break-all}
td:first-child code{white-space:nowrap;word-break:normal}
.toolbar button{margin-right:.5em}
body.failures-only tr.result[data-outcome=pass],body.failures-only tr.result[data-outcome=skip]{display:none}
)";

// The only script in the report: a toolbar. It marks <body> so a test can
// tell it ran.
constexpr std::string_view kScript = R"(
document.body.setAttribute('data-report-script','ran');
var bar=document.getElementById('toolbar');
function button(text,act){var b=document.createElement('button');b.textContent=text;b.onclick=act;bar.appendChild(b);}
button('Expand all',function(){document.querySelectorAll('details').forEach(function(d){d.open=true;});});
button('Collapse all',function(){document.querySelectorAll('details').forEach(function(d){d.open=false;});});
button('Failures only',function(){document.body.classList.toggle('failures-only');});
)";

std::string badge(std::string_view cls, std::string_view text) {
  return "<span class=\"badge " + std::string(cls) + "\">" + std::string(text) + "</span>";
}

std::string list_items(const std::vector<std::string>& values, std::size_t limit) {
  if (values.empty()) return "<em>none</em>";
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i)
    out += (i ? ", " : "") + ("<code>" + h(values[i], limit) + "</code>");
  return out;
}

// What xapi would make of the plugin: the view's one-line summary, then a
// table: a registered Volume plugin's SM record, or a datapath plugin's
// registration.
std::string xapi_view_section(const suites::XapiView& view, std::size_t limit) {
  std::string out = "<section id=\"xapi-view\"><h2>xapi's view</h2>\n";
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
      row("SM.capabilities (" + std::to_string(view.capabilities.size()) + ")", list_items(view.capabilities, limit));
      std::vector<std::string> features;
      for (const auto& [name, version] : view.features) features.push_back(name + "/" + std::to_string(version));
      row("SM.features", list_items(features, limit));
      std::vector<std::string> added;
      for (const auto& capability : view.added)
        added.push_back(capability.capability + " (" + capability.because + ")");
      row("added by xapi-storage-script",
          list_items(added, limit) +
              (view.scripts_known ? "" : " (method scripts unknown over HTTP: none counted)"));
      row("renamed by xapi", list_items(view.renamed, limit));
      row("dropped by xapi (warning)", list_items(view.dropped, limit));
      std::vector<std::string> clamped;
      for (const auto& feature : view.clamped) clamped.push_back(feature.text + " (" + feature.reason + ")");
      row("kept at version 1", list_items(clamped, limit));
      std::vector<std::string> configuration;
      for (const auto& [key, description] : view.configuration) configuration.push_back(key + ": " + description);
      row("SM.configuration", list_items(configuration, limit));
      row("required_cluster_stack", list_items(view.required_cluster_stack, limit));
    } else {
      row("datapath registration", std::string(view.registration_succeeds ? "succeeds" : "fails") +
                                       (view.registration_detail.empty() ? "" : ": " + h(view.registration_detail, limit)));
    }
    out += "</table>\n";
  }
  return out + "</section>\n";
}

}  // namespace

std::string to_html_report(const suites::RunResult& run, const ReportLimits& limits) {
  const std::size_t limit = limits.max_evidence_field_bytes;
  const auto& subject = run.observations.subject;
  const auto& calls = run.observations.calls;
  const std::string verdict(suites::to_string(run.verdict));

  std::array<std::size_t, 5> counts{};
  std::size_t waived = 0;
  std::vector<std::string> areas;  // first-seen order
  std::map<std::string, std::string> rows;
  for (const auto& result : run.results) {
    const suites::Requirement& requirement = detail::requirement_of(result);
    ++counts[static_cast<std::size_t>(result.outcome)];
    const bool is_waived = detail::is_waived(result);
    if (is_waived) ++waived;
    const std::string area(requirement.area);
    if (!rows.count(area)) areas.push_back(area);

    std::string transcript;
    for (std::size_t index : result.evidence) {
      if (index >= calls.size()) continue;
      if (!transcript.empty()) transcript += '\n';
      transcript += detail::call_transcript(calls[index], index, limit);
    }
    const std::string outcome(suites::to_string(result.outcome));
    const std::string reproducer = detail::reproducer_of(result, run.observations);
    std::string row = "<tr class=\"result\" id=\"result-" + h(requirement.id, limit) + "\" data-id=\"" +
                      h(requirement.id, limit) + "\" data-outcome=\"" + outcome + "\">";
    row += "<td><code>" + h(requirement.id, limit) + "</code></td>";
    row += "<td>" + badge(suites::to_string(requirement.level), suites::to_string(requirement.level)) + "</td>";
    row += "<td>" + badge(outcome, outcome) + (is_waived ? " " + badge("waived", "waived") : "") + "</td>";
    row += "<td><div>" + h(requirement.statement, limit) + "</div>";
    if (!result.message.empty()) row += "<div><strong>" + h(result.message, limit) + "</strong></div>";
    if (is_waived) row += "<div>" + h(detail::waiver_text(*result.waiver), limit) + "</div>";
    if (!reproducer.empty() && result.outcome != suites::Outcome::pass)
      row += "<div>reproducer: <code>" + h(reproducer, limit) + "</code></div>";
    if (!transcript.empty())
      row += "<details><summary>evidence (" + std::to_string(result.evidence.size()) +
             " call" + (result.evidence.size() == 1 ? "" : "s") + ")</summary><pre>" +
             h(transcript, std::string::npos) + "</pre></details>";
    row += "</td></tr>\n";
    rows[area] += row;
  }

  std::string body;
  body += "<div id=\"verdict\" class=\"banner " + verdict + "\">Verdict: " + verdict + "</div>\n";
  body += "<div class=\"subject\">smapi-conform " + h(run.tool_version, limit) + " judged <code>" +
          h(subject.target, limit) + "</code> (" + std::string(suites::to_string(subject.kind)) + ", " +
          std::string(suites::to_string(subject.transport)) + ", profile " +
          std::string(suites::to_string(subject.profile)) + ") at " + h(run.started_at, limit) + " in " +
          std::to_string(run.duration.count()) + " ms</div>\n";
  body += "<table id=\"counts\"><tr>";
  const std::array<std::string_view, 5> names{"pass", "fail", "warn", "skip", "error"};
  for (std::size_t i = 0; i < names.size(); ++i)
    body += "<td>" + badge(names[i], names[i]) + " " + std::to_string(counts[i]) + "</td>";
  body += "<td>" + badge("waived", "waived") + " " + std::to_string(waived) + "</td></tr></table>\n";
  body += "<div id=\"toolbar\" class=\"toolbar\"></div>\n";
  body += "<section id=\"results\"><h2>Requirements</h2>\n";
  for (const auto& area : areas) {
    body += "<h3>" + h(area, limit) + "</h3>\n<table class=\"area\" data-area=\"" + h(area, limit) +
            "\"><tr><th>ID</th><th>level</th><th>outcome</th><th>statement and evidence</th></tr>\n";
    body += rows[area] + "</table>\n";
  }
  body += "</section>\n";
  body += xapi_view_section(run.xapi_view, limit);

  body += "<section id=\"calls\"><h2>Calls</h2>\n";
  for (std::size_t index = 0; index < calls.size(); ++index)
    body += "<details class=\"call\"><summary>#" + std::to_string(index) + " " + h(calls[index].label, limit) +
            ": " + h(detail::ending_of(calls[index]), limit) + "</summary><pre>" +
            h(detail::call_transcript(calls[index], index, limit), std::string::npos) + "</pre></details>\n";
  body += "</section>\n";

  body += "<section id=\"waivers\"><h2>Waivers</h2>\n";
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

  std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n";
  html += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; img-src 'none'; script-src 'sha256-" +
          detail::sha256_base64(kScript) + "'\">\n";
  html += "<title>smapi-conform: " + verdict + "</title>\n<style>" + std::string(kStyle) + "</style>\n";
  html += "</head><body>\n" + body;
  html += "<script>" + std::string(kScript) + "</script>\n</body></html>\n";
  return html;
}

void write_html_report(const suites::RunResult& run, const std::filesystem::path& file,
                       const ReportLimits& limits) {
  detail::write_file_atomically(file, to_html_report(run, limits));
}

}  // namespace smapi::reports
