#include "reports/report_formats.h"

#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/junit_report.h"
#include "reports/markdown_summary.h"
#include "reports/report_dir.h"
#include "reports/sarif_report.h"
#include "reports/tap_report.h"

#include <algorithm>
#include <array>

namespace smapi::reports {
namespace {

constexpr std::array kAllFormats{ReportFormat::json,     ReportFormat::junit, ReportFormat::html,
                                 ReportFormat::markdown, ReportFormat::tap,   ReportFormat::sarif};

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

std::string_view format_name(ReportFormat format) {
  switch (format) {
    case ReportFormat::json: return "json";
    case ReportFormat::junit: return "junit";
    case ReportFormat::html: return "html";
    case ReportFormat::markdown: return "markdown";
    case ReportFormat::tap: return "tap";
    case ReportFormat::sarif: return "sarif";
  }
  return "json";
}

std::string_view format_file_name(ReportFormat format) {
  switch (format) {
    case ReportFormat::json: return "report.json";
    case ReportFormat::junit: return "junit.xml";
    case ReportFormat::html: return "report.html";
    case ReportFormat::markdown: return "summary.md";
    case ReportFormat::tap: return "report.tap";
    case ReportFormat::sarif: return "report.sarif";
  }
  return "report.json";
}

std::vector<ReportFormat> default_report_formats() {
  return {ReportFormat::json, ReportFormat::junit, ReportFormat::html};
}

FormatList parse_format_list(std::string_view text) {
  FormatList list;
  const auto add = [&](ReportFormat format) {
    if (std::find(list.formats.begin(), list.formats.end(), format) == list.formats.end())
      list.formats.push_back(format);
  };
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    const std::string_view name =
        trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (name.empty()) {
      list.error = "expected a comma-separated list of json, junit, html, markdown, tap, sarif or all, got \"" +
                   std::string(text) + "\"";
      return {{}, list.error};
    }
    if (name == "all") {
      for (ReportFormat format : kAllFormats) add(format);
    } else {
      const auto found = std::find_if(kAllFormats.begin(), kAllFormats.end(),
                                      [&](ReportFormat format) { return format_name(format) == name; });
      if (found == kAllFormats.end()) {
        list.error = "unknown format \"" + std::string(name) +
                     "\" (expected json, junit, html, markdown, tap, sarif or all)";
        return {{}, list.error};
      }
      add(*found);
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return list;
}

std::vector<std::filesystem::path> write_reports(const suites::RunResult& run,
                                                 std::span<const suites::Requirement> catalogue,
                                                 const std::filesystem::path& dir,
                                                 const std::vector<ReportFormat>& formats,
                                                 const ReportLimits& limits) {
  remove_stale_reports(dir, formats);
  std::vector<std::filesystem::path> written;
  for (ReportFormat format : formats) {
    const std::filesystem::path file = dir / format_file_name(format);
    switch (format) {
      case ReportFormat::json: write_json_report(run, file, limits); break;
      case ReportFormat::junit: write_junit_report(run, file, limits); break;
      case ReportFormat::html: write_html_report(run, file, limits); break;
      case ReportFormat::markdown: write_markdown_summary(run, file); break;
      case ReportFormat::tap: write_tap_report(run, file); break;
      case ReportFormat::sarif: write_sarif_report(run, catalogue, file, limits); break;
    }
    written.push_back(file);
  }
  return written;
}

}  // namespace smapi::reports
