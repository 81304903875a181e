#pragma once
// TAP 14 (https://testanything.org/tap-version-14-specification.html), for
// prove, tappy and the many CI plugins that read TAP.
//
//   TAP version 14
//   1..N                                   one point per result, then per waiver problem
//   ok 1 - QUERY-API-VERSION (MUST) required_api_version is 3.0 or 5.0.
//   not ok 2 - QUERY-FIELD-TYPE (MUST) Every query_result field has ...
//     ---                                  YAML diagnostics for every point not a plain pass
//     outcome: "fail"
//     level: "MUST"
//     area: "query"
//     message: "$.vendor: expected string, got 5"
//     reproducer: "printf ... | DIR/Plugin.Query --json"
//     ...
//   ok 3 - LS-RESULT-TYPE (MUST) ... # SKIP Plugin.ls is not implemented
//   not ok 4 - DIAG-NO-PII (SHOULD) ... # TODO SHOULD: does not affect the verdict
//   not ok 5 - QUERY-FIELD-TYPE (MUST) ... # TODO waived: reason (ticket T, expires D)
//
// The mapping follows the exit status: MUST failures and errors are "not ok";
// a SHOULD failure and a waived failure are "not ok # TODO" (TAP's "known
// not to pass yet": reported, not counted); a warning is "ok" with its
// diagnostics; a skip is "ok # SKIP reason". An expired waiver is a
// "not ok" point of its own, other waiver problems are "ok" with a note.
// Descriptions escape '#' and '\' as TAP 14 requires; YAML values are
// double-quoted JSON strings (valid YAML), one line each.

#include "suites/result.h"

#include <filesystem>
#include <string>

namespace smapi::reports {

// The TAP 14 document of a run.
std::string to_tap_report(const suites::RunResult& run);

// Writes it through a temporary file and a rename; throws std::runtime_error
// naming the path and the reason.
void write_tap_report(const suites::RunResult& run, const std::filesystem::path& file);

}  // namespace smapi::reports
