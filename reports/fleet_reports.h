#pragma once
// The combined report of a fleet (suites/fleet.h): one file per format, as
// for a single run (report_formats.h), with a section per plugin and the
// fleet verdict. report.json carries its own schema_version for fleets.

#include "reports/report_formats.h"
#include "reports/report_limits.h"
#include "suites/fleet.h"

#include <filesystem>
#include <span>
#include <vector>

namespace smapi::reports {

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
