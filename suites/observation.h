#pragma once
// What the harness saw: one record per call, transport-neutral, and the facts
// about the subject that the checks need. Produced by harness targets, read
// by the checks and the report writers.

#include "contract/exec_codec.h"
#include "contract/method.h"
#include "contract/reply.h"

#include <boost/json/object.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::suites {

enum class PluginKind { volume, datapath };
// How calls travel: exec, JSON-RPC v1/v2 or XML-RPC over HTTP
// (TCP or a Unix socket).
enum class Transport { exec, jsonrpc_v1, jsonrpc_v2, xmlrpc };
enum class Profile { xapi, strict };

std::string_view to_string(PluginKind kind);
std::string_view to_string(Transport transport);
std::string_view to_string(Profile profile);

// How the call's transport ended, before any decoding.
enum class Delivery {
  answered,        // the plugin produced an answer (exit status + stdout, or an HTTP response)
  timed_out,       // no answer within the timeout; the harness gave up (and killed the group)
  missing,         // exec: no file for the method in the plugin directory
  not_executable,  // exec: the file exists but cannot be executed
  spawn_failed,    // exec: any other reason the process could not start
  unreachable,     // http: could not connect
  io_error,        // http: the exchange broke off
  output_limit,    // the answer exceeded the size cap and was discarded
};

std::string_view to_string(Delivery delivery);

// What a call probes. The base contract is one plain call per method; the
// others repeat, overlap or vary that call, or send input that must be refused.
enum class Probe {
  none,            // the plain call of a method (the base contract)
  repeat,          // Plugin.query once more, sequentially (QUERY-STABLE)
  concurrent,      // one of several overlapping Plugin.query calls (QUERY-CONCURRENT)
  dbg_variant,     // a valid but unusual dbg: empty, large, non-ASCII (DBG-ANY-STRING)
  bad_input,       // argument text that must be refused with an error (PROBE-BAD-INPUT)
  extra_argument,  // a valid dbg plus an unknown key, which must be accepted (PROBE-BAD-INPUT)
};

std::string_view to_string(Probe probe);  // "none", "repeat", ... "extra_argument"

// Whether the transport and error requirements judge this call: the plain
// calls, repeats and concurrent calls. A dbg variant or an input probe is
// judged by its own requirement alone, so one defect fails one requirement.
bool judged_by_transport_requirements(Probe probe);

// What a run still knows of a call whose bytes it let go of (see
// suites::compact_call): the facts judge() and the report writers read from
// the whole reply and stderr, taken before all but their first bytes went.
struct WholeBytes {
  std::size_t reply_size = 0;                        // bytes of the whole reply
  std::optional<std::size_t> reply_invalid_utf8_at;  // first byte that is not UTF-8, if any
  unsigned char reply_invalid_utf8_byte = 0;         // that byte
  std::string one_value_problem;        // why the reply is not exactly one value; empty when it is
  bool error_value_unreadable = false;  // an error member the contract does not know
  std::size_t stderr_size = 0;          // bytes of the whole stderr
  bool stderr_utf8_valid = true;
  bool stderr_traceback = false;  // stderr held "Traceback"
  std::size_t answer_digest = 0;  // of the decoded answer: kind, result, error code and params
  std::string unstorable_string;  // unstorable_string_problem of the whole answer; empty when none
  // idl_problem of the whole result in each view (xapi, strict); empty when it decodes.
  std::string idl_problem_xapi, idl_problem_strict;
};

