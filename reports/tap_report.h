#pragma once
// TAP version 13 (https://testanything.org/tap-version-13-specification.html),
// for prove, tappy and the many CI plugins that read TAP. Version 13, not 14:
// prove 3.44 (Debian 12) refuses "TAP version 14", and TAP 14 consumers read
// version 13 documents.
//
//   TAP version 13
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
//   not ok 4 - DIAG-NO-PII (SHOULD) ... # TODO SHOULD: does not affect the verdict under --fail-on must
//   not ok 5 - QUERY-FIELD-TYPE (MUST) ... # TODO waived: reason (ticket T, expires D)
//
// The points agree with the exit status (RunResult::policy): a failure or
// error that counts toward the verdict is "not ok", so a consumer fails
// exactly when the run does not exit 0. One that does not count (a SHOULD
// under --fail-on must, or a waived one) is "not ok # TODO" (TAP's "known
// not to pass yet": reported, not counted); under --fail-on should a failed
// SHOULD is a plain "not ok". A warning is "ok" with its diagnostics; a skip
// is "ok # SKIP reason". An expired waiver is a "not ok" point of its own,
// other waiver problems are "ok" with a note. Descriptions escape '#' and
// '\' with a backslash (as prove's parser reads them); YAML values are
// double-quoted JSON strings (valid YAML), one line each.

#include "suites/result.h"

#include <filesystem>
#include <string>

namespace smapi::reports {

// The TAP 13 document of a run.
std::string to_tap_report(const suites::RunResult& run);

// Writes it through a temporary file and a rename; throws std::runtime_error
// naming the path and the reason.
void write_tap_report(const suites::RunResult& run, const std::filesystem::path& file);

}  // namespace smapi::reports
