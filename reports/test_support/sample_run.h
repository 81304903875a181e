#pragma once
// A hand-built run for the report tests: six results (a MUST failure, a
// SHOULD failure, a skip, a pass, a warn, an error) over three calls.

#include "suites/fleet.h"
#include "suites/result.h"

#include <array>

#include <string>

namespace smapi::reports::testing {

inline constexpr suites::Requirement kQueryFieldType{
    "QUERY-FIELD-TYPE", "query", suites::Level::must,
    "Every query_result field has the IDL's type.", "IDL: query_result field types",
    suites::Applicability{suites::kExecTransport | suites::kJsonRpcTransport, true, false,
                          "SR_STATS"},
    "fixture:defects/query-field-types", "",
    "A field of the wrong type fails Plugin.query in xapi.",
    "ocaml-rpc@6fe5b650 src/lib/rpcmarshal.ml unmarshal"};
inline constexpr suites::Requirement kDiagNoPii{
    "DIAG-NO-PII", "diagnostics", suites::Level::should,
    "Plugin.diagnostics holds no personally identifiable data.", "IDL: Plugin interface"};
inline constexpr suites::Requirement kLsResultType{
    "LS-RESULT-TYPE", "ls", suites::Level::must, "Plugin.ls returns a list of strings.",
    "IDL: Plugin interface"};
inline constexpr suites::Requirement kQueryApiVersion{
    "QUERY-API-VERSION", "query", suites::Level::must,
    "required_api_version is 3.0 or 5.0.", "IDL: Plugin interface"};
inline constexpr suites::Requirement kQueryFeatureNames{
    "QUERY-FEATURE-NAMES", "query", suites::Level::should,
    "Every feature is one xapi knows.", "IDL: Plugin interface"};
inline constexpr suites::Requirement kErrorsBadDbg{
    "ERRORS-BAD-DBG", "errors", suites::Level::must,
    "A non-string dbg is answered with an error.", "IDL: dbg is a string"};

// The exact bytes of the sample's calls.
inline constexpr const char* kQueryRequest = R"({"dbg":"debug"})";
inline constexpr const char* kQueryReply =
    R"({"plugin":"ext4-ng","name":"ext4","description":"d","vendor":5,"copyright":"c","version":"3.0","required_api_version":"5.0","features":["SR_ATTACH"],"configuration":{},"required_cluster_stack":[]})";
inline constexpr const char* kLsReply =
    R"({"code":"SR_BACKEND_FAILURE","params":["Unimplemented","Plugin.ls"]})";
inline constexpr const char* kQueryReproducer =
    R"(printf '%s' '{"dbg":"debug"}' | /plugins/ext4-ng/Plugin.Query --json)";

// Calls: #0 Plugin.query (exit 0, a result), #1 Plugin.ls (exit 1, an error
// without backtrace), #2 Plugin.diagnostics (timed out).
// Results: QUERY-FIELD-TYPE fail (MUST, evidence #0), DIAG-NO-PII fail
// (SHOULD, #2), LS-RESULT-TYPE skip (#1), QUERY-API-VERSION pass (#0),
// QUERY-FEATURE-NAMES warn (#0), ERRORS-BAD-DBG error (no evidence).
// Verdict non-conformant. One skipped probe (Plugin.diagnostics). xapi's view is filled in (SR type ext4-ng, one
// rename, one dropped feature).
suites::RunResult sample_run();

// sample_run() with a waiver on the QUERY-FIELD-TYPE failure and two waiver
// problems (DIAG-ANSWERS expired, QUERY-API-VERSION passed anyway). Verdict
// inconclusive (the waived failure no longer counts; the MUST error does).
suites::RunResult sample_run_with_waivers();

// Markup that would run if a report failed to escape it: each piece, when
// executed, sets the attribute data-pwned on <body>.
inline constexpr const char* kScriptInjection =
    "<script>document.body.setAttribute('data-pwned','script')</script>";
inline constexpr const char* kAttributeInjection =
    "\"'><img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">";

// sample_run() with hostile plugin text: the injections above in the target,
// the QUERY-FIELD-TYPE message, the query reply, stderr and xapi's view;
// invalid UTF-8 (\xff\xfe), a NUL, an ANSI escape and Markdown/TAP
// punctuation ('|', '#', '[x](y)') in messages and replies.
suites::RunResult sample_run_with_hostile_text();

// The six requirements above, as the catalogue of the samples.
inline constexpr std::array kSampleCatalogue{kQueryFieldType, kDiagNoPii,         kLsResultType,
                                             kQueryApiVersion, kQueryFeatureNames, kErrorsBadDbg};

// sample_run() with every result passed: conformant.
suites::RunResult sample_passing_run();

// A fleet of three, sorted by name: "datapath/org.xen.xapi.storage.broken",
// which the harness could not judge (inconclusive); "volume/ext4-ng"
// (sample_run(), non-conformant, with a source_dir); "volume/good"
// (sample_passing_run(), conformant). Not sharded; verdict non-conformant.
suites::FleetResult sample_fleet();

}  // namespace smapi::reports::testing
