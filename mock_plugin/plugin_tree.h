#pragma once
// Makes a whole tree of exec plugins, laid out as xapi-storage-script reads
// its root directory (xen-api ocaml/xapi-storage-script/main.ml: one
// directory per volume plugin under volume/, served on the queue named
// after it; one per datapath plugin under datapath/, named after the URI
// scheme it serves), so ROOT can be used as /usr/libexec/xapi-storage-script:
//
//   ROOT/volume/org.xen.xapi.storage.NAME/   a volume plugin (plugin_dir.h):
//                                            Plugin.*, SR.*, Volume.*
//   ROOT/datapath/mock/                      a datapath plugin: Plugin.*,
//                                            Datapath.*, Data.*
//   ROOT/datapath/mock/.smapi-mock-state.json
//       -> ../../volume/org.xen.xapi.storage.NAME/.smapi-mock-state.json
//
// The datapath directory is named after the scheme of every volume URI the
// storage hands out (storage.h kDatapathScheme), which is how xapi finds it
// for a volume (main.ml choose_datapath). Its state file is a link to the
// volume plugin's, so both answer from one storage: a volume made with
// Volume.create can be attached with Datapath.attach.

#include "mock_plugin/config.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::mock {

// The volume plugin's name when none is given: org.xen.xapi.storage.mock.
inline constexpr std::string_view kDefaultTreePluginName = "mock";

struct TreeSpec {
  // The configs of the two plugins; nullopt leaves that plugin out. Each
  // one's kind must match its place.
  std::optional<MockConfig> volume;
  std::optional<MockConfig> datapath;
  // NAME in volume/org.xen.xapi.storage.NAME.
  std::string name = std::string(kDefaultTreePluginName);
};

// The plugin directories a tree holds (those the spec asks for), volume first.
std::vector<std::filesystem::path> plugin_tree_dirs(const std::filesystem::path& root, const TreeSpec& spec);

// Creates or refreshes the tree. Returns "" on success, else one line
// naming what was wrong ("plugin-dir: --name \"a.b\": ..."). NAME must be
// non-empty letters, digits, '-' and '_' (xapi keeps only what follows the
// last '.' of a queue name, so a '.' would rename the plugin; xen-api
// ocaml/xapi/storage_access.ml). Re-running replaces what a run made, as
// make_plugin_dir does.
std::string make_plugin_tree(const std::filesystem::path& root, const TreeSpec& spec,
                             const std::filesystem::path& mock_binary);

}  // namespace smapi::mock
