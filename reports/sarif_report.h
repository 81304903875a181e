#pragma once
// SARIF 2.1.0 (OASIS), for code-scanning dashboards (GitHub code scanning,
// GitLab, Azure DevOps) that gather findings from many tools. It meets
// GitHub's ingestion rules (docs.github.com, "SARIF support for code
// scanning"): every result has a physical location with a relative URI and
// no scheme, descriptions are at most 1024 characters, rule names 255.
//
//   {"$schema": ".../sarif-2.1.0.json", "version": "2.1.0", "runs": [{
//     "tool": {"driver": {"name": "smapi-conform", "version", "informationUri",
//              "rules": [one per catalogue requirement, catalogue order:
//                {"id", "name", "shortDescription": {"text": statement (or the ID)},
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
//        "locations": [{
//            "physicalLocation": {"artifactLocation": {"uri": <artifact>},
//                                 "region": {"startLine": 1}},   // the method as a whole
//            "logicalLocations": [{"name": "Plugin.query",
//                "fullyQualifiedName": "<plugin>/Plugin.query", "kind": "function"}]}],
//        "partialFingerprints": {"primaryLocationLineHash": "<16 hex>:1"},  // of ID and <artifact>
//        "properties": {"reproducer"},
//        "suppressions": [{"kind": "external", "status": "accepted",
//                          "justification": waiver}]   // waived failures only
//       }]}]}
//
// A result's method is that of its first evidence call; a result without
// one names the plugin ({"name": <plugin>, "kind": "module"}) and lies at
// Plugin.query's artifact.
// <artifact> is a percent-encoded relative path (RunSubject::source_dir,
// set by harness/sarif_paths.h): exec, the method file relative to
// --sarif-root ("volume/org.xen.xapi.storage.foo/Plugin.Query"), or the file
// it links to; HTTP, "http/HOST/PORT/Plugin.query" or
// "unix/SOCKET/Plugin.query". <plugin> is the plugin directory's name (exec)
// or the target URL. Strings are valid UTF-8 cut to
// ReportLimits::max_evidence_field_bytes.

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
