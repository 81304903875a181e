#include "mock_plugin/plugin_tree.h"

#include "mock_plugin/exec_mode.h"
#include "mock_plugin/plugin_dir.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace smapi::mock {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class PluginTree : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("smapi-mock-plugin-tree-test-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  static TreeSpec both() {
    TreeSpec spec;
    spec.volume = default_config(PluginKind::volume);
    spec.datapath = default_config(PluginKind::datapath);
    return spec;
  }

  fs::path root_;
  const fs::path binary_ = "/opt/somewhere/bin/smapi-mock";
};

TEST_F(PluginTree, LaysOutAVolumeAndADatapathPluginAsXapiStorageScriptReadsItsRoot) {
  ASSERT_EQ(make_plugin_tree(root_, both(), binary_), "");
  const fs::path volume = root_ / "volume" / "org.xen.xapi.storage.mock";
  const fs::path datapath = root_ / "datapath" / "mock";  // the scheme of the storage's volume URIs
  EXPECT_EQ(plugin_tree_dirs(root_, both()), (std::vector<fs::path>{volume, datapath}));
  for (std::string_view s : plugin_scripts(PluginKind::volume)) EXPECT_EQ(fs::read_symlink(volume / s), binary_) << s;
  for (std::string_view s : plugin_scripts(PluginKind::datapath)) EXPECT_EQ(fs::read_symlink(datapath / s), binary_) << s;
  EXPECT_EQ(load_config_file((volume / kExecConfigFileName).string()).config->kind, PluginKind::volume);
  EXPECT_EQ(load_config_file((datapath / kExecConfigFileName).string()).config->kind, PluginKind::datapath);
  // One storage: the datapath plugin's state file is the volume plugin's.
  EXPECT_EQ(fs::read_symlink(datapath / kExecStateFileName),
            fs::path("../../volume/org.xen.xapi.storage.mock") / kExecStateFileName);
  EXPECT_FALSE(fs::exists(fs::symlink_status(volume / kExecStateFileName)));  // made by the first call
}

TEST_F(PluginTree, ARerunStartsAgainAndKeepsTheLink) {
  ASSERT_EQ(make_plugin_tree(root_, both(), binary_), "");
  const fs::path state = root_ / "volume" / "org.xen.xapi.storage.mock" / kExecStateFileName;
  std::ofstream(state) << "{}";
  ASSERT_EQ(make_plugin_tree(root_, both(), binary_), "");
  EXPECT_FALSE(fs::exists(state));
  EXPECT_TRUE(fs::is_symlink(root_ / "datapath" / "mock" / kExecStateFileName));
}

TEST_F(PluginTree, OneKindAloneKeepsItsOwnState) {
  TreeSpec spec;
  spec.datapath = default_config(PluginKind::datapath);
  ASSERT_EQ(make_plugin_tree(root_, spec, binary_), "");
  EXPECT_FALSE(fs::exists(root_ / "volume"));
  EXPECT_FALSE(fs::exists(fs::symlink_status(root_ / "datapath" / "mock" / kExecStateFileName)));
  spec = TreeSpec{};
  spec.volume = default_config(PluginKind::volume);
  spec.name = "gfs2-test";
  ASSERT_EQ(make_plugin_tree(root_, spec, binary_), "");
  EXPECT_TRUE(fs::is_directory(root_ / "volume" / "org.xen.xapi.storage.gfs2-test"));
}

TEST_F(PluginTree, RefusesANameXapiWouldReadOtherwise) {
  TreeSpec spec = both();
  spec.name = "a.b";
  EXPECT_THAT(make_plugin_tree(root_, spec, binary_), HasSubstr("--name \"a.b\": expected letters, digits"));
  spec.name = "";
  EXPECT_THAT(make_plugin_tree(root_, spec, binary_), HasSubstr("--name \"\""));
  EXPECT_FALSE(fs::exists(root_));
  EXPECT_EQ(make_plugin_tree(root_, TreeSpec{}, binary_),
            "plugin-dir: neither a volume nor a datapath plugin asked for");
  spec = both();
  spec.volume->kind = PluginKind::datapath;
  EXPECT_EQ(make_plugin_tree(root_, spec, binary_), "plugin-dir: the volume plugin's config is not a volume config");
}

TEST_F(PluginTree, AFieldPluginInTheWayIsRefused) {
  fs::create_directories(root_ / "datapath" / "mock");
  std::ofstream(root_ / "datapath" / "mock" / "Datapath.attach") << "#!/bin/sh\n";
  EXPECT_THAT(make_plugin_tree(root_, both(), binary_), HasSubstr("Datapath.attach exists and is not a smapi-mock link"));
}

}  // namespace
}  // namespace smapi::mock
