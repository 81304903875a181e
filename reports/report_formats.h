#pragma once
// The report formats a run can write, their fixed file names, and writing a
// chosen set of them into one directory from the one in-memory RunResult.
//
//   json     -> report.json   (json_report.h)
//   junit    -> junit.xml     (junit_report.h)
//   html     -> report.html   (html_report.h)
//   markdown -> summary.md    (markdown_summary.h)
//   tap      -> report.tap    (tap_report.h)
//   sarif    -> report.sarif  (sarif_report.h)

#include "reports/report_limits.h"
#include "suites/result.h"

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::reports {

enum class ReportFormat { json, junit, html, markdown, tap, sarif };

// The format's name on the command line: "json", "junit", ...
std::string_view format_name(ReportFormat format);

// The file a format is written to inside the report directory.
std::string_view format_file_name(ReportFormat format);

// What --format means when it is not given: json, junit, html.
std::vector<ReportFormat> default_report_formats();

// A parsed --format list: the formats in the order given, without repeats,
// or an error naming the first unknown name.
struct FormatList {
  std::vector<ReportFormat> formats;
  std::string error;  // empty on success
};

// Parses "json,junit", "all", "json, tap" (spaces around names allowed).
// Rejects an empty list, an empty name and unknown names.
FormatList parse_format_list(std::string_view text);

// Writes each format into dir (which must exist), each file atomically,
// after removing the files of the other formats an earlier run may have left
// there (remove_stale_reports, report_dir.h): the directory then holds one
// run's reports only. Returns the files written, in the order of formats. Throws
// std::runtime_error naming the file when a write fails.
std::vector<std::filesystem::path> write_reports(const suites::RunResult& run,
                                                 std::span<const suites::Requirement> catalogue,
                                                 const std::filesystem::path& dir,
                                                 const std::vector<ReportFormat>& formats,
                                                 const ReportLimits& limits = {});

}  // namespace smapi::reports
