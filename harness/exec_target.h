#pragma once
// An executable plugin directory, called exactly as xapi-storage-script does:
// DIR/<method file> --json, the arguments object on stdin.

#include "harness/process_runner.h"
#include "harness/target.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace smapi::harness {

class ExecTarget final : public Target {
 public:
  ExecTarget(std::filesystem::path directory, ProcessLimits limits);

  suites::CallObservation call_with_text(contract::Method method, std::string_view args_text) override;

 private:
  // The directory entry whose name matches the method's script name
  // case-insensitively, as xapi-storage-script looks it up.
  std::optional<std::filesystem::path> method_file(contract::Method method) const;

  std::filesystem::path directory_;
  ProcessLimits limits_;
};

// The method scripts in a plugin directory that xapi's view needs, as
// xapi-storage-script would find them: entries whose name matches,
// case-insensitively (xen-api ocaml/xapi-storage-script/main.ml Script.path),
// a Plugin method's script or one of suites::kScriptCapabilities, and that are
// regular files, or links to one, and executable (lib.ml
// Sys.assert_is_executable). File names, sorted; empty when the directory
// cannot be read. Fills RunSubject::method_files.
std::vector<std::string> list_method_files(const std::filesystem::path& directory);

// How far below a --target directory plugin directories are looked for, and
// how many directory entries that look may read: enough for xapi's
// /usr/libexec/xapi-storage-script (volume/<plugin>, datapath/<plugin>).
inline constexpr int kPluginSearchDepth = 2;
inline constexpr std::size_t kMaxPluginSearchEntries = 10'000;

// The directories at most kPluginSearchDepth levels below `directory` (not
// itself) that hold method scripts (list_method_files is not empty), sorted.
// A target that holds none itself but holds these is the parent of plugins.
std::vector<std::filesystem::path> plugin_directories_below(const std::filesystem::path& directory);

// The plugin kind a directory's parent names (".../volume/<name>" or
// ".../datapath/<scheme>"), or a directory named org.xen.xapi.storage.*;
// nullopt when neither tells.
std::optional<suites::PluginKind> infer_plugin_kind(const std::filesystem::path& directory);

}  // namespace smapi::harness
