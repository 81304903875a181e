// Plugin.ls of the mock as an exec plugin: by default it lists the SRs
// attached in the storage of the plugin's state file (xen-api
// ocaml/xapi-storage/generator/lib/plugin.ml, ls: "a list of attached SRs"),
// in a tree made by plugin-dir --tree whose two plugins share that storage;
// a config's own Plugin.ls answer wins, and its faults apply around the
// storage's answer.
#include "mock_plugin/exec_state_file.h"
#include "mock_plugin/exec_tree_test_support.h"

#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <filesystem>
#include <fstream>

namespace smapi::mock {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::ExecTree;
using testing::kSr;
using ::testing::HasSubstr;

constexpr const char* kSr2 = "file:///srv/sr2";

class ExecPluginLs : public ExecTree {
 protected:
  // Plugin.ls of the plugin in `dir`, expecting exit 0 and JSON on stdout.
  json::value ls(const fs::path& dir) const {
    const testing::ScriptRun r = testing::run_script(dir / "Plugin.ls", R"({"dbg":"ls-test"})", root_);
    EXPECT_EQ(r.exit_status, 0) << dir << ": " << r.out << r.err;
    EXPECT_EQ(r.err, "") << dir;
    return r.exit_status == 0 ? json::parse(r.out) : json::value();
  }
  void make_sr(const char* uri) const {
    ok("SR.create", {{"uuid", uri}, {"configuration", {{"uri", uri}}}, {"name", "sr"}, {"description", ""}});
    ok("SR.attach", {{"configuration", {{"uri", uri}}}});
  }
};

TEST_F(ExecPluginLs, ListsTheAttachedSrsOfTheSharedStorageInBothDirectories) {
  EXPECT_EQ(ls(volume_), json::array{});
  EXPECT_FALSE(fs::exists(state_file())) << "reading the storage wrote it";
  EXPECT_FALSE(fs::exists(state_file().string() + ".lock")) << "a config without rules reads without the lock";
  ok("SR.create", {{"uuid", "u-1"}, {"configuration", {{"uri", kSr}}}, {"name", "sr"}, {"description", ""}});
  EXPECT_EQ(ls(volume_), json::array{}) << "created, not attached";
  make_sr(kSr2);
  ok("SR.attach", {{"configuration", {{"uri", kSr}}}});
  ok("SR.attach", {{"configuration", {{"uri", kSr}}}});  // xapi retries: still listed once
  const json::array both{kSr, kSr2};  // byte order, not the order of attachment
  EXPECT_EQ(ls(volume_), both);
  EXPECT_EQ(ls(datapath_), both) << "the datapath plugin's state file links to the volume plugin's";
  ok("SR.detach", {{"sr", kSr2}});
  EXPECT_EQ(ls(volume_), json::array{kSr});
}

TEST_F(ExecPluginLs, ARestartForgetsTheSrsPluginLsListed) {
  remake(R"({"scenarios":["restart-forgets-srs"]})");
  make_sr(kSr);  // the first SR.attach: the plugin "restarts" after it
  EXPECT_EQ(ls(volume_), json::array{});
  ok("SR.attach", {{"configuration", {{"uri", kSr}}}});
  EXPECT_EQ(ls(volume_), json::array{kSr});
}

TEST_F(ExecPluginLs, TheConfigsOwnAnswerWins) {
  remake(R"({"methods":{"Plugin.ls":{"result":["sr1","sr1"]}}})");
  make_sr(kSr);
  EXPECT_EQ(ls(volume_), (json::array{"sr1", "sr1"}));
  remake(R"({"no_script":["Plugin.ls"]})");
  EXPECT_FALSE(fs::exists(volume_ / "Plugin.ls"));
}

TEST_F(ExecPluginLs, AFaultOnlyRuleMisbehavesAroundTheStoragesAnswerAndCountsAcrossProcesses) {
  remake(R"({"methods":{"Plugin.ls":[{"times":1,"stderr":"slow disk\n","exit_code":0},
                                     {"times":1,"result":["scripted"]}]}})");
  make_sr(kSr);
  const testing::ScriptRun first = testing::run_script(volume_ / "Plugin.ls", R"({"dbg":"d"})", root_);
  EXPECT_EQ(first.exit_status, 0);
  EXPECT_EQ(first.out, "[\"file:///srv/sr1\"]\n");
  EXPECT_EQ(first.err, "slow disk\n");
  EXPECT_EQ(ls(volume_), json::array{"scripted"});
  EXPECT_EQ(ls(volume_), json::array{kSr});
}

// A config with rules keeps its counters under the lock; when the lock file
// cannot be opened (here it is a directory, which stops root too), the rules
// start again, but Plugin.ls still reads the storage.
TEST_F(ExecPluginLs, WithoutTheLockARuledPluginLsStillListsTheStoragesSrs) {
  remake(R"({"methods":{"Plugin.ls":[{"match":{"dbg":"never"},"unimplemented":true}]}})");
  make_sr(kSr);
  const fs::path lock = state_file().string() + ".lock";
  fs::remove(lock);
  fs::create_directory(lock);
  const testing::ScriptRun r = testing::run_script(volume_ / "Plugin.ls", R"({"dbg":"d"})", root_);
  EXPECT_EQ(r.exit_status, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "[\"file:///srv/sr1\"]\n");
  EXPECT_THAT(r.err, HasSubstr("cannot open " + lock.string()));
  EXPECT_THAT(r.err, HasSubstr("rules restart with every call"));
}

TEST_F(ExecPluginLs, AStateFileThatIsNoStateFileFailsTheCallNamingIt) {
  make_sr(kSr);
  std::ofstream(state_file(), std::ios::trunc) << "{\"storage\":{\"srs\":5}}";
  const testing::ScriptRun r = testing::run_script(volume_ / "Plugin.ls", R"({"dbg":"d"})", root_);
  EXPECT_EQ(r.exit_status, 1);
  EXPECT_THAT(r.out, HasSubstr("MockStateError"));
  EXPECT_THAT(r.err, HasSubstr(state_file().string()));
}

// LS-UNIQUE and LS-ANSWERS hold for the storage's list: the mock stays
// conformant with SRs attached, exec and HTTP alike.
TEST_F(ExecPluginLs, SmapiConformJudgesThePluginConformantWithSrsAttached) {
  make_sr(kSr2);
  make_sr(kSr);
  const testing::ScriptRun r = testing::run_script(SMAPI_BIN_DIR "/smapi-conform", "", root_,
                                                   {"run", "--target", "exec:" + volume_.string()});
  EXPECT_EQ(r.exit_status, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("verdict: conformant"));
}

}  // namespace
}  // namespace smapi::mock
