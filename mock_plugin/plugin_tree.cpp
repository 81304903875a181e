#include "mock_plugin/plugin_tree.h"

#include "mock_plugin/exec_mode.h"
#include "mock_plugin/plugin_dir.h"
#include "mock_plugin/storage/storage.h"

#include <system_error>

namespace smapi::mock {
namespace {

namespace fs = std::filesystem;

// The queue prefix of a volume plugin directory (xen-api
// ocaml/xapi/storage_access.ml get_smapiv2_drivers_from_switch).
constexpr std::string_view kVolumePrefix = "org.xen.xapi.storage.";

std::string fail(const std::string& message) { return "plugin-dir: " + message; }

bool valid_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_';
    if (!ok) return false;
  }
  return true;
}

fs::path volume_dir(const fs::path& root, const TreeSpec& spec) {
  return root / "volume" / (std::string(kVolumePrefix) + spec.name);
}

fs::path datapath_dir(const fs::path& root) { return root / "datapath" / std::string(storage::kDatapathScheme); }

}  // namespace

std::vector<fs::path> plugin_tree_dirs(const fs::path& root, const TreeSpec& spec) {
  std::vector<fs::path> dirs;
  if (spec.volume) dirs.push_back(volume_dir(root, spec));
  if (spec.datapath) dirs.push_back(datapath_dir(root));
  return dirs;
}

std::string make_plugin_tree(const fs::path& root, const TreeSpec& spec, const fs::path& mock_binary) {
  if (root.empty()) return fail("no output directory given");
  if (!spec.volume && !spec.datapath) return fail("neither a volume nor a datapath plugin asked for");
  if (!valid_name(spec.name)) {
    return fail("--name \"" + spec.name +
                "\": expected letters, digits, '-' and '_' (xapi keeps only what follows the last '.')");
  }
  if (spec.volume && spec.volume->kind != PluginKind::volume) {
    return fail("the volume plugin's config is not a volume config");
  }
  if (spec.datapath && spec.datapath->kind != PluginKind::datapath) {
    return fail("the datapath plugin's config is not a datapath config");
  }
  if (spec.volume) {
    if (std::string e = make_plugin_dir(volume_dir(root, spec), *spec.volume, mock_binary); !e.empty()) return e;
  }
  if (spec.datapath) {
    const fs::path dir = datapath_dir(root);
    if (std::string e = make_plugin_dir(dir, *spec.datapath, mock_binary); !e.empty()) return e;
    if (spec.volume) {
      // One storage for both: the datapath plugin's state is the volume plugin's.
      const fs::path target = fs::path("..") / ".." / "volume" / (std::string(kVolumePrefix) + spec.name) /
                              std::string(kExecStateFileName);
      std::error_code ec;
      fs::create_symlink(target, dir / kExecStateFileName, ec);
      if (ec) return fail("cannot create link " + (dir / kExecStateFileName).string() + ": " + ec.message());
    }
  }
  return {};
}

}  // namespace smapi::mock
