#pragma once
// smapi-mock answering an SR, Volume, Datapath or Data method as an exec
// plugin script (SR.create, Volume.snapshot, Datapath.attach, ...): stdin
// read as the generated Python bindings read it, the config's rules for the
// method decide first (Engine::decide; a rule's answer wins, its faults apply
// as for Plugin.* in exec_mode.h), and the in-memory storage (storage.h)
// answers what they leave; the storage and the rule counters are loaded from
// and saved to the plugin's state file (exec_state_file.h) around the call.
//
//  - result: compact JSON on stdout + "\n", exit 0.
//  - an IDL error (Sr_not_attached, Volume_does_not_exist, ...), from the
//    storage or a rule's "error": exec_errors.h's form, params [its name, its
//    arguments...], exit 1. A rule's error with code SR_BACKEND_FAILURE is
//    sent as it is.
//  - bad stdin or arguments: as for Plugin.* (exec_errors.h).
//  - the state file cannot be locked, read, parsed or written, or would grow
//    past kMaxExecStateBytes: params ["MockStateError", "<file>: <why>"],
//    exit 1, the same line on stderr; the state file is unchanged.

#include "mock_plugin/config.h"
#include "mock_plugin/exec_mode.h"
#include "mock_plugin/exec_state_file.h"
#include "mock_plugin/storage/storage.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace smapi::mock {

// The storage method a script's file name names (argv[0]'s last part),
// matched case-insensitively as xapi-storage-script matches script names
// (main.ml Script.path): "/d/sr.CREATE" -> "SR.create". nullopt for Plugin.*
// and anything else.
std::optional<std::string_view> exec_storage_method_for(std::string_view argv0);

// The answer to one call given the text of stdin: `engine`'s rules, then
// `storage` (both of which the call may change). A rule's "restart" makes the
// storage forget its attached SRs after answering (storage_call.h). Pure.
ExecOutput answer_storage_exec(Engine& engine, storage::Storage& storage, std::string_view wire_name,
                               std::string_view stdin_text, storage::SimulatedTime now);

// The same with the storage and `engine`'s counters loaded from and saved to
// `state_file` under its lock. `now_ms` is the wall clock (ms since the
// epoch); `hook` stops the write for tests (exec_state_file.h).
ExecOutput answer_storage_with_state(const std::filesystem::path& state_file, Engine& engine,
                                     std::string_view wire_name, std::string_view stdin_text, std::int64_t now_ms,
                                     const StateFileLimits& limits = {}, const StateWriteHook& hook = {});

// The exec error a state file problem gives: ["MockStateError", why].
ExecOutput state_failure(const std::string& why);

}  // namespace smapi::mock
