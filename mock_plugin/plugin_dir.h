#pragma once
// Makes a directory that xapi-storage-script (or smapi-conform) can run as an
// executable plugin, backed by the smapi-mock binary:
//
//   OUTDIR/.smapi-mock.json      the effective config, every method written out,
//                                the plugin named after OUTDIR (see below)
//   OUTDIR/Plugin.Query          -> <absolute path of smapi-mock>
//   OUTDIR/Plugin.ls             -> same
//   OUTDIR/Plugin.diagnostics    -> same
//   a volume plugin:   OUTDIR/SR.probe ... OUTDIR/Volume.compose -> same
//   a datapath plugin: OUTDIR/Datapath.open ... OUTDIR/Data.ls   -> same
// (plugin_scripts lists them: every method of the IDL the kind serves, named
// as xapi-storage-script calls them). Exec mode keeps the plugin's storage
// and rule counters in OUTDIR/.smapi-mock-state.json once it is called.
//
// The plugin is named after the directory, as xapi names it (xen-api
// ocaml/xapi/storage_access.ml keeps the last part of the queue
// org.xen.xapi.storage.X; a datapath plugin is known by its directory, the URI
// scheme): unless the config gives its own Plugin.query answer, "plugin" is X
// for a volume directory org.xen.xapi.storage.X, else the directory's name.
//
// Every link is made but those of the config's "no_script" methods (config.h),
// which the directory then lacks, as the plugin it fakes does: an
// unimplemented method is answered at run time, as the generated bindings do. Re-running over a mock directory
// replaces its files (the other kind's links are removed, the state file
// too, so everything starts again); anything else in the way (a regular file
// named Plugin.Query, a link to another program, a file whose name differs
// from a script name only in case) is refused and left untouched.

#include "mock_plugin/config.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

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

// The script names of a plugin directory of `kind`: Plugin.Query, Plugin.ls,
// Plugin.diagnostics, then the IDL's SR.* and Volume.* methods (volume) or
// Datapath.* and Data.* methods (datapath), in the IDL's order.
std::vector<std::string_view> plugin_scripts(PluginKind kind);

// Creates or refreshes the plugin directory. Returns "" on success, else a
// one-line reason naming the path, e.g.
// "plugin-dir: /d/Plugin.Query exists and is not a smapi-mock link".
// A stale exec state file (exec_mode.h) is removed, so rules start again.
std::string make_plugin_dir(const std::filesystem::path& outdir, const MockConfig& config,
                            const std::filesystem::path& mock_binary,
                            DirLayout layout = DirLayout::standard);

// The plugin name a directory implies for a plugin of `kind`: for a volume
// plugin "org.xen.xapi.storage.X" -> "X"; otherwise (a datapath plugin, a
// volume directory outside that prefix) the directory's own name. "" when
// the path names no directory ("/").
std::string plugin_name_for_directory(const std::filesystem::path& dir, PluginKind kind);

// `config` with "plugin" of its Plugin.query answer set to
// plugin_name_for_directory(dir) when that answer is still the kind's
// built-in default (default_query_result: the config gave none); otherwise,
// or when the name is "", `config` unchanged. Exec mode and make_plugin_dir
// use it.
MockConfig named_after_directory(MockConfig config, const std::filesystem::path& dir);

// The absolute path of the running executable (/proc/self/exe), or "" when
// it cannot be read.
std::filesystem::path running_executable();

}  // namespace smapi::mock
