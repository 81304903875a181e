#include "suites/catalogue.h"

#include <array>
#include <stdexcept>
#include <string>

namespace smapi::suites {
namespace {

// Where requirements apply (Requirement::applies).
constexpr Applicability kEverywhere{};
constexpr Applicability kExecOnly{.transports = kExecTransport};
constexpr Applicability kHttpOnly{.transports = kHttpTransports};
// A plugin directory's name is judged only for Volume plugins run from their directory.
constexpr Applicability kVolumeOnly{.datapath = false};
constexpr Applicability kVolumeDirectoryOnly{.transports = kExecTransport, .datapath = false};

constexpr std::array kCatalogue{
    // ---- query ----
    Requirement{"QUERY-ANSWERS", "query", Level::must,
                "Plugin.query returns a result, not an error.",
                "seeds/002 Method Query: every implementation must support the query interface or it "
                "will not be recognised as a storage plugin by xapi",
                kEverywhere, "fixture:defects/query-answers/volume/org.xen.xapi.storage.ext4-ng"},
    Requirement{"QUERY-RESULT-OBJECT", "query", Level::must,
                "The Plugin.query result is a JSON object (a query_result).",
                "seeds/002 Type definitions: query_result = struct; CONTRACT.md 1",
                kEverywhere, "fixture:defects/query-result-object/volume/org.xen.xapi.storage.ext4-ng"},
    Requirement{"QUERY-FIELDS-PRESENT", "query", Level::must,
                "The query_result holds each of its ten fields.",
                "CONTRACT.md 1 (all ten fields required); CONTRACT.md 3 (a missing key fails the whole call)",
                kEverywhere, "fixture:defects/query-fields-present/volume/org.xen.xapi.storage.ext4-ng",
                "xapi: keys match case-insensitively (\"Vendor\" counts as vendor); strict: only the exact spelling counts"},
    Requirement{"QUERY-FIELD-TYPES", "query", Level::must,
                "Each query_result field has its IDL JSON type (strings; features and "
                "required_cluster_stack arrays of strings).",
                "seeds/002 query_result Members; CONTRACT.md 3 (a wrong type fails the whole call)",
                kEverywhere, "fixture:defects/query-field-types/volume/org.xen.xapi.storage.ext4-ng",
                "xapi: a field spelled in another case is read and type-checked; strict: only exactly spelled keys are read"},
    Requirement{"QUERY-KEYS-EXACT", "query", Level::should,
                "query_result keys are spelled exactly as the IDL, with no unknown keys.",
                "CONTRACT.md 3: xapi matches keys case-insensitively and ignores unknown keys, the IDL does not",
                kEverywhere, "fixture:defects/query-keys-exact/volume/org.xen.xapi.storage.ext4-ng",
                "xapi: a misspelled or unknown key is a warn (xapi tolerates it); strict: a fail"},
    Requirement{"QUERY-API-VERSION", "query", Level::must,
                "required_api_version is one xapi accepts: \"5.0\" (\"3.0\" is deprecated).",
                "CONTRACT.md 1: xapi accepts \"3.0\" (deprecated) and \"5.0\"",
                kEverywhere, "fixture:defects/query-api-version/volume/org.xen.xapi.storage.ext4-ng",
                "xapi: \"3.0\" is a warn (deprecated, still accepted); strict: a fail"},
    Requirement{"QUERY-PLUGIN-NAME", "query", Level::must,
                "plugin (the SR type xapi registers) is a non-empty string.",
                "seeds/002 query_result: plugin name, used in the XenAPI as SR.type",
                kVolumeOnly, "fixture:defects/query-plugin-name/datapath/tapdisk",
                "xapi: a plugin key spelled in another case is read; strict: only the exact key"},
    Requirement{"QUERY-PLUGIN-DIR", "query", Level::must,
                "A Volume plugin's directory is named org.xen.xapi.storage.<plugin>.",
                "CONTRACT.md 1: for a volume plugin the directory is org.xen.xapi.storage.<plugin>",
                kVolumeDirectoryOnly, "fixture:defects/query-plugin-dir/volume/org.xen.xapi.storage.ext4"},
    Requirement{"QUERY-FEATURE-SYNTAX", "query", Level::should,
                "Each feature is NAME or NAME/N, N a positive integer.",
                "CONTRACT.md 1: features, each NAME or NAME/N",
                kEverywhere, "fixture:defects/query-feature-syntax/volume/org.xen.xapi.storage.ext4-ng",
                "xapi: a features key spelled in another case is read; strict: only the exact key"},
    Requirement{"QUERY-FEATURE-KNOWN", "query", Level::should,
                "Each feature name is one xapi knows (others are dropped with a warning).",
                "CONTRACT.md 1: feature names xapi knows",
                kEverywhere, "fixture:defects/query-feature-known/volume/org.xen.xapi.storage.ext4-ng",
                "xapi: an unknown name is a warn (xapi drops it); strict: a fail"},
    Requirement{"QUERY-CONFIGURATION", "query", Level::must,
                "configuration is a JSON object mapping device_config keys to string descriptions.",
                "CONTRACT.md 1: configuration is encoded as a JSON object; a list of pairs is rejected by xapi",
                kEverywhere, "fixture:defects/query-configuration/volume/org.xen.xapi.storage.ext4-ng",
                "xapi: a configuration key spelled in another case is read; strict: only the exact key"},
    // ---- ls ----
    Requirement{"LS-ANSWERS", "ls", Level::must,
                "Plugin.ls returns a list of strings, or a well-formed Unimplemented naming Plugin.ls.",
                "seeds/002 Method ls: returns a list of attached SRs; CONTRACT.md 1 (Unimplemented)",
                kEverywhere, "fixture:defects/ls-answers/volume/org.xen.xapi.storage.ext4-ng"},
    // ---- diagnostics ----
    Requirement{"DIAG-ANSWERS", "diagnostics", Level::must,
                "Plugin.diagnostics returns a string, or a well-formed Unimplemented naming "
                "Plugin.diagnostics.",
                "seeds/002 Method diagnostics: returns a printable set of backend diagnostic information",
                kEverywhere, "fixture:defects/diag-answers/volume/org.xen.xapi.storage.ext4-ng"},
    Requirement{"DIAG-SUCCEEDS", "diagnostics", Level::should,
                "A Volume plugin's Plugin.diagnostics returns its text, not an error.",
                "xen-api ocaml/xapi/xapi_host.ml get_sm_diagnostics",
                kVolumeOnly, "fixture:defects/diag-succeeds/volume/org.xen.xapi.storage.ext4-ng"},
    // ---- errors ----
    Requirement{"ERROR-WELL-FORMED", "errors", Level::must,
                "Every error is well-formed for its transport (exec: non-zero exit and a "
                "{\"code\",\"params\"} object on stdout; JSON-RPC: an error member; XML-RPC: a "
                "Failure struct with an ErrorDescription list).",
                "CONTRACT.md 2a failure, 2b v1/v2 error, 2c failure",
                kEverywhere, "fixture:defects/error-well-formed/volume/org.xen.xapi.storage.ext4-ng"},
    // ---- transport ----
    Requirement{"TRANSPORT-ONE-VALUE", "transport", Level::must,
                "A successful answer is exactly one value of its encoding (exec: one JSON value on "
                "stdout, nothing else; JSON-RPC: one JSON value; XML-RPC: one XML document).",
                "CONTRACT.md 2a: stdout is exactly one JSON value; else SCRIPT_FAILED \"bad json on stdout\"",
                kEverywhere, "fixture:defects/transport-one-value/volume/org.xen.xapi.storage.ext4-ng"},
    Requirement{"TRANSPORT-JSON-STANDARD", "transport", Level::should,
                "Every JSON answer is RFC 8259 JSON, not only what xapi's reader tolerates.",
                "rpclib src/lib/jsonrpc.ml of_string (Yojson.Safe)",
                kEverywhere, "fixture:defects/transport-json-standard/volume/org.xen.xapi.storage.ext4-ng",
                "xapi: a warn; strict: judged by TRANSPORT-ONE-VALUE"},
    Requirement{"TRANSPORT-ENVELOPE", "transport", Level::must,
                "An HTTP reply is a well-formed envelope for its protocol: HTTP 200; JSON-RPC: one object "
                "with the request's id and result or error exclusively; XML-RPC: one methodResponse "
                "holding a Success Value or a Failure ErrorDescription.",
                "CONTRACT.md 2b, 2c",
                kHttpOnly, "mutant:TRANSPORT-ENVELOPE"},
    Requirement{"TRANSPORT-TIMELY", "transport", Level::must,
                "Every call is answered within the timeout.",
                "CONTRACT.md 2a: xapi puts no timeout on a script; a hung plugin hangs xapi",
                kEverywhere, "fixture:defects/transport-timely/volume/org.xen.xapi.storage.ext4-ng"},
    Requirement{"TRANSPORT-OUTPUT-SIZE", "transport", Level::must,
                "Every answer fits within the output limit (--max-output).",
                "CONTRACT.md 2a: xapi puts no size limit on a script; a harness must not inherit that",
                kEverywhere, "fixture:defects/transport-output-size/volume/org.xen.xapi.storage.ext4-ng"},
    Requirement{"EXEC-EXECUTABLE", "transport", Level::must,
                "Every method file in the plugin directory is executable and starts.",
                "CONTRACT.md 2a: one executable per method",
                kExecOnly, "fixture:defects/exec-executable/volume/org.xen.xapi.storage.ext4-ng"},
    Requirement{"EXEC-PIPES-CLOSED", "transport", Level::must,
                "When the plugin exits, no process it left behind holds its stdout or stderr open.",
                "CONTRACT.md 2a: the caller reads stdout to its end; a held pipe hangs it",
                kExecOnly, "fixture:defects/exec-pipes-closed/volume/org.xen.xapi.storage.ext4-ng"},
    Requirement{"TRANSPORT-UTF8", "transport", Level::must,
                "Every reply (exec: stdout; HTTP: the body) is valid UTF-8.",
                "RFC 8259 8.1: JSON text exchanged between systems must be UTF-8; MUST because "
                "xapi's JSON reader rejects other bytes, failing the call",
                kEverywhere, "fixture:defects/transport-utf8/volume/org.xen.xapi.storage.ext4-ng"},
    // ---- added checks: ls, diagnostics ----
    Requirement{"LS-UNIQUE", "ls", Level::should,
                "Plugin.ls names each SR once.",
                "seeds/002 Method ls: the list of attached SRs; SHOULD because the IDL types it a plain "
                "string list and xapi tolerates repeats, yet a repeat means the plugin miscounts its SRs",
                kEverywhere, "fixture:defects/ls-unique/volume/org.xen.xapi.storage.ext4-ng"},
    Requirement{"DIAG-NO-PII", "diagnostics", Level::should,
                "Plugin.diagnostics holds no personally identifiable or secret data (emails, IP and MAC "
                "addresses, passwords, keys, long tokens).",
                "CONTRACT.md 1: diagnostics must hold no personally identifiable data (it goes into bug "
                "reports); SHOULD because a pattern scan can only suspect, not prove",
                kEverywhere, "fixture:defects/diag-no-pii/volume/org.xen.xapi.storage.ext4-ng",
                "xapi: a warn; strict: a fail"},
    Requirement{"DIAG-SIZE", "diagnostics", Level::should,
                "Plugin.diagnostics is at most 1 MiB.",
                "seeds/002 Method diagnostics: a printable set of diagnostic information, for bug reports; "
                "SHOULD because the docs set no bound, 1 MiB is this tool's",
                kEverywhere, "fixture:defects/diag-size/volume/org.xen.xapi.storage.ext4-ng"},
    // ---- robustness ----
    Requirement{"QUERY-STABLE", "robustness", Level::must,
                "Plugin.query called repeatedly (--repeat) answers identically each time.",
                "seeds/002 Method Query: query describes the plugin; xapi reads it on every start and "
                "SR.create; MUST because a plugin that describes itself differently is registered "
                "differently (csi-sanity repeats idempotent calls too)",
                kEverywhere, "fixture:defects/query-stable/volume/org.xen.xapi.storage.ext4-ng"},
    Requirement{"QUERY-CONCURRENT", "robustness", Level::must,
                "Overlapping Plugin.query calls (--concurrency) all answer as a single call does.",
                "CONTRACT.md 2a: xapi-storage-script runs a script per request, concurrently; MUST "
                "because xapi calls query on several hosts and threads at once",
                kEverywhere, "fixture:defects/query-concurrent/volume/org.xen.xapi.storage.ext4-ng"},
    Requirement{"DBG-ANY-STRING", "robustness", Level::must,
                "Every method accepts any string as dbg (empty, 64 KiB, non-ASCII) and answers as with a "
                "plain dbg.",
                "seeds/002: dbg is a string (debug context); CONTRACT.md 1; MUST because xapi passes "
                "its own task context, whatever it holds",
                kEverywhere, "fixture:defects/dbg-any-string/volume/org.xen.xapi.storage.ext4-ng"},
    Requirement{"PROBE-BAD-INPUT", "robustness", Level::should,
                "Bad arguments (no dbg, wrong types, bad or truncated JSON) get a well-formed error in "
                "time; an extra argument key is ignored.",
                "CONTRACT.md 2b (rpclib refuses {} and {\"dbg\":5}, ignores extra keys) and 3 (the "
                "generated dispatcher checks its arguments); SHOULD because field plugins crash on bad "
                "JSON and xapi never sends it",
                kEverywhere, "fixture:defects/probe-bad-input/volume/org.xen.xapi.storage.ext4-ng"},
};

}  // namespace

std::span<const Requirement> catalogue() { return kCatalogue; }

const Requirement& requirement(std::string_view id) {
  for (const auto& entry : kCatalogue)
    if (entry.id == id) return entry;
  throw std::out_of_range("no requirement with ID " + std::string(id));
}

}  // namespace smapi::suites
