#include "mock_plugin/plugin_dir.h"

#include "mock_plugin/exec_mode.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace smapi::mock {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class PluginDir : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("smapi-mock-plugin-dir-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path root_;
  const fs::path binary_ = "/opt/somewhere/bin/smapi-mock";
};

TEST_F(PluginDir, CreatesParentsConfigAndLinks) {
  fs::path out = root_ / "a" / "b" / "volume" / "mock";
  ASSERT_EQ(make_plugin_dir(out, default_config(), binary_), "");
  EXPECT_EQ(fs::read_symlink(out / "Plugin.Query"), binary_);
  EXPECT_EQ(fs::read_symlink(out / "Plugin.ls"), binary_);
  EXPECT_EQ(fs::read_symlink(out / "Plugin.diagnostics"), binary_);
  ConfigLoad load = load_config_file((out / kExecConfigFileName).string());
  ASSERT_TRUE(load.config) << load.error;
  EXPECT_EQ(*load.config, default_config());
}

TEST_F(PluginDir, UnimplementedMethodsStillGetALink) {
  MockConfig c = default_config();
  c.answer(contract::Method::ls) = Answer::make_unimplemented();
  ASSERT_EQ(make_plugin_dir(root_, c, binary_), "");
  EXPECT_TRUE(fs::is_symlink(root_ / "Plugin.ls"));
  EXPECT_EQ(load_config_file((root_ / kExecConfigFileName).string()).config, c);
}

TEST_F(PluginDir, RerunReplacesLinksToAnotherSmapiMock) {
  ASSERT_EQ(make_plugin_dir(root_, default_config(), "/old/build/bin/smapi-mock"), "");
  ASSERT_EQ(make_plugin_dir(root_, default_config(PluginKind::datapath), binary_), "");
  EXPECT_EQ(fs::read_symlink(root_ / "Plugin.Query"), binary_);
  EXPECT_EQ(load_config_file((root_ / kExecConfigFileName).string()).config->kind,
            PluginKind::datapath);
}

TEST_F(PluginDir, RefusesARegularScriptAndLeavesEverythingUntouched) {
  std::ofstream(root_ / "Plugin.Query") << "#!/bin/sh\necho real\n";
  std::string e = make_plugin_dir(root_, default_config(), binary_);
  EXPECT_EQ(e, "plugin-dir: " + (root_ / "Plugin.Query").string() +
                   " exists and is not a smapi-mock link");
  EXPECT_FALSE(fs::exists(root_ / kExecConfigFileName));
  EXPECT_FALSE(fs::exists(fs::symlink_status(root_ / "Plugin.ls")));
  std::ifstream in(root_ / "Plugin.Query");
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), "#!/bin/sh\necho real\n");
}

TEST_F(PluginDir, RefusesALinkToAnotherProgram) {
  fs::create_symlink("/bin/true", root_ / "Plugin.diagnostics");
  EXPECT_EQ(make_plugin_dir(root_, default_config(), binary_),
            "plugin-dir: " + (root_ / "Plugin.diagnostics").string() +
                " exists and is not a smapi-mock link");
}

TEST_F(PluginDir, RefusesACaseVariantOfAScriptName) {
  std::ofstream(root_ / "plugin.query") << "x";
  EXPECT_THAT(make_plugin_dir(root_, default_config(), binary_),
              HasSubstr("plugin.query would clash with Plugin.Query"));
}

TEST_F(PluginDir, RefusesAConfigThatIsADirectory) {
  fs::create_directories(root_ / kExecConfigFileName);
  EXPECT_EQ(make_plugin_dir(root_, default_config(), binary_),
            "plugin-dir: " + (root_ / kExecConfigFileName).string() +
                " exists and is not a regular file");
}

TEST_F(PluginDir, RefusesAnOutdirThatIsAFile) {
  std::ofstream(root_ / "file") << "x";
  EXPECT_THAT(make_plugin_dir(root_ / "file", default_config(), binary_),
              HasSubstr("plugin-dir: cannot create " + (root_ / "file").string()));
}

TEST_F(PluginDir, RefusesARelativeBinary) {
  EXPECT_EQ(make_plugin_dir(root_, default_config(), "smapi-mock"),
            "plugin-dir: the smapi-mock binary path must be absolute, got smapi-mock");
}

TEST(RunningExecutable, IsAbsolute) {
  EXPECT_TRUE(running_executable().is_absolute());
}

TEST_F(PluginDir, NotExecutableLayoutWritesAPlainFileThatARerunReplaces) {
  ASSERT_EQ(make_plugin_dir(root_, default_config(), binary_, DirLayout::diagnostics_not_executable), "");
  const fs::path diag = root_ / "Plugin.diagnostics";
  ASSERT_TRUE(fs::is_regular_file(fs::symlink_status(diag)));
  EXPECT_EQ(fs::status(diag).permissions() & (fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec),
            fs::perms::none);
  EXPECT_TRUE(fs::is_symlink(root_ / "Plugin.Query"));
  ASSERT_EQ(make_plugin_dir(root_, default_config(), binary_), "");
  EXPECT_EQ(fs::read_symlink(diag), binary_);
}

TEST_F(PluginDir, ARerunRemovesTheExecStateFile) {
  ASSERT_EQ(make_plugin_dir(root_, default_config(), binary_), "");
  std::ofstream(root_ / kExecStateFileName) << "{}";
  ASSERT_EQ(make_plugin_dir(root_, default_config(), binary_), "");
  EXPECT_FALSE(fs::exists(root_ / kExecStateFileName));
}

}  // namespace
}  // namespace smapi::mock
