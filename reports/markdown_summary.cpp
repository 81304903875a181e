#include "reports/markdown_summary.h"

#include "reports/detail/atomic_file.h"
#include "reports/detail/markdown_text.h"
#include "reports/detail/result_facts.h"
#include "reports/detail/run_sections.h"
#include "reports/detail/text_safety.h"

#include <array>
#include <string_view>
#include <vector>

namespace smapi::reports {
namespace {

// One line of plugin text, cut to kMarkdownCellMaxBytes.
std::string line_of(std::string_view raw) {
  return detail::one_line(detail::make_safe(raw, kMarkdownCellMaxBytes * 4).text, kMarkdownCellMaxBytes);
}

// Plugin text inside a line or a table cell.
std::string md(std::string_view raw) { return detail::markdown_inline(line_of(raw)); }

// Plugin text as a code span; in_table for a table cell.
std::string code(std::string_view raw, bool in_table = false) {
  return detail::markdown_code_span(line_of(raw), in_table);
}

}  // namespace

std::string_view detail::markdown_verdict_mark(suites::Verdict verdict) {
  switch (verdict) {
    case suites::Verdict::conformant: return "\u2705";      // check mark
    case suites::Verdict::non_conformant: return "\u274C";  // cross
    case suites::Verdict::inconclusive: return "\u26A0\uFE0F";
    case suites::Verdict::interrupted: return "\u23F9\uFE0F";  // stop button
  }
  return "";
}

namespace {

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& value : values) out += (out.empty() ? "" : ", ") + code(value);
  return out.empty() ? "none" : out;
}

// What xapi would make of the plugin: the view's one-line summary, then for
// a registered Volume plugin its SM record, for a datapath plugin how its
// registration was judged.
std::string xapi_view_section(const suites::XapiView& view, std::string_view heading) {
  std::string out = std::string(heading) + " xapi's view\n\n";
  if (view.summary.empty()) {
    out += "xapi could not register this plugin: " +
           (view.problem.empty() ? std::string("Plugin.query gave no usable result") : md(view.problem)) + "\n\n";
    return out;
  }
  out += detail::markdown_paragraph(line_of(view.summary)) + "\n\n";
  if (view.registration_applies) {
    out += "- datapath registration: " + md(view.registration_detail) + "\n";
  } else if (view.available) {
    out += "- SR type: " + code(view.sr_type) + "\n";
    out += "- capabilities: " + joined(view.capabilities) + "\n";
    std::vector<std::string> added;
    for (const auto& capability : view.added) added.push_back(capability.capability + " (" + capability.because + ")");
    out += "- added by xapi-storage-script: " + joined(added) + "\n";
    out += "- renamed: " + joined(view.renamed) + "\n";
    out += "- dropped (xapi warns): " + joined(view.dropped) + "\n";
    std::vector<std::string> clamped;
    for (const auto& feature : view.clamped) clamped.push_back(feature.text + " (" + feature.reason + ")");
    out += "- kept at version 1: " + joined(clamped) + "\n";
  }
  if (!view.api_version_note.empty())
    out += "- required_api_version " + code(view.required_api_version) + ": " + md(view.api_version_note) + "\n";
  return out + "\n";
}

}  // namespace

std::string detail::markdown_run_section(const suites::RunResult& run, std::string_view heading) {
  const auto& subject = run.observations.subject;
  const std::string h(heading);
  std::string out = "Target " + code(subject.target) + " (" + std::string(suites::to_string(subject.kind)) + ", " +
         std::string(suites::to_string(subject.transport)) + ", profile " +
         std::string(suites::to_string(subject.profile)) + "), smapi-conform " + md(run.tool_version) + "\n\n";

  std::array<std::size_t, 5> counts{};
  std::size_t waived = 0;
  std::string rows;
  for (const auto& result : run.results) {
    ++counts[static_cast<std::size_t>(result.outcome)];
    if (detail::is_waived(result)) ++waived;
    if (result.outcome == suites::Outcome::pass) continue;
    const suites::Requirement& requirement = detail::requirement_of(result);
    std::string outcome(suites::to_string(result.outcome));
    if (detail::is_waived(result)) outcome += " (waived)";
    rows += "| " + code(requirement.id, true) + " | " + std::string(suites::to_string(requirement.level)) + " | " +
            outcome + " | " + md(result.message) + " | " +
            code(detail::reproducer_of(result, run.observations), true) + " |\n";
  }
  out += "| pass | fail | warn | skip | error | waived |\n|---:|---:|---:|---:|---:|---:|\n|";
  for (std::size_t count : counts) out += " " + std::to_string(count) + " |";
  out += " " + std::to_string(waived) + " |\n\n";

  if (!rows.empty()) {
    out += h + " Requirements not passed\n\n| ID | level | outcome | message | reproducer |\n"
           "|---|---|---|---|---|\n" + rows + "\n";
  }

  out += xapi_view_section(run.xapi_view, heading);
  if (waived != 0 || !run.waiver_problems.empty()) {
    out += h + " Waivers\n\n";
    for (const auto& result : run.results)
      if (detail::is_waived(result))  // a catalogue ID may start the item; plugin text may not
        out += "- " + code(detail::requirement_of(result).id) + ": " + md(detail::waiver_text(*result.waiver)) + "\n";
    for (const auto& problem : run.waiver_problems)
      out += "- **" + std::string(detail::problem_name(problem.kind)) + "** " + code(problem.id) + ": " +
             md(problem.detail) + "\n";
    out += "\n";
  }
  return out;
}

std::string to_markdown_summary(const suites::RunResult& run) {
  return "## smapi-conform: " + std::string(detail::markdown_verdict_mark(run.verdict)) + " " +
         std::string(suites::to_string(run.verdict)) + "\n\n" + detail::markdown_run_section(run, "###");
}

void write_markdown_summary(const suites::RunResult& run, const std::filesystem::path& file) {
  detail::write_file_atomically(file, to_markdown_summary(run));
}

}  // namespace smapi::reports
