#pragma once
// The combined report of a fleet (suites/fleet.h): one file per format, as
// for a single run (report_formats.h), with a section per plugin and the
// fleet verdict. report.json carries its own schema_version for fleets.

#include "reports/report_formats.h"
#include "reports/report_limits.h"
#include "suites/fleet.h"

#include <boost/json/value.hpp>

#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace smapi::reports {

// Each format's document of a fleet. JUnit: a <testsuite> per plugin (as
// junit_report.h writes one run's), named by the plugin. TAP: a subtest per
// plugin (TAP 14's indented form, which TAP 13 readers skip), then a point
// per plugin, "ok" when it is conformant. Markdown: the fleet verdict, a
// table of plugins (plugin, kind, verdict, failures), then each plugin's
// summary. HTML: the fleet verdict and the same table first, then each
// plugin's report, its ids prefixed "pN-". SARIF: one run whose results
// name their plugin and lie under its directory (RunSubject::source_dir; the
// member's name when that is empty and a relative path). A member the
// harness could not judge appears with its harness error in every format.
std::string to_fleet_junit_xml(const suites::FleetResult& fleet, const ReportLimits& limits = {});
std::string to_fleet_tap_report(const suites::FleetResult& fleet);
std::string to_fleet_markdown_summary(const suites::FleetResult& fleet);
std::string to_fleet_html_report(const suites::FleetResult& fleet, const ReportLimits& limits = {});
boost::json::value to_fleet_sarif_json(const suites::FleetResult& fleet,
                                       std::span<const suites::Requirement> catalogue,
                                       const ReportLimits& limits = {});

// Writes each format of a fleet into dir (which must exist), atomically and
// after removing stale report files, as write_reports does for one run.
// Returns the files written, in the order of formats. Throws
// std::runtime_error naming the file when a write fails.
std::vector<std::filesystem::path> write_fleet_reports(const suites::FleetResult& fleet,
                                                       std::span<const suites::Requirement> catalogue,
                                                       const std::filesystem::path& dir,
                                                       const std::vector<ReportFormat>& formats,
                                                       const ReportLimits& limits = {});

}  // namespace smapi::reports
