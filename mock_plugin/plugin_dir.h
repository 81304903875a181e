#pragma once
// Makes a directory that xapi-storage-script (or smapi-conform) can run as an
// executable plugin, backed by the smapi-mock binary:
//
//   OUTDIR/.smapi-mock.json      the effective config, every method written out
//   OUTDIR/Plugin.Query          -> <absolute path of smapi-mock>
//   OUTDIR/Plugin.ls             -> same
//   OUTDIR/Plugin.diagnostics    -> same
//
// All three links are always made: an unimplemented method is answered at
// run time, as the generated bindings do. Re-running over a mock directory
// replaces its files; anything else in the way (a regular file named
// Plugin.Query, a link to another program, a file whose name differs from a
// script name only in case) is refused and left untouched.

#include "mock_plugin/config.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace smapi::mock {

// How make_plugin_dir lays out the directory. Besides the standard layout,
// mutants (mutants.h) may break it on purpose:
//  diagnostics_not_executable  Plugin.diagnostics is a regular file without
//                              execute permission (holding kNotExecutableMarker)
enum class DirLayout { standard, diagnostics_not_executable };

// What a deliberately non-executable method file holds; such a file is ours
// to replace on a re-run.
inline constexpr std::string_view kNotExecutableMarker =
    "#!/bin/sh\n# smapi-mock: deliberately not executable (DirLayout::diagnostics_not_executable)\n";

// Creates or refreshes the plugin directory. Returns "" on success, else a
// one-line reason naming the path, e.g.
// "plugin-dir: /d/Plugin.Query exists and is not a smapi-mock link".
// A stale exec state file (exec_mode.h) is removed, so rules start again.
std::string make_plugin_dir(const std::filesystem::path& outdir, const MockConfig& config,
                            const std::filesystem::path& mock_binary,
                            DirLayout layout = DirLayout::standard);

// The absolute path of the running executable (/proc/self/exe), or "" when
// it cannot be read.
std::filesystem::path running_executable();

}  // namespace smapi::mock
