#include "mock_plugin/plugin_dir.h"

#include "mock_plugin/exec_mode.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <boost/json/parse.hpp>

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
  EXPECT_EQ(fs::read_symlink(out / "SR.create"), binary_);
  EXPECT_EQ(fs::read_symlink(out / "Volume.list_changed_blocks"), binary_);
  EXPECT_FALSE(fs::exists(fs::symlink_status(out / "Datapath.attach")));
  ConfigLoad load = load_config_file((out / kExecConfigFileName).string());
  ASSERT_TRUE(load.config) << load.error;
  EXPECT_EQ(*load.config, default_config());
}

// The Plugin.query answer the directory's config holds.
boost::json::value written_query(const fs::path& dir) {
  ConfigLoad load = load_config_file((dir / kExecConfigFileName).string());
  if (!load.config) throw std::runtime_error(load.error);
  return load.config->answer(contract::Method::query).result;
}

TEST_F(PluginDir, NamesThePluginAfterTheDirectory) {
  const fs::path volume = root_ / "volume" / "org.xen.xapi.storage.foo";
  ASSERT_EQ(make_plugin_dir(volume, default_config(), binary_), "");
  EXPECT_EQ(written_query(volume).at("plugin"), "foo");
  // Nothing else of the default answer changes.
  auto expected = default_query_result(PluginKind::volume);
  expected.as_object()["plugin"] = "foo";
  EXPECT_EQ(written_query(volume), expected);

  const fs::path datapath = root_ / "datapath" / "tapdisk";
  ASSERT_EQ(make_plugin_dir(datapath, default_config(PluginKind::datapath), binary_), "");
  EXPECT_EQ(written_query(datapath).at("plugin"), "tapdisk");

  // A trailing '/' names the same directory.
  ASSERT_EQ(make_plugin_dir(root_ / "volume" / "org.xen.xapi.storage.bar/", default_config(), binary_), "");
  EXPECT_EQ(written_query(root_ / "volume" / "org.xen.xapi.storage.bar").at("plugin"), "bar");
}

TEST_F(PluginDir, AConfigsOwnQueryAnswerKeepsItsPlugin) {
  MockConfig c = default_config();
  c.answer(contract::Method::query) = Answer::make_result(boost::json::parse(R"({"plugin": "ext4-ng"})"));
  const fs::path dir = root_ / "volume" / "org.xen.xapi.storage.foo";
  ASSERT_EQ(make_plugin_dir(dir, c, binary_), "");
  EXPECT_EQ(written_query(dir).at("plugin"), "ext4-ng");
}

TEST(PluginScripts, EveryMethodTheKindServesAsXapiStorageScriptNamesIt) {
  const auto volume = plugin_scripts(PluginKind::volume);
  const auto datapath = plugin_scripts(PluginKind::datapath);
  EXPECT_EQ(volume.size(), 3u + 9u + 19u);   // Plugin, SR (control.ml), Volume (control.ml)
  EXPECT_EQ(datapath.size(), 3u + 8u + 6u);  // Plugin, Datapath (data.ml), Data (data.ml)
  EXPECT_THAT(volume, ::testing::IsSupersetOf({"Plugin.Query", "SR.probe", "SR.ls", "Volume.create", "Volume.compose"}));
  EXPECT_THAT(datapath, ::testing::IsSupersetOf({"Plugin.Query", "Datapath.open", "Datapath.close", "Data.copy", "Data.ls"}));
  for (std::string_view s : volume) EXPECT_EQ(s.rfind("Data", 0), std::string_view::npos) << s;
  for (std::string_view s : datapath) EXPECT_TRUE(s.rfind("SR.", 0) != 0 && s.rfind("Volume.", 0) != 0) << s;
}

TEST(PluginName, ForADirectory) {
  EXPECT_EQ(plugin_name_for_directory("/x/volume/org.xen.xapi.storage.zfs-vol", PluginKind::volume), "zfs-vol");
  EXPECT_EQ(plugin_name_for_directory("/x/volume/org.xen.xapi.storage.zfs-vol/", PluginKind::volume), "zfs-vol");
  EXPECT_EQ(plugin_name_for_directory("/x/volume/mine", PluginKind::volume), "mine");
  EXPECT_EQ(plugin_name_for_directory("/x/datapath/tapdisk", PluginKind::datapath), "tapdisk");
  EXPECT_EQ(plugin_name_for_directory("/x/org.xen.xapi.storage.odd", PluginKind::datapath),
            "org.xen.xapi.storage.odd");
  EXPECT_EQ(plugin_name_for_directory("/", PluginKind::volume), "");
}

