#include "reports/fleet_reports.h"

#include "reports/detail/atomic_file.h"
#include "reports/detail/pretty_json.h"
#include "reports/fleet_json.h"
#include "reports/report_dir.h"

namespace smapi::reports {

std::vector<std::filesystem::path> write_fleet_reports(const suites::FleetResult& fleet,
                                                       std::span<const suites::Requirement> catalogue,
                                                       const std::filesystem::path& dir,
                                                       const std::vector<ReportFormat>& formats,
                                                       const ReportLimits& limits) {
  remove_stale_reports(dir, formats);
  std::vector<std::filesystem::path> written;
  for (ReportFormat format : formats) {
    const std::filesystem::path file = dir / format_file_name(format);
    std::string text;
    switch (format) {
      case ReportFormat::json: text = to_fleet_report_text(fleet, limits); break;
      case ReportFormat::junit: text = to_fleet_junit_xml(fleet, limits); break;
      case ReportFormat::html: text = to_fleet_html_report(fleet, limits); break;
      case ReportFormat::markdown: text = to_fleet_markdown_summary(fleet); break;
      case ReportFormat::tap: text = to_fleet_tap_report(fleet); break;
      case ReportFormat::sarif: text = detail::pretty_json(to_fleet_sarif_json(fleet, catalogue, limits)); break;
    }
    detail::write_file_atomically(file, text);
    written.push_back(file);
  }
  return written;
}

}  // namespace smapi::reports
