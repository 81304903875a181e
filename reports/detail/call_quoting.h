#pragma once
// How much of each call's raw bytes a report quotes: the plain calls and the
// calls behind anything that did not pass in full (up to
// ReportLimits::max_quoted_field_bytes), passing probes briefly.

#include "reports/report_limits.h"
#include "suites/result.h"

#include <cstddef>
#include <vector>

namespace smapi::reports::detail {

// One limit per call of run.observations.calls, in order.
std::vector<std::size_t> quote_limits(const suites::RunResult& run, const ReportLimits& limits);

}  // namespace smapi::reports::detail
