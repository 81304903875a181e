#pragma once
// The HTML report's calls: each call of the run once, in a
// <details class="call" id="call-N"> that results link to, with its request
// and reply indented when they are JSON.

#include "reports/report_limits.h"
#include "suites/result.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::reports::detail {

// <section id="calls">: every call, once. A call that a result which did not
// pass cites starts open; every call names the results citing it.
// Ids and links start with id_prefix (a fleet's page holds several runs).
std::string html_calls_section(const suites::RunResult& run, const ReportLimits& limits,
                               std::string_view id_prefix = {});

// Links to the calls a result rests on: "<a href="#call-0">#0 Plugin.query</a>, ...",
// "" when it rests on none.
std::string html_call_links(const std::vector<std::size_t>& evidence, const suites::Observations& observations,
                            std::string_view id_prefix = {});

}  // namespace smapi::reports::detail
