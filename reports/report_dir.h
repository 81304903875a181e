#pragma once
// The report directory around the writers: made ready before a run (so a
// directory that cannot take the reports stops the run before it starts),
// and cleared of an earlier run's reports that this run does not write (so
// a stale summary.md never sits beside a new report.json).

#include "reports/report_formats.h"

#include <filesystem>
#include <string>
#include <vector>

namespace smapi::reports {

// Creates dir when absent and proves a file can be created in it (a
// temporary file, removed at once). Returns "" when it can, else why not:
// "\"out\" is not a directory", "cannot create \"out\": Permission denied",
// "cannot write in \"out\": Read-only file system".
std::string prepare_report_dir(const std::filesystem::path& dir);

// Removes from dir the report files of every format not in `formats`
// (format_file_name of each; no other file is touched, nor a directory of
// that name). Returns the files removed. Throws std::runtime_error naming
// the file when one cannot be removed.
std::vector<std::filesystem::path> remove_stale_reports(const std::filesystem::path& dir,
                                                        const std::vector<ReportFormat>& formats);

}  // namespace smapi::reports
