#include "harness/plugin_tree.h"

#include "harness/exec_target.h"

#include <algorithm>
#include <stdexcept>
#include <system_error>

namespace smapi::harness {

bool is_plugin_tree(const std::filesystem::path& directory) {
  std::error_code ec;
  const bool holds_kind_dir = std::filesystem::is_directory(directory / kVolumeDir, ec) ||
                              std::filesystem::is_directory(directory / kDatapathDir, ec);
  return holds_kind_dir && list_method_files(directory).empty();
}

std::vector<TreePlugin> discover_plugin_tree(const std::filesystem::path& tree) {
  std::vector<TreePlugin> plugins;
  std::size_t entries = 0;
  for (const auto& [dir_name, kind] : {std::pair{kVolumeDir, suites::PluginKind::volume},
                                       std::pair{kDatapathDir, suites::PluginKind::datapath}}) {
    const auto dir = tree / dir_name;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) continue;
    for (std::filesystem::directory_iterator it(dir, ec), end; it != end; it.increment(ec)) {
      if (ec) break;
      if (++entries > kMaxTreeEntries)
        throw std::runtime_error(tree.string() + ": more than " + std::to_string(kMaxTreeEntries) +
                                 " entries under volume/ and datapath/; is it a plugin tree?");
      std::error_code status_ec;
      if (!it->is_directory(status_ec)) continue;
      const auto name = it->path().filename().string();
      plugins.push_back({std::string(dir_name) + "/" + name, it->path(), kind});
    }
    if (ec) throw std::runtime_error("cannot read " + dir.string() + ": " + ec.message());
  }
  std::sort(plugins.begin(), plugins.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return plugins;
}

}  // namespace smapi::harness
