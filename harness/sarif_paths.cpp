#include "harness/sarif_paths.h"

#include "harness/run_options.h"

#include <system_error>

namespace smapi::harness {
namespace {

namespace fs = std::filesystem;

// The path with links resolved as far as they exist, absolute and normal.
fs::path resolved(const fs::path& path) {
  std::error_code ec;
  fs::path out = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) out = fs::absolute(path, ec).lexically_normal();
  if (!out.has_filename() && out.has_parent_path() && out != out.root_path()) out = out.parent_path();
  return out;
}

}  // namespace

std::optional<std::string> path_under(const fs::path& path, const fs::path& root) {
  const fs::path relative = path.lexically_relative(root);
  if (relative.empty()) return std::nullopt;  // different roots
  if (relative == ".") return std::string();
  if (*relative.begin() == "..") return std::nullopt;
  return relative.generic_string();
}

ExecSourcePaths exec_source_paths(const fs::path& plugin_dir, const std::vector<std::string>& method_files,
                                  const std::optional<fs::path>& sarif_root, const fs::path& working_dir) {
  const fs::path dir = resolved(plugin_dir);
  fs::path root;
  std::optional<std::string> relative;
  if (sarif_root) {
    std::error_code ec;
    if (!fs::is_directory(*sarif_root, ec))
      throw UsageError("--sarif-root: \"" + sarif_root->string() + "\" is not a directory");
    root = resolved(*sarif_root);
    relative = path_under(dir, root);
    if (!relative)
      throw UsageError("--sarif-root: the plugin directory " + dir.string() + " is not under " + root.string());
  } else {
    root = resolved(working_dir);
    relative = path_under(dir, root);
    if (!relative) {
      root = dir.parent_path();
      relative = path_under(dir, root);
    }
  }
  ExecSourcePaths paths;
  paths.dir = relative.value_or(dir.filename().string());
  for (const auto& name : method_files) {
    std::error_code ec;
    const fs::path file = dir / name;
    if (!fs::is_symlink(file, ec)) continue;
    const fs::path target = fs::canonical(file, ec);
    if (ec) continue;
    if (auto under = path_under(target, root); under && !under->empty()) paths.resolved[name] = *under;
  }
  return paths;
}

std::string http_source_dir(const HttpEndpoint& endpoint) {
  if (!endpoint.unix_socket.empty()) {
    std::string socket = fs::path(endpoint.unix_socket).lexically_normal().relative_path().generic_string();
    return "unix/" + (socket.empty() ? std::string("socket") : socket);
  }
  return "http/" + (endpoint.host.empty() ? std::string("localhost") : endpoint.host) + "/" +
         (endpoint.port.empty() ? std::string("80") : endpoint.port);
}

}  // namespace smapi::harness
