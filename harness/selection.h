#pragma once
// Which catalogue requirements a run judges (--only, --skip, --rerun-failed).
// Pure: terms and the catalogue in, the requirements left out (and why) out.
//
// A term is a requirement ID ("QUERY-STABLE", any case), an area
// ("area:query", one of the catalogue's areas), a level ("level:must",
// "level:should") or a glob of IDs ("QUERY-*"; * any text, ? one character).
// --only keeps the requirements any of its terms names (all when absent);
// --rerun-failed keeps those an earlier report failed or errored; --skip then
// leaves out those any of its terms names.

#include "cli/flag_table.h"
#include "suites/result.h"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace smapi::harness {

// Requirement ID -> why the run does not judge it ("--skip area:robustness").
using NotSelected = std::map<std::string, std::string, std::less<>>;

// The requirements an earlier report failed or errored (--rerun-failed FILE;
// harness/rerun_failed.h reads it).
struct RerunRequest {
  std::string source;            // the report's path, as given
  std::vector<std::string> ids;  // failed or errored there, and in this catalogue
};

// What the command line (or --config) said about the selection.
struct SelectionTerms {
  std::vector<std::string> only;  // each term as given, comma lists split
  std::vector<std::string> skip;
  std::optional<std::filesystem::path> rerun_failed;  // --rerun-failed FILE
  // That file's request, once read (harness/rerun_failed.h load_rerun_request):
  // a run of many plugins reads it, and says what it says, once.
  std::optional<RerunRequest> rerun;
  bool empty() const { return only.empty() && skip.empty() && !rerun_failed; }
};

// Longest term accepted: no ID, area or glob comes near it.
inline constexpr std::size_t kMaxSelectionTermBytes = 256;

// A flag's values split on commas: {"a,b", "c"} -> {"a", "b", "c"}, blanks
// around each trimmed. Throws UsageError naming `flag` for an empty item or
// one longer than kMaxSelectionTermBytes.
std::vector<std::string> split_terms(std::string_view flag, const std::vector<std::string>& values);

// The terms of a run-table parse: --only, --skip and --rerun-failed.
SelectionTerms selection_terms_from(const cli::ParsedArgs& parsed);

// Checks every term against the catalogue, without --rerun-failed's file.
// Throws UsageError naming the flag and the term for an unknown ID, area or
// level, or a glob matching no ID, with the nearest known one ("did you mean
// area:query?").
void check_terms(const SelectionTerms& terms, std::span<const suites::Requirement> catalogue);

// The requirements the terms (and the rerun request, when given) leave out,
// with why. Empty when the terms select every requirement. Throws UsageError
// as check_terms does, and when nothing is left selected.
NotSelected resolve_selection(const SelectionTerms& terms, const std::optional<RerunRequest>& rerun,
                              std::span<const suites::Requirement> catalogue);

// Turns the result of each requirement left out into a skip whose message is
// "not selected: " + why; no evidence, no waiver.
void mark_not_selected(std::vector<suites::RequirementResult>& results, const NotSelected& not_selected);

}  // namespace smapi::harness
