#pragma once
// --rerun-failed REPORT.json: the requirements an earlier run failed or
// errored, read from its report.json (one run's, schema_version 1 to 4, as
// `diff` reads it; or a fleet's, of any of its plugins), to judge again.

#include "harness/selection.h"
#include "suites/result.h"

#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::harness {

// What an earlier report asks to rerun.
struct RerunReport {
  RerunRequest request;  // the failed and errored IDs this catalogue knows
  // Failed or errored there, but no requirement of this catalogue (renamed
  // or removed since): named on stderr, not judged.
  std::vector<std::string> unknown_ids;
  // The report's catalogue_version; empty when it records none (schema < 3).
  std::string catalogue_version;
};

// Reads a report.json text; `source` names it in errors and messages.
// A result failed (waived or not) or in error is rerun; in a fleet's report,
// one that any plugin failed or errored (a selection is the same for every
// plugin of a run). Throws
// ReportReadError (harness/diff_command.h) naming the file and the JSON path.
RerunReport rerun_report_of(std::string_view text, std::string_view source,
                            std::span<const suites::Requirement> catalogue);

// The notes a rerun prints on stderr: a catalogue version other than this
// one's, and the IDs this catalogue does not know. Empty when there is
// nothing to say.
std::vector<std::string> rerun_notes(const RerunReport& report, std::string_view catalogue_version);

// Reads --rerun-failed's file, prints its notes to `err` ("smapi-conform:
// note: ..."), and returns what to rerun. Throws UsageError naming the file
// when it cannot be read or is no report.
RerunRequest read_rerun_request(const std::filesystem::path& file, std::ostream& err);

// Reads --rerun-failed's file into terms.rerun, unless there is none or it
// was read already; its notes go to `err`. Throws as read_rerun_request.
void load_rerun_request(SelectionTerms& terms, std::ostream& err);

// The requirements a run leaves out under `terms`, reading --rerun-failed's
// file when it was not loaded yet (its notes go to `err`). Throws
// UsageError as resolve_selection does.
NotSelected not_selected_by(const SelectionTerms& terms, std::ostream& err);

}  // namespace smapi::harness
