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

namespace smapi::mock {

// Creates or refreshes the plugin directory. Returns "" on success, else a
// one-line reason naming the path, e.g.
// "plugin-dir: /d/Plugin.Query exists and is not a smapi-mock link".
std::string make_plugin_dir(const std::filesystem::path& outdir, const MockConfig& config,
                            const std::filesystem::path& mock_binary);

// The absolute path of the running executable (/proc/self/exe), or "" when
// it cannot be read.
std::filesystem::path running_executable();

}  // namespace smapi::mock
