#include "harness/rerun_failed.h"

#include "contract/json_text.h"
#include "harness/bounded_file.h"
#include "harness/diff_command.h"
#include "harness/run_options.h"
#include "suites/catalogue.h"

#include <algorithm>

namespace smapi::harness {
namespace {

// The report's catalogue_version (schema 3 on); "" when it has none.
std::string catalogue_version_of(std::string_view text) {
  const auto parsed = contract::parse_one_json_value(
      text, contract::JsonLimits{.max_depth = kMaxDiffReportDepth, .max_bytes = kMaxDiffReportBytes});
  const auto* root = parsed.value ? parsed.value->if_object() : nullptr;
  const auto* version = root ? root->if_contains("catalogue_version") : nullptr;
  return version && version->is_string() ? std::string(version->as_string()) : std::string();
}

std::string read_report(const std::filesystem::path& file) {
  auto read = read_bounded_file(file, kMaxDiffReportBytes);
  if (!read.problem.empty()) throw UsageError("--rerun-failed: " + file.string() + ": " + read.problem);
  return std::move(read.text);
}

}  // namespace

RerunReport rerun_report_of(std::string_view text, std::string_view source,
                            std::span<const suites::Requirement> catalogue) {
  const auto outcomes = parse_report_outcomes(text, source);
  RerunReport report;
  report.request.source = std::string(source);
  report.catalogue_version = catalogue_version_of(text);
  for (const auto& entry : outcomes.results) {
    if (entry.outcome != "fail" && entry.outcome != "error") continue;
    const bool known = std::any_of(catalogue.begin(), catalogue.end(),
                                   [&](const auto& requirement) { return requirement.id == entry.id; });
    (known ? report.request.ids : report.unknown_ids).push_back(entry.id);
  }
  return report;
}

std::vector<std::string> rerun_notes(const RerunReport& report, std::string_view catalogue_version) {
  std::vector<std::string> notes;
  const auto& source = report.request.source;
  if (report.catalogue_version.empty())
    notes.push_back(source + " records no catalogue version (an older report); this is catalogue " +
                    std::string(catalogue_version) + ": rerunning the IDs it shares");
  else if (report.catalogue_version != catalogue_version)
    notes.push_back(source + " was judged against catalogue " + report.catalogue_version + ", this is " +
                    std::string(catalogue_version) + ": rerunning the IDs it shares");
  if (!report.unknown_ids.empty()) {
    std::string ids;
    for (const auto& id : report.unknown_ids) ids += (ids.empty() ? "" : ", ") + id;
    notes.push_back(source + ": not in this catalogue, not rerun: " + ids);
  }
  return notes;
}

RerunRequest read_rerun_request(const std::filesystem::path& file, std::ostream& err) {
  RerunReport report;
  try {
    report = rerun_report_of(read_report(file), file.string(), suites::catalogue());
  } catch (const ReportReadError& error) {
    throw UsageError(std::string("--rerun-failed: ") + error.what());
  }
  for (const auto& note : rerun_notes(report, suites::catalogue_version()))
    err << "smapi-conform: note: " << note << '\n';
  return std::move(report.request);
}

void load_rerun_request(SelectionTerms& terms, std::ostream& err) {
  if (terms.rerun_failed && !terms.rerun) terms.rerun = read_rerun_request(*terms.rerun_failed, err);
}

NotSelected not_selected_by(const SelectionTerms& terms, std::ostream& err) {
  auto loaded = terms;
  load_rerun_request(loaded, err);
  return resolve_selection(loaded, loaded.rerun, suites::catalogue());
}

}  // namespace smapi::harness
