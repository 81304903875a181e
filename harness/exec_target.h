#pragma once
// An executable plugin directory, called exactly as xapi-storage-script does:
// DIR/<method file> --json, the arguments object on stdin.

#include "harness/process_runner.h"
#include "harness/target.h"

#include <filesystem>
#include <optional>

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

// The plugin kind a directory's parent names (".../volume/<name>" or
// ".../datapath/<scheme>"), or a directory named org.xen.xapi.storage.*;
// nullopt when neither tells.
std::optional<suites::PluginKind> infer_plugin_kind(const std::filesystem::path& directory);

}  // namespace smapi::harness
