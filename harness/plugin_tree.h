#pragma once
// A plugin tree: a directory laid out like xapi's
// /usr/libexec/xapi-storage-script, holding volume/ and/or datapath/, each
// plugin a directory one level below them (volume/<name>, datapath/<scheme>).
// xapi-storage-script watches both and registers each directory in them as
// a plugin (xen-api ocaml/xapi-storage-script/main.ml), so a fleet run
// judges every one of them, each under the kind its parent names.

#include "suites/observation.h"

#include <filesystem>
#include <string>
#include <vector>

namespace smapi::harness {

// The subdirectories of a tree that hold plugins, and their kinds.
inline constexpr const char* kVolumeDir = "volume";
inline constexpr const char* kDatapathDir = "datapath";
// At most this many entries are read under volume/ and datapath/ together:
// far above the ten or so plugins a host ships, and a bound on a mistaken
// --target (a home directory, say).
inline constexpr std::size_t kMaxTreeEntries = 10'000;

// One plugin directory of a tree.
struct TreePlugin {
  std::string name;             // "volume/org.xen.xapi.storage.ext4-ng": relative to the tree, '/'-separated
  std::filesystem::path path;   // tree / name
  suites::PluginKind kind = suites::PluginKind::volume;
};

// Whether `directory` is a plugin tree: it holds a volume/ or datapath/
// directory and no Plugin method script of its own (a plugin directory that
// happens to hold a volume/ subdirectory stays a plugin).
bool is_plugin_tree(const std::filesystem::path& directory);

// The plugins of a tree: every directory (or link to one) directly under its
// volume/ and datapath/, sorted by name. Plain files there are ignored, as
// xapi ignores them. Throws std::runtime_error naming the directory when
// volume/ or datapath/ cannot be read, or when they hold more than
// kMaxTreeEntries entries.
std::vector<TreePlugin> discover_plugin_tree(const std::filesystem::path& tree);

}  // namespace smapi::harness
