#include "suites/catalogue.h"

#include <array>
#include <stdexcept>
#include <string>

// Citations name public sources at pinned commits:
//   xen-api@e2ee48d6   = github.com/xapi-project/xen-api at e2ee48d6883e
//   ocaml-rpc@6fe5b650 = github.com/mirage/ocaml-rpc (rpclib) at 6fe5b650 (v8.1.1 reads the same)
// The IDL is xen-api's ocaml/xapi-storage/generator/lib/plugin.ml.

namespace smapi::suites {
namespace {

// Where requirements apply (Requirement::applies).
constexpr Applicability kEverywhere{};
constexpr Applicability kExecOnly{.transports = kExecTransport};
constexpr Applicability kHttpOnly{.transports = kHttpTransports};
constexpr Applicability kJsonOnly{.transports = kExecTransport | kJsonRpcTransport};
constexpr Applicability kVolumeOnly{.datapath = false};
// A plugin directory's name is judged only for Volume plugins run from their directory.
constexpr Applicability kVolumeDirectoryOnly{.transports = kExecTransport, .datapath = false};

constexpr std::string_view kV1 = "1.0.0";
constexpr std::string_view kV2 = "2.0.0";

constexpr std::array kCatalogue{
    // ---- query ----
    Requirement{
        .id = "QUERY-ANSWERS",
        .area = "query",
        .level = Level::must,
        .statement = "Plugin.query returns a result, not an error.",
        .source = "IDL: the Plugin interface; xapi queries every plugin",
        .applies = kEverywhere,
        .proof = "fixture:defects/query-answers/volume/org.xen.xapi.storage.ext4-ng",
        .consequence = "xapi cannot register a Volume plugin whose Plugin.query fails (no SM record, so no SR "
                       "of its type), and does not register a Datapath plugin whose query fails.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage/generator/lib/plugin.ml Plugin; "
                    "ocaml/xapi/storage_access.ml on_xapi_start; "
                    "ocaml/xapi-storage-script/main.ml QueryImpl.query_impl, Datapath_plugins.register",
        .quote = "\"Every implementation must support the query interface or it will not be recognised as a "
                 "storage plugin by xapi.\"",
        .since = kV1,
    },
    Requirement{
        .id = "QUERY-RESULT-OBJECT",
        .area = "query",
        .level = Level::must,
        .statement = "The Plugin.query result is a JSON object (a query_result).",
        .source = "IDL: query_result is a struct; rpclib decodes it",
        .applies = kEverywhere,
        .proof = "fixture:defects/query-result-object/volume/org.xen.xapi.storage.ext4-ng",
        .consequence = "rpclib cannot unmarshal anything but an object as the IDL's query_result struct, so "
                       "xapi fails Plugin.query as if the plugin had returned an error.",
        .citation = "ocaml-rpc@6fe5b650 src/lib/rpcmarshal.ml unmarshal (case Struct); "
                    "xen-api@e2ee48d6 ocaml/xapi-storage/generator/lib/plugin.ml query_result",
        .quote = "type query_result = { plugin: string; name: string; ... } [@@deriving rpcty]",
        .since = kV1,
    },
    Requirement{
        .id = "QUERY-FIELDS-PRESENT",
        .area = "query",
        .level = Level::must,
        .statement = "The query_result holds each of its ten fields.",
        .source = "IDL: query_result's ten fields, none optional; rpclib's struct decoder",
        .applies = kEverywhere,
        .proof = "fixture:defects/query-fields-present/volume/org.xen.xapi.storage.ext4-ng",
        .profile_note = "xapi: keys match case-insensitively and the first occurrence of a key wins, as "
                        "rpclib reads them (\"Vendor\" counts as vendor); strict: only the exact spelling counts",
        .consequence = "A missing field fails the whole Plugin.query in xapi (\"No value found for key: "
                       "'vendor' when unmarshalling 'query_result'\").",
        .citation = "ocaml-rpc@6fe5b650 src/lib/rpcmarshal.ml unmarshal (case Struct)",
        .quote = "keys are lower-cased (String.lowercase_ascii) and each field is looked up with List.assoc: "
                 "the first occurrence wins; a missing one fails \"No value found for key\"",
        .since = kV1,
    },
    Requirement{
        .id = "QUERY-FIELD-TYPES",
        .area = "query",
        .level = Level::must,
        .statement = "Each query_result field has its IDL JSON type (strings; features and "
                     "required_cluster_stack arrays of strings).",
        .source = "IDL: query_result field types; rpclib's struct decoder",
        .applies = kEverywhere,
        .proof = "fixture:defects/query-field-types/volume/org.xen.xapi.storage.ext4-ng",
        .profile_note = "xapi: a field spelled in another case is read and type-checked (the first occurrence "
                        "wins); strict: only exactly spelled keys are read",
        .consequence = "A field of the wrong type fails the whole Plugin.query in xapi (\"Expected string\"), "
                       "so the plugin is not registered.",
        .citation = "ocaml-rpc@6fe5b650 src/lib/rpcmarshal.ml unmarshal (case Struct); "
                    "xen-api@e2ee48d6 ocaml/xapi-storage/generator/lib/plugin.ml query_result",
        .quote = "plugin: string; ...; features: string list; ...; required_cluster_stack: string list",
        .since = kV1,
    },
    Requirement{
        .id = "QUERY-KEYS-EXACT",
        .area = "query",
        .level = Level::should,
        .statement = "query_result keys are spelled exactly as the IDL, each once, with no unknown keys.",
        .source = "IDL: query_result's field names; xapi is more lenient than the IDL",
        .applies = kEverywhere,
        .proof = "fixture:defects/query-keys-exact/volume/org.xen.xapi.storage.ext4-ng",
        .profile_note = "xapi: a misspelled, repeated or unknown key is a warn (xapi tolerates it); strict: a fail",
        .consequence = "None in xapi today: rpclib lower-cases keys, reads the first of repeated keys and "
                       "ignores unknown ones. Readers that match keys exactly, or keep the last of repeated "
                       "keys, read another answer.",
        .citation = "ocaml-rpc@6fe5b650 src/lib/rpcmarshal.ml unmarshal (case Struct)",
        .quote = "let keys = List.map (fun (s, v) -> String.lowercase_ascii s, v) keys' ... List.assoc s keys",
        .since = kV1,
    },
    Requirement{
        .id = "QUERY-API-VERSION",
        .area = "query",
        .level = Level::must,
        .statement = "required_api_version is one xapi accepts: \"5.0\" (\"3.0\" is deprecated).",
        .source = "xapi's version checks for Datapath and Volume plugins",
        .applies = kEverywhere,
        .proof = "fixture:defects/query-api-version/volume/org.xen.xapi.storage.ext4-ng",
        .profile_note = "xapi: \"3.0\" is a warn (deprecated), and so is, for a Volume plugin, another "
                        "dotted-integer version of 2.0 or more (xapi accepts it, the IDL does not know it); "
                        "strict: those fail",
        .consequence = "A Datapath plugin with anything but \"3.0\" or \"5.0\" is not registered "
                       "(No_storage_plugin_for_sr). For a Volume plugin a non-numeric version makes xapi raise, "
                       "one below 2.0 is not registered, and a \"3.0\" SM record is dropped as unavailable at "
                       "every xapi start.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage-script/main.ml check_plugin_version_compatible; "
                    "ocaml/xapi/xapi_sm.ml version_of_string, register_plugin; "
                    "ocaml/xapi/storage_access.ml on_xapi_start",
        .quote = "supported_api_versions = [pvs_version; \"5.0\"]; is_v1 x = version_of_string x < [2; 0]; "
                 "is_available rc = ... || Version.String.ge rc.sM_required_api_version \"5.0\"",
        .since = kV1,
    },
    Requirement{
        .id = "QUERY-PLUGIN-NAME",
        .area = "query",
        .level = Level::must,
        .statement = "A Volume plugin's plugin (the SR type xapi registers) is not blank and holds no '.'.",
        .source = "IDL: plugin is used as SR.type; xapi's driver discovery",
        .applies = kVolumeOnly,
        .proof = "fixture:defects/query-plugin-name/volume/org.xen.xapi.storage.ext4-ng",
        .profile_note = "xapi: a plugin key spelled in another case is read; strict: only the exact key",
        .consequence = "xapi registers SR type lowercase(plugin): a blank one is a type no SR can use, and a "
                       "'.' breaks discovery, since xapi keeps only the last '.'-component of a queue name as "
                       "the driver. A Datapath plugin's plugin field is not used.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi/storage_access.ml get_smapiv2_drivers_from_switch; "
                    "ocaml/xapi/xapi_sm.ml create_from_query_result",
        .quote = "\"Get the last component of the queue name: org.xen.xapi.storage.sr_type -> sr_type\"",
        .since = kV1,
    },
    Requirement{
        .id = "QUERY-PLUGIN-DIR",
        .area = "query",
        .level = Level::must,
        .statement = "A Volume plugin's directory is named exactly org.xen.xapi.storage.<plugin in lower case>.",
        .source = "xapi serves a Volume plugin on the queue its directory names",
        .applies = kVolumeDirectoryOnly,
        .proof = "fixture:defects/query-plugin-dir/volume/org.xen.xapi.storage.ext4",
        .consequence = "xapi registers SR type lowercase(plugin) but serves the plugin on the queue named by "
                       "its directory; SR.create of that type looks for queue org.xen.xapi.storage.<type> and "
                       "fails with SR_UNKNOWN_DRIVER.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage-script/main.ml watch_volume_plugins; "
                    "ocaml/xapi/xapi_sm.ml create_from_query_result; "
                    "ocaml/xapi/storage_access.ml check_queue_exists",
        .quote = "~queue:(Filename.basename volume_plugin_name); ~_type:(String.lowercase_ascii q.driver); "
                 "raise Api_errors.(Server_error (sr_unknown_driver, [driver]))",
        .since = kV1,
    },
    Requirement{
        .id = "QUERY-FEATURE-SYNTAX",
        .area = "query",
        .level = Level::should,
        .statement = "Each feature is NAME or NAME/N, N a positive integer.",
        .source = "xapi's feature parser; it never rejects a plugin for its features",
        .applies = kEverywhere,
        .proof = "fixture:defects/query-feature-syntax/volume/org.xen.xapi.storage.ext4-ng",
        .profile_note = "xapi: a warn (xapi repairs it), and a features key spelled in another case is read; "
                        "strict: a fail, and only the exact key is read",
        .consequence = "xapi never rejects it: a version that does not parse is kept as 1, /0 becomes 1 and "
                       "parts after a second '/' are ignored, so the SM record may claim another version "
                       "than the plugin meant.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi/smint.ml Feature.string_int64_of_string_opt",
        .quote = "let v = Int64.(max 1L (of_string version)) ... with _ -> debug \"... has bad version %s, "
                 "defaulting to 1\"",
        .since = kV1,
    },
    Requirement{
        .id = "QUERY-FEATURE-KNOWN",
        .area = "query",
        .level = Level::should,
        .statement = "Each feature name is one xapi knows (others are dropped with a warning).",
        .source = "xapi's list of known feature names",
        .applies = kEverywhere,
        .proof = "fixture:defects/query-feature-known/volume/org.xen.xapi.storage.ext4-ng",
        .profile_note = "xapi: an unknown name is a warn (xapi drops it); strict: a fail",
        .consequence = "xapi drops an unknown name (compared case-sensitively) with a warning: the SM record "
                       "lacks the capability the plugin meant to declare.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi/smint.ml Feature.string_int64_of_string_opt",
        .quote = "| feature :: _ -> warn \"SM.feature: unknown feature %s\" feature; None",
        .since = kV1,
    },
    Requirement{
        .id = "QUERY-CONFIGURATION",
        .area = "query",
        .level = Level::must,
        .statement = "configuration is a JSON object mapping device_config keys to string descriptions.",
        .source = "IDL: configuration is (string * string) list, encoded as an object",
        .applies = kEverywhere,
        .proof = "fixture:defects/query-configuration/volume/org.xen.xapi.storage.ext4-ng",
        .profile_note = "xapi: a configuration key spelled in another case is read; strict: only the exact key",
        .consequence = "rpclib decodes the field as a Dict: a list of pairs, or any value (a repeated key's "
                       "too) that is not a string, fails the whole Plugin.query in xapi.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage/generator/lib/plugin.ml query_result.configuration; "
                    "ocaml-rpc@6fe5b650 src/lib/rpcmarshal.ml unmarshal (case Dict)",
        .quote = "configuration: (string * string) list (** Key/description pairs describing required "
                 "device_config parameters. *)",
        .since = kV1,
    },
    // ---- ls ----
    Requirement{
        .id = "LS-ANSWERS",
        .area = "ls",
        .level = Level::must,
        .statement = "Plugin.ls returns a list of strings, or a well-formed Unimplemented naming Plugin.ls.",
        .source = "IDL: Plugin.ls returns the attached SRs",
        .applies = kEverywhere,
        .proof = "fixture:defects/ls-answers/volume/org.xen.xapi.storage.ext4-ng",
        .consequence = "None in xapi today: neither xapi nor xapi-storage-script calls Plugin.ls, so a plugin "
                       "without the file passes with a note. One that ships it must answer as the IDL says, "
                       "for the tools that do call it.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage/generator/lib/plugin.ml Plugin.ls; "
                    "ocaml/xapi-storage-script/main.ml bind (binds Query.query and Query.diagnostics only)",
        .quote = "declare \"ls\" [\"[ls dbg]: returns a list of attached SRs\"] (dbg @-> returning srs error)",
        .since = kV1,
    },
    // ---- diagnostics ----
    Requirement{
        .id = "DIAG-ANSWERS",
        .area = "diagnostics",
        .level = Level::must,
        .statement = "Plugin.diagnostics returns a string, or a well-formed error for its transport.",
        .source = "IDL: Plugin.diagnostics returns a string",
        .applies = kEverywhere,
        .proof = "fixture:defects/diag-answers/volume/org.xen.xapi.storage.ext4-ng",
        .consequence = "xapi calls it for Volume plugins only, through Host.get_sm_diagnostics; an answer "
                       "that is neither a string nor a well-formed error fails that host call. A Datapath "
                       "plugin without the file passes with a note (xapi never calls it).",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage/generator/lib/plugin.ml Plugin.diagnostics; "
                    "ocaml/xapi-storage-script/main.ml QueryImpl.query_diagnostics_impl",
        .quote = "declare \"diagnostics\" [\"Returns a printable set of backend diagnostic information.\"] "
                 "(dbg @-> returning diagnostics_p error)",
        .since = kV1,
    },
    Requirement{
        .id = "DIAG-SUCCEEDS",
        .area = "diagnostics",
        .level = Level::should,
        .statement = "A Volume plugin's Plugin.diagnostics returns a string (not an error, an Unimplemented "
                     "or a missing file).",
        .source = "xapi's Host.get_sm_diagnostics asks every Volume plugin",
        .applies = kVolumeOnly,
        .proof = "fixture:defects/diag-succeeds/volume/org.xen.xapi.storage.ext4-ng",
        .consequence = "An error, an Unimplemented or a missing file fails Host.get_sm_diagnostics for the "
                       "whole host, so no plugin's diagnostics can be read there.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi/xapi_host.ml get_sm_diagnostics; "
                    "ocaml/xapi/storage_access.ml diagnostics; "
                    "ocaml/xapi-storage-script/main.ml QueryImpl.query_diagnostics_impl",
        .quote = "let get_sm_diagnostics ~__context ~host:_ = Storage_access.diagnostics ~__context "
                 "(... \"Backend information:\"; Client.Query.diagnostics dbg)",
        .since = kV2,
    },
    // ---- errors ----
    Requirement{
        .id = "ERROR-WELL-FORMED",
        .area = "errors",
        .level = Level::must,
        .statement = "Every error is well-formed for its transport (exec: non-zero exit and "
                     "{\"code\",\"params\",\"backtrace\":{\"error\",\"files\",\"lines\"}} on stdout; JSON-RPC: "
                     "an error rpclib's client reads; XML-RPC: a Failure struct with an ErrorDescription list).",
        .source = "xapi's exec error record; rpclib's JSON-RPC and XML-RPC clients",
        .applies = kEverywhere,
        .proof = "fixture:defects/error-well-formed/volume/org.xen.xapi.storage.ext4-ng",
        .consequence = "An exec error that does not decode as xapi's error record, backtrace included, "
                       "becomes SCRIPT_FAILED \"non-zero exit and bad json on stdout\": the plugin's own code "
                       "and params are lost, and an Unimplemented is no longer one.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage-script/main.ml fork_exec_rpc; "
                    "ocaml/xapi-storage-script/lib.ml Types.error; "
                    "ocaml-rpc@6fe5b650 src/lib/jsonrpc.ml get_response, src/lib/xmlrpc.ml response_of_string",
        .quote = "type error = {code: string; params: string list; backtrace: backtrace} [@@deriving rpc]; "
                 "fail_because \"non-zero exit and bad json on stdout\"",
        .since = kV1,
    },
    // ---- transport ----
    Requirement{
        .id = "TRANSPORT-ONE-VALUE",
        .area = "transport",
        .level = Level::must,
        .statement = "A successful answer is exactly one value of its encoding (exec: one JSON value on "
                     "stdout, nothing else; JSON-RPC: one JSON value; XML-RPC: one XML document).",
        .source = "xapi's JSON reader (rpclib over Yojson.Safe)",
        .applies = kEverywhere,
        .proof = "fixture:defects/transport-one-value/volume/org.xen.xapi.storage.ext4-ng",
        .profile_note = "xapi: one value as xapi's reader reads it (comments, bare keys, NaN, raw control "
                        "characters are read; trailing content, an integer outside 64 bits, a lone high "
                        "surrogate escape are not); strict: RFC 8259 JSON, and no integer outside 64 bits or lone "
                        "surrogate (a repeated key of query_result fails QUERY-KEYS-EXACT)",
        .consequence = "What xapi's reader refuses fails the call: SCRIPT_FAILED \"bad json on stdout\" (exit "
                       "0) or \"non-zero exit and bad json on stdout\".",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage-script/main.ml fork_exec_rpc; "
                    "ocaml-rpc@6fe5b650 src/lib/jsonrpc.ml of_string, json_to_rpc",
        .quote = "let of_string ?(strict = true) s = s |> Y.from_string ~strict |> json_to_rpc; "
                 "Intlit i -> Int (Int64.of_string i)",
        .since = kV1,
    },
    Requirement{
        .id = "TRANSPORT-JSON-STANDARD",
        .area = "transport",
        .level = Level::should,
        .statement = "Every JSON answer is standard RFC 8259 JSON.",
        .source = "RFC 8259; xapi's reader accepts more",
        .applies = kJsonOnly,
        .proof = "fixture:defects/transport-json-standard/volume/org.xen.xapi.storage.ext4-ng",
        .profile_note = "xapi: a warn when xapi's reader reads what other JSON readers refuse; strict: a skip "
                        "(TRANSPORT-ONE-VALUE fails it)",
        .consequence = "None in xapi: its reader (Yojson.Safe) reads comments, bare keys, NaN and Infinity, "
                       "1e400 and raw control characters. Other JSON readers, and the tools that read the same "
                       "plugin, refuse them.",
        .citation = "ocaml-rpc@6fe5b650 src/lib/jsonrpc.ml of_string",
        .quote = "let of_string ?(strict = true) s = s |> Y.from_string ~strict |> json_to_rpc",
        .since = kV2,
    },
    Requirement{
        .id = "TRANSPORT-ENVELOPE",
        .area = "transport",
        .level = Level::must,
        .statement = "An HTTP reply is a well-formed envelope for its protocol: HTTP 200; JSON-RPC: an object "
                     "rpclib's client reads (an integer or string id, exactly one of result and error); "
                     "XML-RPC: one methodResponse holding a Success Value or a Failure ErrorDescription.",
        .source = "rpclib's JSON-RPC and XML-RPC clients",
        .applies = kHttpOnly,
        .proof = "mutant:TRANSPORT-ENVELOPE",
        .consequence = "xapi runs plugins as executables, never over HTTP. For HTTP plugins the harness holds "
                       "replies to rpclib's clients (the library xapi decodes with), which raise on a reply they "
                       "cannot read, failing the call.",
        .citation = "ocaml-rpc@6fe5b650 src/lib/jsonrpc.ml get_response, src/lib/xmlrpc.ml response_of_string",
        .quote = "| _ -> raise (Malformed_method_response \"Error object\")",
        .since = kV1,
    },
    Requirement{
        .id = "TRANSPORT-TIMELY",
        .area = "transport",
        .level = Level::must,
        .statement = "Every call is answered within the timeout.",
        .source = "harness policy: xapi has no timeout",
        .applies = kEverywhere,
        .proof = "fixture:defects/transport-timely/volume/org.xen.xapi.storage.ext4-ng",
        .consequence = "xapi puts no timeout on a plugin: it waits for the process to exit and its output to "
                       "end, so a hung plugin hangs the xapi call forever. The timeout is the harness's own "
                       "(--timeout).",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage-script/lib.ml Process.run; "
                    "ocaml/xapi-storage-script/main.ml fork_exec_rpc",
        .quote = "Lwt.both sender receiver >>= fun ((), (stdout, stderr)) -> p#status >>= ... (no timeout)",
        .since = kV1,
    },
    Requirement{
        .id = "TRANSPORT-OUTPUT-SIZE",
        .area = "transport",
        .level = Level::must,
        .statement = "Every answer fits within the output limit (--max-output), and decoded, within 4 times it.",
        .source = "harness policy: xapi has no output limit",
        .applies = kEverywhere,
        .proof = "fixture:defects/transport-output-size/volume/org.xen.xapi.storage.ext4-ng",
        .consequence = "xapi reads a plugin's whole stdout and stderr into memory with no limit. The limit is "
                       "the harness's own (--max-output), so that a runaway plugin cannot exhaust it; an answer "
                       "of many tiny values, which decodes to many times its text, is held to 4 x --max-output "
                       "of decoded memory.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage-script/lib.ml Process.run",
        .quote = "let receive chan = Lwt.finalize (fun () -> Lwt_io.read chan) (close chan)",
        .since = kV1,
    },
    Requirement{
        .id = "EXEC-EXECUTABLE",
        .area = "transport",
        .level = Level::must,
        .statement = "Every method file in the plugin directory is executable and starts.",
        .source = "xapi runs one executable per method",
        .applies = kExecOnly,
        .proof = "fixture:defects/exec-executable/volume/org.xen.xapi.storage.ext4-ng",
        .consequence = "xapi fails the call with SCRIPT_NOT_EXECUTABLE, or SCRIPT_FAILED when the file cannot "
                       "be started.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage-script/main.ml fork_exec_rpc, Script.path",
        .quote = "fail (backend_error \"SCRIPT_NOT_EXECUTABLE\" [path; Base.Exn.to_string exn])",
        .since = kV1,
    },
    Requirement{
        .id = "EXEC-PIPES-CLOSED",
        .area = "transport",
        .level = Level::must,
        .statement = "When the plugin exits, no process it left behind holds its stdout or stderr open.",
        .source = "xapi reads stdout and stderr to their end",
        .applies = kExecOnly,
        .proof = "fixture:defects/exec-pipes-closed/volume/org.xen.xapi.storage.ext4-ng",
        .consequence = "xapi waits for both pipes to reach end of file: a child that keeps one open hangs the "
                       "call for as long as it lives.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage-script/lib.ml Process.run",
        .quote = "let receiver = Lwt.both receiver_out receiver_err in Lwt.both sender receiver",
        .since = kV1,
    },
    Requirement{
        .id = "TRANSPORT-UTF8",
        .area = "transport",
        .level = Level::must,
        .statement = "Every reply is valid UTF-8, and every string in the decoded answer (keys and values, "
                     "raw or escaped) is XML-compatible: no control character but tab, LF and CR, no lone "
                     "surrogate.",
        .source = "xapi's database keeps only XML-compatible UTF-8",
        .applies = kEverywhere,
        .proof = "fixture:defects/transport-utf8/volume/org.xen.xapi.storage.ext4-ng",
        .consequence = "xapi's database cuts a stored string at its first byte that is not XML-compatible "
                       "UTF-8 and refuses it on update (Invalid_value): the SM record is registered cut, and "
                       "every later update of it fails.",
        .citation = "xen-api@e2ee48d6 ocaml/database/db_cache_impl.ml ensure_utf8_xml, write_field",
        .quote = "\"Finds the longest XML-compatible UTF-8 prefix of the given string, by truncating the "
                 "string at the first incompatible character.\"",
        .since = kV1,
    },
    // ---- added checks: ls, diagnostics ----
    Requirement{
        .id = "LS-UNIQUE",
        .area = "ls",
        .level = Level::should,
        .statement = "Plugin.ls names each SR once.",
        .source = "harness policy: IDL Plugin.ls, the attached SRs",
        .applies = kEverywhere,
        .proof = "fixture:defects/ls-unique/volume/org.xen.xapi.storage.ext4-ng",
        .consequence = "No basis in xapi: it never calls Plugin.ls, and the IDL types the answer as a plain "
                       "string list. The harness's reason: a repeat means the plugin miscounts its SRs.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage/generator/lib/plugin.ml Plugin.ls",
        .quote = "Param.mk ~name:\"srs\" ~description:[\"The attached SRs\"] srs",
        .since = kV1,
    },
    Requirement{
        .id = "DIAG-NO-PII",
        .area = "diagnostics",
        .level = Level::should,
        .statement = "Plugin.diagnostics holds no personally identifiable or secret data (emails, IP and MAC "
                     "addresses, passwords, keys, long tokens).",
        .source = "IDL: Plugin.diagnostics goes into bug reports",
        .applies = kEverywhere,
        .proof = "fixture:defects/diag-no-pii/volume/org.xen.xapi.storage.ext4-ng",
        .profile_note = "xapi: a warn; strict: a fail",
        .consequence = "xapi does not check it: it passes the text on into bug reports. The IDL asks for no "
                       "personally identifiable data; SHOULD because a pattern scan can only suspect, not "
                       "prove.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage/generator/lib/plugin.ml Plugin.diagnostics",
        .quote = "\"Note this data should not include personally-identifiable data as it is intended to be "
                 "automatically included in bug reports.\"",
        .since = kV1,
    },
    Requirement{
        .id = "DIAG-SIZE",
        .area = "diagnostics",
        .level = Level::should,
        .statement = "Plugin.diagnostics is at most 1 MiB.",
        .source = "harness policy: the IDL sets no bound",
        .applies = kEverywhere,
        .proof = "fixture:defects/diag-size/volume/org.xen.xapi.storage.ext4-ng",
        .consequence = "No basis in xapi: it sets no bound. The harness's reason: the text is meant for bug "
                       "reports, and 1 MiB is this tool's bound for them.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage/generator/lib/plugin.ml Plugin.diagnostics",
        .quote = "\"A string containing loggable human-readable diagnostics information\"",
        .since = kV1,
    },
    // ---- robustness ----
    Requirement{
        .id = "QUERY-STABLE",
        .area = "robustness",
        .level = Level::must,
        .statement = "Plugin.query called repeatedly (--repeat) answers identically each time.",
        .source = "harness policy: xapi queries again on every start",
        .applies = kEverywhere,
        .proof = "fixture:defects/query-stable/volume/org.xen.xapi.storage.ext4-ng",
        .consequence = "No basis in xapi: it does not compare answers. The harness's reason: xapi queries a "
                       "Volume plugin on every start and re-creates its SM record from the answer, so a plugin "
                       "that describes itself differently is registered differently (csi-sanity repeats "
                       "idempotent calls too).",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage-script/main.ml QueryImpl.query_impl; "
                    "ocaml/xapi/xapi_sm.ml register_plugin",
        .quote = "_unregister_plugin ~__context q_result (); create_from_query_result ~__context q_result",
        .since = kV1,
    },
    Requirement{
        .id = "QUERY-CONCURRENT",
        .area = "robustness",
        .level = Level::must,
        .statement = "Overlapping Plugin.query calls (--concurrency) all answer as a single call does.",
        .source = "harness policy: xapi-storage-script issues calls concurrently",
        .applies = kEverywhere,
        .proof = "fixture:defects/query-concurrent/volume/org.xen.xapi.storage.ext4-ng",
        .consequence = "No basis in xapi for the check itself. The harness's reason: xapi-storage-script "
                       "serves a plugin's queue concurrently by default, so overlapping calls do happen, and "
                       "each must answer as a single call does.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage-script/main.ml watch_volume_plugins",
        .quote = "(if !concurrent then listen_p else listen) ... (\"concurrent\", ..., \"Issue SMAPIv3 calls "
                 "concurrently\")",
        .since = kV1,
    },
    Requirement{
        .id = "DBG-ANY-STRING",
        .area = "robustness",
        .level = Level::must,
        .statement = "Every method accepts any string as dbg (empty, 64 KiB, non-ASCII, \"register\") and "
                     "answers with the method's IDL type, as with a plain dbg.",
        .source = "IDL: dbg is a string; xapi passes its own task context",
        .applies = kEverywhere,
        .proof = "fixture:defects/dbg-any-string/volume/org.xen.xapi.storage.ext4-ng",
        .consequence = "xapi passes its own task context as dbg, and \"register\" when it registers a Datapath "
                       "plugin: a plugin that fails on some dbg fails those xapi calls.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage/generator/lib/plugin.ml dbg; "
                    "ocaml/xapi-storage-script/main.ml Datapath_plugins.register",
        .quote = "Param.mk ~name:\"dbg\" ~description:[\"Debug context from the caller\"] Types.string; "
                 "Plugin_client.query (fork_exec_rpc ~script_dir) \"register\"",
        .since = kV1,
    },
    Requirement{
        .id = "PROBE-BAD-INPUT",
        .area = "robustness",
        .level = Level::should,
        .statement = "Bad arguments (no dbg, wrong types, bad or truncated JSON) get a well-formed error in "
                     "time; an extra argument key is ignored.",
        .source = "harness policy: xapi sends only an object of named arguments",
        .applies = kEverywhere,
        .proof = "fixture:defects/probe-bad-input/volume/org.xen.xapi.storage.ext4-ng",
        .profile_note = "xapi: only the extra-key probe is judged; the other input probes, which xapi cannot "
                        "send, are information; strict: all are judged",
        .consequence = "xapi only ever sends one JSON object holding dbg (anything else fails with "
                       "INCORRECT_PARAMETERS before a script runs), so only an extra key can reach a plugin "
                       "from xapi. The rest is the harness's robustness policy.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage-script/main.ml fork_exec_rpc",
        .quote = "match call.R.params with [(R.Dict _ as d)] -> return d | _ -> fail (backend_error "
                 "\"INCORRECT_PARAMETERS\" ...)",
        .since = kV1,
    },
};

constexpr std::array kChanges{
    CatalogueChange{
        .version = kV2,
        .id = "QUERY-KEYS-EXACT",
        .change = "a repeated key now counts too",
        .reason = "rpclib reads the first of repeated keys; other readers keep the last.",
        .citation = "ocaml-rpc@6fe5b650 src/lib/rpcmarshal.ml unmarshal (case Struct)",
    },
    CatalogueChange{
        .version = kV2,
        .id = "QUERY-API-VERSION",
        .change = "for Volume plugins, another dotted-integer version of 2.0 or more: a warn (xapi), a fail "
                  "(strict); a non-numeric one or one below 2.0: a fail",
        .reason = "xapi accepts any numeric Volume version of 2.0 or more, raises on a non-numeric one and "
                  "does not register one below 2.0; Datapath plugins need exactly \"3.0\" or \"5.0\".",
        .citation = "xen-api@e2ee48d6 ocaml/xapi/xapi_sm.ml version_of_string, register_plugin; "
                    "ocaml/xapi-storage-script/main.ml check_plugin_version_compatible",
    },
    CatalogueChange{
        .version = kV2,
        .id = "QUERY-PLUGIN-NAME",
        .change = "Volume plugins only; also no '.' and not blank",
        .reason = "A Datapath plugin's plugin field is not used (Datapath plugins are keyed by directory); "
                  "a '.' in a Volume plugin's name breaks discovery.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi/storage_access.ml get_smapiv2_drivers_from_switch",
    },
    CatalogueChange{
        .version = kV2,
        .id = "QUERY-PLUGIN-DIR",
        .change = "MUST, was SHOULD; the compare is exact, against the plugin name in lower case",
        .reason = "A mismatched directory registers an SR type whose SR.create fails with SR_UNKNOWN_DRIVER.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage-script/main.ml watch_volume_plugins; "
                    "ocaml/xapi/xapi_sm.ml create_from_query_result",
    },
    CatalogueChange{
        .version = kV2,
        .id = "QUERY-FEATURE-SYNTAX",
        .change = "SHOULD, was MUST",
        .reason = "xapi never rejects a plugin for a feature's syntax: it repairs bad versions to 1.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi/smint.ml Feature.string_int64_of_string_opt",
    },
    CatalogueChange{
        .version = kV2,
        .id = "LS-ANSWERS",
        .change = "a missing Plugin.ls file passes with a note",
        .reason = "Neither xapi nor xapi-storage-script ever calls Plugin.ls.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage-script/main.ml bind (it binds Query.query and "
                    "Query.diagnostics; nothing calls Plugin.ls)",
    },
    CatalogueChange{
        .version = kV2,
        .id = "DIAG-ANSWERS",
        .change = "any well-formed error passes; a Datapath plugin's missing file passes with a note",
        .reason = "xapi calls Plugin.diagnostics for Volume plugins only; whether it succeeds is now "
                  "DIAG-SUCCEEDS.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage-script/main.ml QueryImpl.query_diagnostics_impl",
    },
    CatalogueChange{
        .version = kV2,
        .id = "DIAG-SUCCEEDS",
        .change = "new (SHOULD, Volume plugins only)",
        .reason = "A Volume plugin whose Plugin.diagnostics fails makes Host.get_sm_diagnostics fail for the "
                  "whole host.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi/xapi_host.ml get_sm_diagnostics",
    },
    CatalogueChange{
        .version = kV2,
        .id = "ERROR-BACKTRACE",
        .change = "removed: folded into ERROR-WELL-FORMED (MUST)",
        .reason = "xapi decodes an exec error as a record whose backtrace is required: without it the error "
                  "becomes SCRIPT_FAILED and the plugin's code is lost, so it is part of being well-formed.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage-script/lib.ml Types.error; "
                    "ocaml/xapi-storage-script/main.ml fork_exec_rpc",
    },
    CatalogueChange{
        .version = kV2,
        .id = "TRANSPORT-ONE-VALUE",
        .change = "xapi profile: one value as xapi's reader reads it; strict: RFC 8259",
        .reason = "xapi's reader accepts comments, bare keys and NaN, and refuses trailing content and any "
                  "integer outside 64 bits.",
        .citation = "ocaml-rpc@6fe5b650 src/lib/jsonrpc.ml of_string, json_to_rpc",
    },
    CatalogueChange{
        .version = kV2,
        .id = "TRANSPORT-JSON-STANDARD",
        .change = "new (SHOULD)",
        .reason = "Under the xapi profile, non-JSON that xapi's reader accepts (comments, NaN, bare keys) no "
                  "longer fails TRANSPORT-ONE-VALUE; other JSON readers refuse it, so it is reported here.",
        .citation = "ocaml-rpc@6fe5b650 src/lib/jsonrpc.ml of_string",
    },
    CatalogueChange{
        .version = kV2,
        .id = "TRANSPORT-UTF8",
        .change = "also every decoded string must be XML-compatible (no control character but tab, LF, CR; "
                  "no lone surrogate)",
        .reason = "xapi's database cuts such a string when it stores it and refuses it on update, so escaped "
                  "characters (\\u0001) break the SM record as raw ones do.",
        .citation = "xen-api@e2ee48d6 ocaml/database/db_cache_impl.ml ensure_utf8_xml, write_field",
    },
    CatalogueChange{
        .version = kV2,
        .id = "DBG-ANY-STRING",
        .change = "a dbg variant's answer must decode as the method's IDL type; Datapath plugins also get dbg "
                  "\"register\"",
        .reason = "xapi registers a Datapath plugin by calling Plugin.query with dbg \"register\".",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage-script/main.ml Datapath_plugins.register",
    },
    CatalogueChange{
        .version = kV2,
        .id = "PROBE-BAD-INPUT",
        .change = "xapi profile: only the extra-key probe is judged, the other input probes are information",
        .reason = "xapi only ever sends one JSON object of named arguments; anything else fails with "
                  "INCORRECT_PARAMETERS before a script runs.",
        .citation = "xen-api@e2ee48d6 ocaml/xapi-storage-script/main.ml fork_exec_rpc",
    },
};

}  // namespace

std::span<const Requirement> catalogue() { return kCatalogue; }

const Requirement& requirement(std::string_view id) {
  for (const auto& entry : kCatalogue)
    if (entry.id == id) return entry;
  throw std::out_of_range("no requirement with ID " + std::string(id));
}

std::span<const CatalogueChange> catalogue_changes() { return kChanges; }

}  // namespace smapi::suites
