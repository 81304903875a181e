#pragma once
// The file an exec plugin keeps its state in between calls (exec_state.h says
// what it holds): read and replaced under an exclusive lock, written so that a
// crash loses nothing.
//
// xapi-storage-script runs one process per call, and may run several at once
// (xen-api ocaml/xapi-storage-script/main.ml fork_exec_rpc), so every call
// that uses the state:
//   1. opens (creating) the lock file <state file>.lock and takes an
//      exclusive flock(2) on it, waiting at most StateFileLimits::lock_timeout;
//   2. reads the state file (absent: no state yet), refusing one larger than
//      StateFileLimits::max_bytes;
//   3. writes the new text to <state file>.tmp, fsyncs it, renames it over
//      the state file and fsyncs the directory;
//   4. closes the lock file, which releases the lock.
// The rename is the only step that changes the state file, so a crash at any
// point leaves the old state or the new one, never a mix. A .tmp left behind
// by a crash is ignored and overwritten by the next writer. The lock is a
// separate file because the rename replaces the state file's inode (a lock on
// the state file itself would lock the old one).
//
// A state file that is a symbolic link is followed (plugin-dir --tree links
// the datapath plugin's to the volume plugin's, so both share one storage):
// the target is read and replaced, and the lock and temporary files sit
// beside it.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace smapi::mock {

// Largest state file exec mode reads or writes. The storage's own limits
// (storage.h Limits) keep its state under about 70 MB even with every name,
// key and value at its longest; an ordinary volume takes a few hundred bytes.
// Past this a call that would grow the state is refused and the old state
// kept.
inline constexpr std::size_t kMaxExecStateBytes = 128 * 1024 * 1024;
// Longest a call waits for another call's lock before it fails. A call holds
// the lock only while it reads, answers and writes (faults such as delays and
// hangs are carried out after the lock is released), so a wait this long
// means a stuck process.
inline constexpr std::chrono::milliseconds kExecStateLockTimeout{10'000};
// How many symbolic links are followed from the state file's path.
inline constexpr int kMaxStateFileLinks = 8;

struct StateFileLimits {
  std::size_t max_bytes = kMaxExecStateBytes;
  std::chrono::milliseconds lock_timeout = kExecStateLockTimeout;
};

// The steps of a write, for tests that stop a writer between them.
enum class StateWriteStep { temp_written, temp_synced, renamed };
// Called after each step; returning false fails the write there (as a crash
// would, but the temporary file is removed). Tests only.
using StateWriteHook = std::function<bool(StateWriteStep)>;

// What to store: the new text, or nullopt to leave the file as it is.
// `current` is the file's text, nullopt when there is none yet.
using StateUpdate = std::function<std::optional<std::string>(const std::optional<std::string>& current)>;

// Runs `update` under the lock and stores what it returns. Returns "" or one
// line naming the file and what went wrong ("cannot lock /d/.smapi-mock-
// state.json.lock: timed out after 10000 ms"); on an error the state file is
// unchanged. `update` is not called when the file cannot be locked or read.
std::string update_state_file(const std::filesystem::path& state_file, const StateFileLimits& limits,
                              const StateUpdate& update, const StateWriteHook& hook = {});

// The state file's text without taking the lock, for a call that only reads
// it: every write renames a whole file into place, so this is one writer's
// state, never a mix. nullopt when there is no file yet; "" or why it could
// not be read (larger than limits.max_bytes included) in `error`.
std::optional<std::string> read_state_file(const std::filesystem::path& state_file, const StateFileLimits& limits,
                                           std::string& error);

// The file a state file path stands for: symbolic links followed (at most
// kMaxStateFileLinks; relative ones from the link's directory).
std::filesystem::path resolve_state_file(const std::filesystem::path& state_file);

}  // namespace smapi::mock
