#pragma once
// Reading report.json back: a single run's (schema_version 4) or a fleet's
// (kFleetReportSchemaVersion, fleet_json.h). `smapi-conform merge` rebuilds
// FleetResults from shard reports; --rerun-failed reads which requirements
// failed. Parsing is pure; only the load_* functions read a file.
//
// A single-run report reads as a one-member fleet (member name: its target).
// Results name their requirement by ID, looked up in the catalogue given; the
// rest of a requirement's row (statement, citation, ...) is the catalogue's.
// Each call keeps the JSON the report wrote of it (CallObservation::reported),
// which the JSON writer repeats verbatim: quoted long fields stay as quoted,
// digests and all. The text formats read the call's fields as quoted.
//
// Every error is one line naming the source and the JSON path of what is
// wrong: "a/report.json: $.members[2].report.results[0].id: \"NOPE\" is not a
// requirement of catalogue 2.0.0".

#include "suites/fleet.h"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::reports {

// Largest report.json read, in bytes: a fleet of a hundred plugins with every
// probe quoted is a few MiB; 256 MiB bounds what a parse may take.
inline constexpr std::size_t kMaxReportFileBytes = 256 * 1024 * 1024;
// Deepest JSON nesting accepted in a report (the fleet form needs 8).
inline constexpr std::size_t kMaxReportDepth = 16;

// What a report's first members say, without the catalogue: enough to refuse
// a report from another catalogue version before judging its results.
struct ReportHeader {
  int schema_version = 0;
  bool fleet = false;             // a fleet report (else a single run's)
  std::string catalogue_version;  // "2.0.0"
};

// A report read back.
struct ReadReport {
  ReportHeader header;
  suites::FleetResult fleet;  // a single run: a one-member fleet
};

// The outcome of a read: a value, or one line saying what is wrong.
template <class T>
struct ReadOutcome {
  std::optional<T> value;
  std::string error;  // empty on success
};

// The header of a report's text. `source` names it in errors.
ReadOutcome<ReportHeader> parse_report_header(std::string_view text, std::string_view source);

ReadOutcome<ReportHeader> load_report_header(const std::filesystem::path& file);

// The whole report, results resolved against `catalogue`. A report judged by
// another catalogue version than this program's, or a result naming a
// requirement the catalogue lacks, is an error.
ReadOutcome<ReadReport> parse_report(std::string_view text, std::string_view source,
                                     std::span<const suites::Requirement> catalogue);

// The same, from a file (at most kMaxReportFileBytes).
ReadOutcome<ReadReport> load_report(const std::filesystem::path& file,
                                    std::span<const suites::Requirement> catalogue);

// One result of a report, by ID and outcome, for selections (--rerun-failed)
// that must also read reports of other catalogue versions.
struct ReportedOutcome {
  std::string plugin;  // the member's name; a single run: its target
  std::string id;      // the requirement ID as the report wrote it
  suites::Outcome outcome = suites::Outcome::error;
};

struct ReportedOutcomes {
  ReportHeader header;
  std::vector<ReportedOutcome> results;  // every member's, in report order
};

// Every result's ID and outcome, whatever catalogue the report was judged by.
ReadOutcome<ReportedOutcomes> parse_reported_outcomes(std::string_view text, std::string_view source);
ReadOutcome<ReportedOutcomes> load_reported_outcomes(const std::filesystem::path& file);

// The IDs that failed or errored in any member, sorted, each once: what
// --rerun-failed selects.
std::vector<std::string> failed_or_errored_ids(const ReportedOutcomes& outcomes);

}  // namespace smapi::reports
