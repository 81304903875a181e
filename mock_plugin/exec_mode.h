#pragma once
// smapi-mock answering as an executable plugin (xen-api ocaml/xapi-storage-script/main.ml fork_exec_rpc). When the
// binary is started under a script name (a symlink Plugin.Query, Plugin.ls,
// Plugin.diagnostics, or any SR.*, Volume.*, Datapath.* or Data.* method of
// the IDL, matched case-insensitively), it behaves like one method of a field
// plugin: `<dir>/Plugin.Query --json`, arguments on stdin, the result or an
// error object on stdout. Plugin.* methods are answered here; the others by
// the in-memory storage (exec_storage.h), whose state lives in the state file.
//
// Behaviour:
//  - config: <dir of argv[0]>/.smapi-mock.json if present, else the built-in
//    defaults. argv[0] without a '/' looks in the current directory. Unless
//    the config gives its own Plugin.query answer, the plugin is named after
//    that directory (plugin_dir.h named_after_directory).
//  - `--json` (or `-j`) is required, as with the field plugins; without it a
//    usage line goes to stderr and the exit status is 2. `-h`/`--help` prints
//    the usage on stdout, exit 0.
//  - stdin is read to its end, at most kMaxExecStdinBytes, and must hold
//    exactly one JSON value (field plugins read only the first line).
//  - result: compact JSON on stdout + "\n", exit 0.
//  - otherwise contract::encode_exec_error on stdout + "\n", exit 1, with
//    code SR_BACKEND_FAILURE and params as the generated Python bindings say
//    (exec_errors.h):
//      unimplemented      ["Unimplemented","Plugin.query"]
//      configured error   the configured code and params
//      dbg missing        ["UnmarshalException","UnmarshalException thing=argument missing ty=dbg desc="]
//      dbg not a string   ["TypeError","TypeError expected=string actual=5"]  (Python repr)
//      not an object      ["TypeError","TypeError expected=dict actual=['debug']"]
//      bad JSON / too big ["UnmarshalException","UnmarshalException thing=stdin ty=json desc=<why>"]
//      bad .smapi-mock.json  ["MockConfigError","config: ..."] (also on stderr)
//      bad state file     ["MockStateError","<file>: ..."] (also on stderr)
//  - faults (config.h rules), carried out in this order: stderr text; delay
//    (sleep); hang (sleep until killed, no output); close/reset (exit with
//    no output); body faults on the stdout text (mutation.h; field edits
//    apply to the result object, or to the error object of a failure:
//    "remove_field": "backtrace"); no_output; exit_code replaces the status;
//    leave_child forks a child that keeps stdout and stderr open for
//    kLeaveChildSeconds; signal is raised after stdout is written.
//    HTTP-only faults (http_status, wrong_id, both_members) are ignored.
//    The same for every method: a storage method's rules (and scenarios)
//    are tried before the storage answers (exec_storage.h); the lock on the
//    state file is released before delays and hangs are carried out.
//  - Plugin.ls's default answer (config.h from_storage) lists the SRs
//    attached in the storage of the state file below, read without the lock
//    when the config has no rules (nothing is written then; no file yet is
//    an empty storage, []).
//  - state: one process answers one call, so the storage (SRs, volumes,
//    datapaths) and, when the config has rules, the engine's counters,
//    sequence positions and generator position live in
//    <dir>/.smapi-mock-state.json (kExecStateFileName; exec_state.h says what
//    it holds), read and replaced under an exclusive lock for each call, so
//    concurrent calls see each other, and written crash-safe
//    (exec_state_file.h). The counters record which config they belong to; a
//    changed config starts them again. Delete the file (or re-run
//    plugin-dir) to start everything again. When the file cannot be opened
//    (read-only directory) a Plugin.* call answers from a fresh engine
//    (Plugin.ls still reading the storage without the lock) and says so on
//    stderr; a storage call fails (MockStateError). A file that
//    is not a state file fails every call that reads it (MockStateError).
//
// This path never touches Beast or Asio, so it starts about as fast as a
// process can.

#include "contract/method.h"
#include "mock_plugin/config.h"
#include "mock_plugin/exec_errors.h"
#include "mock_plugin/engine.h"
#include "mock_plugin/fault.h"
#include "mock_plugin/storage/storage.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace smapi::mock {

// Largest stdin exec mode reads; real arguments are a few dozen bytes.
inline constexpr std::size_t kMaxExecStdinBytes = 1024 * 1024;
// The config file exec mode looks for next to the script.
inline constexpr std::string_view kExecConfigFileName = ".smapi-mock.json";
// Exit status for a command-line usage error (as Python's argparse uses).
inline constexpr int kExecUsageExitStatus = 2;
// Where exec mode keeps the storage and the rule counters between calls,
// next to the config (exec_state.h, exec_state_file.h).
inline constexpr std::string_view kExecStateFileName = ".smapi-mock-state.json";
// How long a leave_child child holds stdout open before it exits.
inline constexpr unsigned kLeaveChildSeconds = 60;

// The method argv[0]'s file name denotes as a script name, if any
// ("/x/Plugin.Query" -> query, "/x/plugin.ls" -> ls, "/x/smapi-mock" -> none).
std::optional<contract::Method> exec_method_for(std::string_view argv0);

// What a plugin process prints and how it exits.
struct ExecOutput {
  std::string stdout_text;  // body faults, no_output, close/reset already applied
  int exit_status = 0;      // exit_code already applied
  // What run_exec_mode still carries out: stderr text, delay, hang, a child
  // left behind, a signal.
  Fault fault;
  // A line for stderr about the mock's own trouble (a state file it could
  // not use); empty when there was none.
  std::string diagnostic;
};

// stdin as one JSON value, or the answer a field plugin gives when it is not
// one (more than kMaxExecStdinBytes, empty, not JSON: UnmarshalException).
std::variant<boost::json::value, ExecOutput> parse_exec_stdin(std::string_view stdin_text);

// A decision as stdout text and exit status, before faults on the bytes:
// field edits applied, an unimplemented call named by `wire_name`.
ExecOutput encode_exec_decision(const Decision& d, std::string_view wire_name);
// Faults on the bytes and the status: silence (no_output, close, reset,
// hang), body mangling, exit_code; `f` handed on for the rest. Adds the
// newline after a non-empty stdout.
void apply_exec_faults(ExecOutput& out, const Fault& f);

// The answer to one call given the text of stdin; asks the engine (so its
// rules advance), and `storage` for what it leaves to the storage (Plugin.ls's
// default: the SRs attached there; storage_call.h). Pure.
ExecOutput answer_exec(Engine& engine, const storage::Storage& storage, contract::Method method,
                       std::string_view stdin_text);
// The same with an empty storage.
ExecOutput answer_exec(Engine& engine, contract::Method method, std::string_view stdin_text);
// The same from a fresh engine over the config.
ExecOutput answer_exec(const MockConfig& config, contract::Method method,
                       std::string_view stdin_text);

// Runs exec mode end to end (flags, config lookup, stdin, stdout); returns
// the process exit status. The second form answers a storage method, named
// by its wire name as exec_storage_method_for gives it.
int run_exec_mode(contract::Method method, int argc, char** argv);
int run_exec_mode(std::string_view storage_method, int argc, char** argv);

}  // namespace smapi::mock
