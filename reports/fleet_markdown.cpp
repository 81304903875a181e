// The fleet's Markdown summary: the fleet verdict, a table of plugins, then
// each plugin's summary (markdown_run_section) under its own heading.

#include "reports/detail/fleet_facts.h"
#include "reports/detail/markdown_text.h"
#include "reports/detail/run_sections.h"
#include "reports/detail/text_safety.h"
#include "reports/fleet_reports.h"
#include "reports/markdown_summary.h"

namespace smapi::reports {
namespace {

std::string line_of(std::string_view raw) {
  return detail::one_line(detail::make_safe(raw, kMarkdownCellMaxBytes * 4).text, kMarkdownCellMaxBytes);
}

std::string code(std::string_view raw, bool in_table = false) {
  return detail::markdown_code_span(line_of(raw), in_table);
}

std::string verdict_text(suites::Verdict verdict) {
  return std::string(detail::markdown_verdict_mark(verdict)) + " " + std::string(suites::to_string(verdict));
}

}  // namespace

std::string to_fleet_markdown_summary(const suites::FleetResult& fleet) {
  std::string out = "## smapi-conform: " + verdict_text(fleet.verdict) + "\n\n";
  out += detail::markdown_paragraph(line_of(detail::fleet_headline(fleet))) + "; smapi-conform " +
         detail::markdown_inline(line_of(fleet.tool_version)) + "\n\n";
  out += "| plugin | kind | verdict | failures | other failures |\n|---|---|---|---:|---:|\n";
  for (const auto& member : fleet.members)
    out += "| " + code(member.name, true) + " | " +
           std::string(suites::to_string(member.run.observations.subject.kind)) + " | " +
           verdict_text(suites::member_verdict(member)) + " | " + std::to_string(detail::member_failures(member)) +
           " | " + std::to_string(detail::member_other_failures(member)) + " |\n";
  out += "\n" + std::string(detail::kOtherFailuresNote) + "\n\n";
  for (const auto& member : fleet.members) {
    out += "### " + code(member.name) + ": " + verdict_text(suites::member_verdict(member)) + "\n\n";
    if (member.harness_error)
      out += "Not judged: " + detail::markdown_inline(line_of(*member.harness_error)) + "\n\n";
    else
      out += detail::markdown_run_section(member.run, "####");
  }
  return out;
}

}  // namespace smapi::reports
