#pragma once
// Where SARIF places a run's findings (RunSubject::source_dir and
// resolved_method_files). GitHub code scanning needs a repository-relative
// path for every finding and refuses URIs with a scheme such as http:
// (docs.github.com, "SARIF support for code scanning", physicalLocation).

#include "harness/http_client.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace smapi::harness {

// `path` relative to `root` with '/' separators ("" when they are the same),
// or nullopt when path is not root or under it. Lexical: both absolute and
// normalised by the caller.
std::optional<std::string> path_under(const std::filesystem::path& path, const std::filesystem::path& root);

struct ExecSourcePaths {
  std::string dir;                                  // RunSubject::source_dir
  std::map<std::string, std::string> resolved;      // RunSubject::resolved_method_files
};

// An exec target's paths, relative to the SARIF root: --sarif-root when
// given, else the working directory when the plugin directory lies under it
// (a CI job runs in its checkout, so the paths are repository-relative),
// else the plugin directory's parent. Links are resolved first (the plugin
// directory, the root, and each method file that links to a file under the
// root). Throws UsageError when --sarif-root is not a directory or does not
// hold the plugin directory.
ExecSourcePaths exec_source_paths(const std::filesystem::path& plugin_dir,
                                  const std::vector<std::string>& method_files,
                                  const std::optional<std::filesystem::path>& sarif_root,
                                  const std::filesystem::path& working_dir);

// An HTTP target's stand-in directory: "http/HOST/PORT" ("http/[::1]/8080"),
// or "unix/SOCKET" for a Unix socket ("unix/run/plugin.sock"). Stable across
// runs against the same endpoint, and without a scheme.
std::string http_source_dir(const HttpEndpoint& endpoint);

}  // namespace smapi::harness