struct CallObservation {
  contract::Method method = contract::Method::query;
  Probe probe = Probe::none;
  std::string label;       // what this call probes, e.g. "Plugin.query #2", "Plugin.ls (probe: missing dbg)"
  std::string request;     // the bytes sent: stdin, or the HTTP body
  std::string reproducer;  // a one-line shell command that repeats the call
  Delivery delivery = Delivery::answered;
  std::string delivery_detail;          // human words for a non-answered delivery
  std::optional<contract::ExecExit> exit;  // exec only
  std::optional<int> http_status;          // http only
  std::string http_content_type;           // http only: the answer's Content-Type, as sent
  std::string reply_bytes;   // stdout, or the HTTP body (capped)
  bool reply_truncated = false;
  std::string stderr_bytes;  // exec only (capped)
  bool stderr_truncated = false;
  bool pipe_held_open = false;      // exec: a descendant kept the pipe open after exit
  bool stdin_not_consumed = false;  // exec: the plugin did not read all of stdin
  std::chrono::milliseconds elapsed{0};
  contract::Reply reply;  // decoded; meaningful only when delivery == answered
  // Set when the run kept only the first kKeptProbeBytes of the reply and of
  // stderr, and of the decoded answer only a prefix to quote (compact_call).
  std::optional<WholeBytes> whole;
  // Set when the call was read back from a report.json
  // (reports/report_reader.h): the call as that report wrote it, which the
  // JSON writer repeats verbatim, so quoted fields stay as quoted.
  std::optional<boost::json::object> reported;
};

// How much of a probe's reply and stderr a run keeps (a plain call is kept
// whole): 4 KiB each, more than a field plugin's Plugin.query answer, and
// what every report quotes of the probe, however often it cites it. Past
// it, the run keeps the facts of WholeBytes instead.
inline constexpr std::size_t kKeptProbeBytes = 4 * 1024;

// Defaults of the robustness settings (RunSubject, smapi-conform run flags).
inline constexpr unsigned kDefaultRepeat = 10;       // csi-sanity repeats idempotent calls 10 times
inline constexpr unsigned kDefaultConcurrency = 4;   // overlapping Plugin.query calls
inline constexpr std::uint64_t kDefaultSeed = 20240601;  // fixed: same probes on every run

struct RunSubject {
  std::string target;  // as the user gave it
  PluginKind kind = PluginKind::volume;
  Transport transport = Transport::exec;
  Profile profile = Profile::xapi;
  std::string plugin_dir_name;  // exec: the directory's own name
  // exec: the executable method scripts in the plugin directory (file names,
  // sorted; see harness::list_method_files). Empty for HTTP targets.
  std::vector<std::string> method_files;
  // Where code-scanning reports (SARIF) place findings: relative paths with
  // '/' separators (harness/sarif_paths.h). exec: the plugin directory
  // relative to --sarif-root ("volume/org.xen.xapi.storage.foo"; "" when it
  // is the root); HTTP: "http/HOST/PORT" or "unix/SOCKET".
  std::string source_dir;
  // exec: a method file that is a link to a file elsewhere under the root,
  // by file name: the resolved path (code scanning shows no finding on a link).
  std::map<std::string, std::string> resolved_method_files;
  std::chrono::milliseconds timeout{30'000};
  unsigned repeat = kDefaultRepeat;            // Plugin.query calls made one after another, in all
  unsigned concurrency = kDefaultConcurrency;  // Plugin.query calls made at once
  std::uint64_t seed = kDefaultSeed;           // picks the order and values of the input probes
  bool probes = true;                          // false: no dbg variants and no input probes
  // The requirements this run does not judge (--only, --skip, --rerun-failed),
  // by ID, each with why ("--skip area:robustness"); empty: it judges every
  // one. They are reported as skips whose message starts "not selected", and
  // calls that only they read are not made (harness/call_plan.h).
  std::map<std::string, std::string, std::less<>> not_selected;
};

// A probe the run loop did not make, and why ("Plugin.diagnostics: the
// plain call timed out; its further probes were skipped").
struct SkippedProbes {
  contract::Method method = contract::Method::query;
  std::string reason;
};

struct Observations {
  RunSubject subject;
  std::vector<CallObservation> calls;
  std::vector<SkippedProbes> skipped_probes;

  // The plain call of a method (Probe::none), or nullptr if it was not made.
  const CallObservation* first(contract::Method method) const;
};

}  // namespace smapi::suites
