#include "harness/plugin_tree.h"

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace smapi::harness {
namespace {

namespace fs = std::filesystem;

fs::path empty_dir(const std::string& name) {
  const auto dir = fs::temp_directory_path() / ("smapi-tree-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// A directory holding an executable Plugin.Query, as a plugin does.
void make_plugin(const fs::path& dir) {
  fs::create_directories(dir);
  std::ofstream(dir / "Plugin.Query") << "#!/bin/sh\n";
  fs::permissions(dir / "Plugin.Query", fs::perms::owner_all);
}

TEST(PluginTree, IsADirectoryHoldingVolumeOrDatapathAndNoMethods) {
  const auto root = empty_dir("is-tree");
  make_plugin(root / "both" / "volume" / "a");
  fs::create_directories(root / "both" / "datapath");
  fs::create_directories(root / "datapath-only" / "datapath");
  make_plugin(root / "plugin");
  fs::create_directories(root / "plugin" / "volume");
  fs::create_directories(root / "neither" / "vol");
  EXPECT_TRUE(is_plugin_tree(root / "both"));
  EXPECT_TRUE(is_plugin_tree(root / "datapath-only"));
  EXPECT_FALSE(is_plugin_tree(root / "plugin")) << "a plugin holding a volume/ directory stays a plugin";
  EXPECT_FALSE(is_plugin_tree(root / "neither"));
  EXPECT_FALSE(is_plugin_tree(root / "missing"));
  fs::remove_all(root);
}

TEST(PluginTree, DiscoversEveryDirectoryOneLevelDownWithItsKind) {
  const auto root = empty_dir("discover");
  make_plugin(root / "volume" / "org.xen.xapi.storage.ext4-ng");
  fs::create_directories(root / "volume" / "org.xen.xapi.storage.empty");  // judged, and found wanting
  std::ofstream(root / "volume" / "README") << "not a plugin\n";
  make_plugin(root / "datapath" / "tapdisk");
  make_plugin(root / "elsewhere" / "loop");
  make_plugin(root / "volume" / "org.xen.xapi.storage.ext4-ng" / "nested");
  fs::create_directory_symlink(root / "elsewhere" / "loop", root / "datapath" / "loop");

  const auto plugins = discover_plugin_tree(root);
  ASSERT_EQ(plugins.size(), 4U);
  EXPECT_EQ(plugins[0].name, "datapath/loop");
  EXPECT_EQ(plugins[0].kind, suites::PluginKind::datapath);
  EXPECT_EQ(plugins[1].name, "datapath/tapdisk");
  EXPECT_EQ(plugins[1].path, root / "datapath" / "tapdisk");
  EXPECT_EQ(plugins[2].name, "volume/org.xen.xapi.storage.empty");
  EXPECT_EQ(plugins[3].name, "volume/org.xen.xapi.storage.ext4-ng");
  EXPECT_EQ(plugins[3].kind, suites::PluginKind::volume);
  fs::remove_all(root);
}

TEST(PluginTree, TooManyEntriesIsAnErrorNotAWalk) {
  const auto root = empty_dir("many");
  fs::create_directories(root / "volume");
  for (std::size_t i = 0; i <= kMaxTreeEntries; ++i) std::ofstream(root / "volume" / std::to_string(i));
  EXPECT_THROW(
      {
        try {
          discover_plugin_tree(root);
        } catch (const std::runtime_error& error) {
          EXPECT_THAT(error.what(), ::testing::HasSubstr("more than 10000 entries under volume/ and datapath/"));
          throw;
        }
      },
      std::runtime_error);
  fs::remove_all(root);
}

}  // namespace
}  // namespace smapi::harness
