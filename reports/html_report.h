#pragma once
// The report people read: one self-contained HTML file (inline CSS and a
// small inline script, no external fetch of any kind).
//
//   verdict banner (id "verdict", class = the verdict) and the subject
//   counts of pass / fail / warn / skip / error / waived
//   results grouped by area, catalogue order: one <tr class="result"
//     data-id="ID" data-outcome="..."> per result with level and outcome
//     badges, the message, the reproducer and a <details> holding the call
//     transcripts of its evidence
//   every call in order, each a <details class="call"> with its transcript
//   "xapi's view": what xapi would register (SR type, capabilities,
//     renames, dropped features, configuration, registration)
//   waivers: the waived results and the waiver problems
//
// Everything that came from the plugin or the user is HTML-escaped after it
// is made valid UTF-8 and cut to ReportLimits::max_evidence_field_bytes; a
// Content-Security-Policy allows no source but the report's own script (by
// its SHA-256), so even markup that slipped through could not run. The
// script only adds an "expand all / failures only" toolbar; the report reads
// the same without it.

#include "reports/report_limits.h"
#include "suites/result.h"

#include <filesystem>
#include <string>

namespace smapi::reports {

// The HTML document of a run.
std::string to_html_report(const suites::RunResult& run, const ReportLimits& limits = {});

// Writes it through a temporary file and a rename; throws std::runtime_error
// naming the path and the reason.
void write_html_report(const suites::RunResult& run, const std::filesystem::path& file,
                       const ReportLimits& limits = {});

}  // namespace smapi::reports
