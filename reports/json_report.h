#pragma once
// The machine-readable report: one JSON document per run.
//
// Shape (schema_version 3; reports/schema/report.schema.json is the formal
// form, and tests hold every report to it). Every string is valid UTF-8;
// every number is an integer; nothing is Infinity or NaN.
//
// {
//   "schema_version": 3,
//   "tool": {"name": "smapi-conform", "version": "0.1.0"},
//   "catalogue_version": "2.0.0",        // the requirement catalogue judged by (v3)
//   "target": "/path/or/url",            // as the user gave it
//   "kind": "volume" | "datapath",
//   "transport": "exec" | "jsonrpc" | "jsonrpc2" | "xmlrpc",
//   "profile": "xapi" | "strict",
//   "subject": {"target", "kind", "transport", "profile",   // as above (v1 kept
//               "plugin_dir_name": "...", "timeout_ms": N,   //  them top-level)
//               "method_files": ["..."],             // exec: the method scripts found
//               "repeat": N, "concurrency": N, "seed": N, "probes": bool},
//   "skipped_probes": [{"method": "Plugin.ls", "reason": "..."}],  // probes not made
//   "started_at": "2026-01-01T00:00:00Z",
//   "duration_ms": 1234,
//   "summary": {
//     "verdict": "conformant" | "non-conformant" | "inconclusive",
//     "exit_status": 0 | 1 | 2,
//     "counts": {"pass": N, "fail": N, "warn": N, "skip": N, "error": N},
//     "failed_must": ["ID", ...],        // MUST requirements whose outcome is fail
//     "failed_should": ["ID", ...],      // SHOULD requirements whose outcome is fail
//     "waived": ["ID", ...]              // failures and errors a waiver covered
//   },                                   // (not in failed_must / failed_should)
//   "xapi_view": {                       // suites/xapi_view.h, field for field
//     "available": bool, "problem": "...", "summary": "...", "sr_type", "name",
//     "description", "vendor", "copyright", "version", "required_api_version": "...",
//     "api_version_deprecated": bool, "api_version_note": "...", "capabilities": ["..."],
//     "features": [{"name": "...", "version": N}], "renamed": ["..."],
//     "dropped": ["..."], "clamped": [{"feature": "...", "reason": "..."}],
//     "added": [{"capability": "...", "because": "..."}], "scripts_known": bool,
//     "configuration": [{"key": "...", "description": "..."}],
//     "required_cluster_stack": ["..."],
//     "registration": {"succeeds": bool, "detail": "..."} | null  // datapath only
//   },
//   "waiver_problems": [{"kind": "expired" | "unexpected_pass" | "unknown_requirement",
//                        "id": "...", "detail": "..."}],
//   "results": [{
//     "id": "QUERY-FIELD-TYPE", "area": "query", "level": "MUST" | "SHOULD",
//     "statement": "...", "source": "...",
//     "consequence": "...",              // what happens in xapi when it fails (v3)
//     "citation": "xen-api@e2ee48d6 ocaml/... function",  // the public source (v3)
//     "applies": {"transports": ["exec", "jsonrpc", "xmlrpc"],
//                 "kinds": ["volume", "datapath"], "feature": ""},
//     "proof": "fixture:..." | "mutant:..." | "",
//     "outcome": "pass" | "fail" | "warn" | "skip" | "error",
//     "message": "...",
//     "reproducer": "...",               // one line repeating the call it rests on, or ""
//     "waiver": {"reason", "ticket", "expires"} | null,
//     "evidence": [EVIDENCE, ...]        // the calls this result rests on,
//   }, ...],                             // fields cut to max_evidence_field_bytes
//   "calls": [EVIDENCE, ...]             // every call in order, fields cut to max_field_bytes
// }
//
// EVIDENCE:
// {
//   "call": 0,                           // index into "calls"
//   "label": "Plugin.query",
//   "method": "Plugin.query" | "Plugin.ls" | "Plugin.diagnostics",
//   "probe": "none" | "repeat" | "concurrent" | "dbg_variant" | "bad_input" | "extra_argument",
//   "request": "...", "request_utf8_valid": true, "request_omitted_bytes": 0,
//   "reproducer": "...",
//   "delivery": "answered" | "timed_out" | "missing" | "not_executable" |
//               "spawn_failed" | "unreachable" | "io_error" | "output_limit",
//   "detail": "...",                     // words for a non-answered delivery, else ""
//   "exit": {"how": "exited" | "signalled", "code": N} | null,   // exec only
//   "http_status": N | null,             // HTTP only
//   "reply": "...", "reply_truncated": false,          // truncated: by the harness cap
//   "reply_utf8_valid": true, "reply_omitted_bytes": 0, // by this report's limit
//   "stderr": "...", "stderr_truncated": false,
//   "stderr_utf8_valid": true, "stderr_omitted_bytes": 0,
//   "pipe_held_open": false, "stdin_not_consumed": false,
//   "elapsed_ms": 12,
//   "decoded": {                         // null unless delivery is "answered"
//     "kind": "result" | "error" | "malformed",
//     "problem": "...",                  // malformed: why, in xapi's words; else ""
//     "error": {"code": "...", "params": ["..."]} | null,
//     "envelope_findings": ["$.backtrace: expected object, got absent", ...]
//   }
// }
//
// Raw fields (request, reply, stderr) replace invalid UTF-8 with U+FFFD and
// say so with "<field>_utf8_valid": false (false when any byte of the raw
// field, kept or omitted, was invalid). A field longer than its limit keeps
// its first bytes, ends in "…[N bytes omitted]", and "<field>_omitted_bytes"
// is N. The run keeps only the first 16 KiB of a probe's reply and stderr
// (suites::kKeptProbeBytes): the rest counts as omitted, and _utf8_valid
// still describes the whole. Other strings (messages, labels, error params)
// are repaired and cut the same way, silently. Evidence indexes outside "calls" are left out.

#include "reports/report_limits.h"
#include "suites/result.h"

#include <boost/json/value.hpp>

#include <filesystem>
#include <string>

namespace smapi::reports {

// The current value of "schema_version".
// 3: catalogue_version, and results[].consequence and .citation.
inline constexpr int kJsonReportSchemaVersion = 3;

// The report of a run as a JSON value (shape above).
boost::json::value to_report_json(const suites::RunResult& run, const ReportLimits& limits = {});

// The report as text: indented by two spaces, ending in a newline.
std::string to_report_text(const suites::RunResult& run, const ReportLimits& limits = {});

// Writes the report to file through a temporary file in the same directory
// and a rename. Throws std::runtime_error naming the path and the reason.
void write_json_report(const suites::RunResult& run, const std::filesystem::path& file,
                       const ReportLimits& limits = {});

}  // namespace smapi::reports
