#pragma once
// SARIF 2.1.0 (OASIS), for code-scanning dashboards (GitHub code scanning,
// GitLab, Azure DevOps) that gather findings from many tools.
//
//   {"$schema": ".../sarif-2.1.0.json", "version": "2.1.0", "runs": [{
//     "tool": {"driver": {"name": "smapi-conform", "version", "informationUri",
//              "rules": [one per catalogue requirement, catalogue order:
//                {"id", "name", "shortDescription": {"text": statement},
//                 "fullDescription", "help": {"text": statement, source, proof},
//                 "defaultConfiguration": {"level": "error" (MUST) | "warning" (SHOULD)},
//                 "properties": {"area", "level", "tags"}}]}},
//     "invocations": [{"executionSuccessful", "exitCode",
//                      "toolExecutionNotifications": [results the harness could not judge]}],
//     "properties": {"verdict", "target", "kind", "transport", "profile"},
//     "results": [one per fail or warn, catalogue order:
//       {"ruleId", "ruleIndex", "kind": "fail",
//        "level": "error" (MUST fail) | "warning" (SHOULD fail, or warn),
//        "message": {"text": "ID: message"},
//        "locations": [{"logicalLocations": [{"name": "Plugin.query",
//            "fullyQualifiedName": "<plugin>/Plugin.query", "kind": "function"}]}],
//        "properties": {"reproducer"},
//        "suppressions": [{"kind": "external", "status": "accepted",
//                          "justification": waiver}]   // waived failures only
//       }]}]}
//
// <plugin> is the plugin directory's name (exec) or the target URL. Strings
// are valid UTF-8 cut to ReportLimits::max_evidence_field_bytes.

#include "reports/report_limits.h"
#include "suites/result.h"

#include <boost/json/value.hpp>

#include <filesystem>
#include <span>
#include <string>

namespace smapi::reports {

// The SARIF log of a run; rules come from `catalogue` (plus any requirement a
// result names that the catalogue lacks).
boost::json::value to_sarif_json(const suites::RunResult& run,
                                 std::span<const suites::Requirement> catalogue,
                                 const ReportLimits& limits = {});

// The SARIF log as indented text ending in a newline.
std::string to_sarif_text(const suites::RunResult& run, std::span<const suites::Requirement> catalogue,
                          const ReportLimits& limits = {});

// Writes it through a temporary file and a rename; throws std::runtime_error
// naming the path and the reason.
void write_sarif_report(const suites::RunResult& run, std::span<const suites::Requirement> catalogue,
                        const std::filesystem::path& file, const ReportLimits& limits = {});

}  // namespace smapi::reports
