#pragma once
// The machine-readable report: one JSON document per run. A fleet's
// report.json (several plugins, fleet_json.h) holds this document per plugin.
//
// Shape (schema_version 4; reports/schema/report.schema.json is the formal
// form, and tests hold every report to it). Every string is valid UTF-8;
// every number is an integer; nothing is Infinity or NaN. Each call is
// written once, under "calls"; a result cites the calls it rests on by id.
//
// {
//   "schema_version": 4,
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
//     "statement": "...",
//     // Only when the outcome is not "pass" (v4; `smapi-conform explain ID`
//     // prints them for any requirement):
//     "source": "...",
//     "consequence": "...",              // what happens in xapi when it fails (v3)
//     "citation": "xen-api@e2ee48d6 ocaml/... function",  // the public source (v3)
//     "applies": {"transports": ["exec", "jsonrpc", "xmlrpc"],
//                 "kinds": ["volume", "datapath"], "feature": ""},
//     "proof": "fixture:..." | "mutant:..." | "",
//     // Always:
//     "outcome": "pass" | "fail" | "warn" | "skip" | "error",
//     "message": "...",
//     "reproducer": "...",               // one line repeating the call it rests on;
//                                        // "" for a pass or when there is none
//     "waiver": {"reason", "ticket", "expires"} | null,
//     "evidence": [0, 3]                 // ids of the calls it rests on (v4)
//   }, ...],
//   "calls": [CALL, ...]                 // every call in order; calls[i].id is i
// }
//
// CALL:
// {
//   "id": 0,                             // what results[].evidence cites
//   "label": "Plugin.query",
//   "method": "Plugin.query" | "Plugin.ls" | "Plugin.diagnostics",
//   "probe": "none" | "repeat" | "concurrent" | "dbg_variant" | "bad_input" | "extra_argument",
//   "delivery": "answered" | "timed_out" | "missing" | "not_executable" |
//               "spawn_failed" | "unreachable" | "io_error" | "output_limit",
//   "detail": "...",                     // words for a non-answered delivery, else ""
//   "exit": {"how": "exited" | "signalled", "code": N} | null,   // exec only
//   "http_status": N | null,             // HTTP only
//   "elapsed_ms": 12,
//   "request": QUOTE,                    // the bytes sent: stdin or the HTTP body
//   "reply": QUOTE + {"truncated": false},   // truncated: by the harness cap
//   "stderr": QUOTE + {"truncated": false} | null,   // null over HTTP
//   "pipe_held_open": false, "stdin_not_consumed": false,
//   "reproducer": "...",                 // a shell command line that repeats the call
//   "decoded": {                         // null unless delivery is "answered"
//     "kind": "result" | "error" | "malformed",
//     "problem": "...",                  // malformed: why, in xapi's words; else ""
//     "error": {"code": "...", "params": ["..."]} | null,
//     "envelope_findings": ["$.backtrace: expected object, got absent", ...]
//   }
// }
//
// QUOTE (v4): a raw field quoted by at most ReportLimits::max_quoted_field_bytes
// (max_quoted_probe_field_bytes for a probe call that only passes cite)
// {"text": "...",         // its first bytes; invalid UTF-8 as U+FFFD; when cut,
//                         // ending in "…[N bytes omitted]"
//  "bytes": N,            // size of the whole field
//  "omitted_bytes": N,    // bytes of it left out of "text"
//  "utf8_valid": true,    // false when any byte of the whole field is invalid
//  "sha256": "hex" | null}  // of the whole field, when bytes were left out and
//                           // the run kept them all; else null
// The run keeps only the first 4 KiB of a probe's reply and stderr
// (suites::kKeptProbeBytes): the rest counts as omitted, "sha256" is null,
// and utf8_valid still describes the whole. Other strings (messages, labels,
// error params, reproducers) are repaired and cut the same way, silently.
// Evidence ids outside "calls" are left out.

#include "reports/report_limits.h"
#include "suites/result.h"

#include <boost/json/value.hpp>

#include <filesystem>
#include <string>

namespace smapi::reports {

// The current value of "schema_version".
// 3: catalogue_version, and results[].consequence and .citation.
// 4: each call once; results[].evidence holds call ids; raw fields quoted
//    (text, size, SHA-256); a pass leaves out the catalogue's detail.
inline constexpr int kJsonReportSchemaVersion = 4;

// The report of a run as a JSON value (shape above).
boost::json::value to_report_json(const suites::RunResult& run, const ReportLimits& limits = {});

// The report as text: indented by two spaces, ending in a newline.
std::string to_report_text(const suites::RunResult& run, const ReportLimits& limits = {});

// Writes the report to file through a temporary file in the same directory
// and a rename. Throws std::runtime_error naming the path and the reason.
void write_json_report(const suites::RunResult& run, const std::filesystem::path& file,
                       const ReportLimits& limits = {});

}  // namespace smapi::reports
