#include "harness/rerun_failed.h"

#include "contract/json_text.h"
#include "harness/bounded_file.h"
#include "harness/diff_command.h"
#include "harness/run_options.h"
#include "reports/fleet_json.h"
#include "reports/report_reader.h"
#include "suites/catalogue.h"

#include <algorithm>
#include <cstdint>

namespace smapi::harness {
namespace {

// What a report says of itself: its schema_version (0 when unreadable, which
// the full read then reports) and catalogue_version (schema 3 on; "" when none).
struct ReportHead {
  std::int64_t schema_version = 0;
  std::string catalogue_version;
};

ReportHead head_of(std::string_view text) {
  const auto parsed = contract::parse_one_json_value(
      text, contract::JsonLimits{.max_depth = kMaxDiffReportDepth, .max_bytes = kMaxDiffReportBytes});
  const auto* root = parsed.value ? parsed.value->if_object() : nullptr;
  ReportHead head;
  if (!root) return head;
  if (const auto* version = root->if_contains("schema_version"); version && version->is_int64())
    head.schema_version = version->as_int64();
  if (const auto* version = root->if_contains("catalogue_version"); version && version->is_string())
    head.catalogue_version = std::string(version->as_string());
  return head;
}

// The IDs a report failed or errored: a fleet's, of any member (reports/
// report_reader.h); a single run's, as `diff` reads them (schema 1 to 4).
std::vector<std::string> failed_ids(std::string_view text, std::string_view source, const ReportHead& head) {
  std::vector<std::string> ids;
  if (head.schema_version == reports::kFleetReportSchemaVersion) {
    const auto read = reports::parse_reported_outcomes(text, source);
    if (!read.value) throw ReportReadError(read.error);
    return reports::failed_or_errored_ids(*read.value);
  }
  for (const auto& entry : parse_report_outcomes(text, source).results)
    if (entry.outcome == "fail" || entry.outcome == "error") ids.push_back(entry.id);
  return ids;
}

std::string read_report(const std::filesystem::path& file) {
  auto read = read_bounded_file(file, kMaxDiffReportBytes);
  if (!read.problem.empty()) throw UsageError("--rerun-failed: " + file.string() + ": " + read.problem);
  return std::move(read.text);
}

}  // namespace

RerunReport rerun_report_of(std::string_view text, std::string_view source,
                            std::span<const suites::Requirement> catalogue) {
  const auto head = head_of(text);
  RerunReport report;
  report.request.source = std::string(source);
  report.catalogue_version = head.catalogue_version;
  for (auto& id : failed_ids(text, source, head)) {
    const bool known = std::any_of(catalogue.begin(), catalogue.end(),
                                   [&](const auto& requirement) { return requirement.id == id; });
    (known ? report.request.ids : report.unknown_ids).push_back(std::move(id));
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
