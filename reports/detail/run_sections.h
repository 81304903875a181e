#pragma once
// Private: the part of each report format that describes one run, shared by
// the single-run writers (which wrap it in their document) and the fleet
// writers (fleet_reports.h, which wrap one per plugin in theirs). Each is
// defined beside its format's writer.

#include "reports/report_limits.h"
#include "suites/result.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace smapi::reports::detail {

// JUnit (junit_report.cpp): a run's <testsuite> element, indented by two
// spaces, and its counts for the enclosing <testsuites>.
struct JunitCounts {
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  JunitCounts& operator+=(const JunitCounts& other);
};
struct JunitSuite {
  std::string xml;
  JunitCounts counts;
};
JunitSuite junit_testsuite(const suites::RunResult& run, std::string_view suite_name, const ReportLimits& limits);
// " tests=\"N\" failures=... time=\"S.mmm\"", as both elements carry them.
std::string junit_count_attributes(const JunitCounts& counts, std::chrono::milliseconds time);

// TAP (tap_report.cpp): a run's plan, points and any "Bail out!" line, without
// the version line.
std::string tap_body(const suites::RunResult& run);

// Markdown (markdown_summary.cpp): a run's summary below its title line:
// subject, counts, requirements not passed, xapi's view, waivers; its own
// headings at `heading` ("###" alone, "####" within a fleet).
std::string markdown_run_section(const suites::RunResult& run, std::string_view heading);
std::string_view markdown_verdict_mark(suites::Verdict verdict);

// HTML (html_report.cpp): a run's body, every id and link inside prefixed by
// `id_prefix` ("" alone; "p3-" for a fleet's fourth plugin), and the page
// around a body, with the report's style and script.
std::string html_run_body(const suites::RunResult& run, const ReportLimits& limits, std::string_view id_prefix);
std::string html_page(std::string_view title, const std::string& body, std::string_view extra_style = {});

// SARIF (sarif_report.cpp): the rules of a catalogue (and of requirements
// results name beyond it), the results and notifications of one run, the
// tool, an invocation and the log around one SARIF run.
struct SarifRules {
  boost::json::array rules;
  std::map<std::string, std::size_t> index;  // rule ID -> its index in rules
  void add(const suites::Requirement& requirement, std::size_t limit);
};
// Appends a run's findings, its artifacts under source_dir. `plugin`, when
// not empty, names the run in logical locations, notifications and each
// result's properties (a fleet member's name); empty, the plugin
// directory's name or the target does in logical locations.
void sarif_add_results(const suites::RunResult& run, std::string_view plugin, std::string_view source_dir,
                       const SarifRules& rules, std::size_t limit, boost::json::array& results,
                       boost::json::array& notifications);
boost::json::object sarif_tool(std::string_view tool_version, boost::json::array rules, std::size_t limit);
boost::json::object sarif_invocation(suites::Verdict verdict, int exit_status, std::string_view started_at,
                                     boost::json::array notifications, std::size_t limit);
boost::json::object sarif_log(boost::json::object sarif_run);

}  // namespace smapi::reports::detail
