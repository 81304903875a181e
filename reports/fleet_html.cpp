// The fleet's HTML report: the fleet verdict and a table of plugins first,
// then each plugin's report (html_run_body), its ids prefixed "pN-".

#include "reports/detail/fleet_facts.h"
#include "reports/detail/html_text.h"
#include "reports/detail/run_sections.h"
#include "reports/fleet_reports.h"

namespace smapi::reports {
namespace {

// Verdict badges in the plugins table, and the frame around each plugin.
constexpr std::string_view kFleetStyle = R"(
.badge.conformant{background:#1a7f37;color:#fff}.badge.non-conformant{background:#cf222e;color:#fff}
.badge.inconclusive{background:#9a6700;color:#fff}.badge.interrupted{background:#57606a;color:#fff}
section.member{border-top:3px solid #888;margin-top:2em;padding-top:.5em}
section.member>h2{font-size:1.5em;margin:.2em 0 .4em}section.member .banner{font-size:1.1em;padding:.5em .8em}
table.fleet td:nth-child(n+4),table.fleet th:nth-child(n+4){text-align:right}
)";

std::string h(std::string_view raw, std::size_t limit) { return detail::html_text(raw, limit); }

}  // namespace

std::string to_fleet_html_report(const suites::FleetResult& fleet, const ReportLimits& limits) {
  const std::size_t limit = limits.max_evidence_field_bytes;
  const std::string verdict(suites::to_string(fleet.verdict));
  std::string body = "<div id=\"verdict\" class=\"banner " + verdict + "\">Fleet verdict: " + verdict + "</div>\n";
  body += "<div class=\"subject\">" + h(detail::fleet_headline(fleet), limit) + "; smapi-conform " +
          h(fleet.tool_version, limit) + " at " + h(fleet.started_at, limit) + " in " +
          std::to_string(fleet.duration.count()) + " ms</div>\n";
  body += "<div id=\"toolbar\" class=\"toolbar\"></div>\n";
  body += "<section id=\"fleet\"><h2>Plugins (" + std::to_string(fleet.members.size()) +
          ")</h2>\n<table class=\"fleet\"><tr><th>plugin</th><th>kind</th><th>verdict</th><th>failures</th><th>other failures</th></tr>\n";
  std::string sections;
  for (std::size_t i = 0; i < fleet.members.size(); ++i) {
    const auto& member = fleet.members[i];
    const std::string id = "p" + std::to_string(i);
    const std::string member_verdict(suites::to_string(suites::member_verdict(member)));
    const std::string name = h(member.name, limit);
    body += "<tr class=\"member\" data-verdict=\"" + member_verdict + "\"><td><a href=\"#" + id + "\"><code>" + name +
            "</code></a></td><td>" + std::string(suites::to_string(member.run.observations.subject.kind)) +
            "</td><td>" + detail::badge(member_verdict, member_verdict) + "</td><td>" +
            std::to_string(detail::member_failures(member)) + "</td><td>" +
            std::to_string(detail::member_other_failures(member)) + "</td></tr>\n";
    sections += "<section class=\"member\" id=\"" + id + "\" data-plugin=\"" + name + "\"><h2><code>" + name +
                "</code></h2>\n";
    if (member.harness_error)
      sections += "<div id=\"" + id + "-verdict\" class=\"banner inconclusive\">Verdict: inconclusive</div>\n<p>" +
                  "Not judged: " + h(*member.harness_error, limit) + "</p>\n";
    else
      sections += detail::html_run_body(member.run, limits, id + "-");
    sections += "</section>\n";
  }
  body += "</table>\n<p>" + h(detail::kOtherFailuresNote, limit) + "</p>\n</section>\n" + sections;
  return detail::html_page("smapi-conform: " + verdict + " (" + std::to_string(fleet.members.size()) + " plugins)", body,
                           kFleetStyle);
}

}  // namespace smapi::reports