TEST(PluginName, OnlyTheDefaultAnswerIsRenamed) {
  MockConfig rules = default_config();
  rules.rules_for(contract::Method::query).push_back(Rule{});
  rules.rules_for(contract::Method::query).back().steps.push_back(Step{});
  const MockConfig named = named_after_directory(rules, "/v/org.xen.xapi.storage.foo");
  EXPECT_EQ(named.answer(contract::Method::query).result.at("plugin"), "foo");
  EXPECT_EQ(named.rules_for(contract::Method::query), rules.rules_for(contract::Method::query));

  MockConfig unimplemented = default_config();
  unimplemented.answer(contract::Method::query) = Answer::make_unimplemented();
  EXPECT_EQ(named_after_directory(unimplemented, "/v/org.xen.xapi.storage.foo"), unimplemented);
  EXPECT_EQ(named_after_directory(default_config(), "/"), default_config());
}

TEST_F(PluginDir, UnimplementedMethodsStillGetALink) {
  MockConfig c = default_config();
  c.answer(contract::Method::ls) = Answer::make_unimplemented();
  ASSERT_EQ(make_plugin_dir(root_, c, binary_), "");
  EXPECT_TRUE(fs::is_symlink(root_ / "Plugin.ls"));
  EXPECT_EQ(load_config_file((root_ / kExecConfigFileName).string()).config, named_after_directory(c, root_));
}

TEST_F(PluginDir, AMethodWithoutAScriptHasNoFile) {
  const ConfigLoad load = parse_config(R"({"no_script": ["Plugin.ls", "SR.stat", "Volume.snapshot"]})");
  ASSERT_TRUE(load.config) << load.error;
  ASSERT_EQ(make_plugin_dir(root_, *load.config, binary_), "");
  for (const char* script : {"Plugin.ls", "SR.stat", "Volume.snapshot"})
    EXPECT_FALSE(fs::exists(fs::symlink_status(root_ / script))) << script;
  EXPECT_EQ(fs::read_symlink(root_ / "Plugin.Query"), binary_);
  EXPECT_EQ(fs::read_symlink(root_ / "SR.ls"), binary_);
  // The written config still says so, for exec mode and for a re-run.
  EXPECT_EQ(load_config_file((root_ / kExecConfigFileName).string()).config->no_script, load.config->no_script);
}

TEST_F(PluginDir, ARerunDropsTheLinksOfMethodsThatLostTheirScriptAndBringsThemBack) {
  ASSERT_EQ(make_plugin_dir(root_, default_config(), binary_), "");
  ASSERT_TRUE(fs::is_symlink(root_ / "SR.stat"));
  const ConfigLoad load = parse_config(R"({"no_script": ["SR.stat"]})");
  ASSERT_TRUE(load.config) << load.error;
  ASSERT_EQ(make_plugin_dir(root_, *load.config, binary_), "");
  EXPECT_FALSE(fs::exists(fs::symlink_status(root_ / "SR.stat")));
  ASSERT_EQ(make_plugin_dir(root_, default_config(), binary_), "");
  EXPECT_EQ(fs::read_symlink(root_ / "SR.stat"), binary_);
}

TEST_F(PluginDir, RerunReplacesLinksToAnotherSmapiMock) {
  ASSERT_EQ(make_plugin_dir(root_, default_config(), "/old/build/bin/smapi-mock"), "");
  ASSERT_EQ(make_plugin_dir(root_, default_config(PluginKind::datapath), binary_), "");
  EXPECT_EQ(fs::read_symlink(root_ / "Plugin.Query"), binary_);
  // The other kind's scripts go.
  EXPECT_FALSE(fs::exists(fs::symlink_status(root_ / "Volume.create")));
  EXPECT_EQ(fs::read_symlink(root_ / "Datapath.attach"), binary_);
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

TEST_F(PluginDir, RefusesAFieldPluginsScriptOfAnyKindAndLeavesItAlone) {
  std::ofstream(root_ / "Datapath.attach") << "#!/bin/sh\n";
  EXPECT_EQ(make_plugin_dir(root_, default_config(), binary_),
            "plugin-dir: " + (root_ / "Datapath.attach").string() + " exists and is not a smapi-mock link");
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(root_ / "Datapath.attach")));
  fs::remove(root_ / "Datapath.attach");
  std::ofstream(root_ / "sr.CREATE") << "x";
  EXPECT_THAT(make_plugin_dir(root_, default_config(), binary_), HasSubstr("sr.CREATE would clash with SR.create"));
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
