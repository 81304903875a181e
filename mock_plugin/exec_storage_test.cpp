// The mock as a whole exec plugin: a tree written by plugin-dir --tree,
// driven the way xapi-storage-script calls it (the script's path, --json, the
// arguments on stdin, the exit status), every answer checked against the
// IDL's types; and the pure answer_storage_exec behind it.
#include "mock_plugin/exec_storage.h"

#include "contract/exec_codec.h"
#include "mock_plugin/exec_state_file.h"
#include "mock_plugin/exec_test_support.h"
#include "mock_plugin/exec_tree_test_support.h"
#include "mock_plugin/storage/testing/idl_types.h"

#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace smapi::mock {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using storage::testing::HasIdlResultType;
using ::testing::HasSubstr;
using ::testing::StartsWith;

using testing::ExecTree;
using testing::kSr;
using testing::volume_args;

// ---- the pure part ----

TEST(ExecStorageMethodFor, MatchesTheIdlsNamesCaseInsensitively) {
  EXPECT_EQ(exec_storage_method_for("/r/volume/org.xen.xapi.storage.m/SR.create"), "SR.create");
  EXPECT_EQ(exec_storage_method_for("volume.SNAPSHOT"), "Volume.snapshot");
  EXPECT_EQ(exec_storage_method_for("/d/Datapath.activate_readonly"), "Datapath.activate_readonly");
  EXPECT_EQ(exec_storage_method_for("/d/Data.copy"), "Data.copy");
  EXPECT_EQ(exec_storage_method_for("/d/Plugin.Query"), std::nullopt);
  EXPECT_EQ(exec_storage_method_for("/d/Volume.frobnicate"), std::nullopt);
  EXPECT_EQ(exec_storage_method_for("/SR.create/smapi-mock"), std::nullopt);
}

// The params of an exec error text, after checking its code and exit status.
std::vector<std::string> error_params(const ExecOutput& out) {
  EXPECT_EQ(out.exit_status, 1) << out.stdout_text;
  const contract::Reply reply = contract::decode_exec_reply({contract::ExecExit::How::exited, out.exit_status},
                                                            out.stdout_text);
  EXPECT_EQ(reply.kind, contract::Reply::Kind::error) << reply.problem;
  EXPECT_EQ(reply.error.code, "SR_BACKEND_FAILURE");
  return reply.error.params;
}

TEST(AnswerStorageExec, ArgumentsAreCheckedAsTheBindingsCheckThem) {
  Engine e(default_config());
  storage::Storage s;
  const storage::SimulatedTime t{0};
  EXPECT_EQ(error_params(answer_storage_exec(e, s, "SR.ls", "", t)),
            (std::vector<std::string>{"UnmarshalException", "UnmarshalException thing=stdin ty=json desc=empty stdin"}));
  EXPECT_THAT(error_params(answer_storage_exec(e, s, "SR.ls", "{", t)).at(1),
              StartsWith("UnmarshalException thing=stdin ty=json desc=invalid JSON"));
  EXPECT_EQ(error_params(answer_storage_exec(e, s, "SR.ls", R"({"sr":"x"})", t)),
            (std::vector<std::string>{"UnmarshalException", "UnmarshalException thing=argument missing ty=dbg desc="}));
  EXPECT_EQ(error_params(answer_storage_exec(e, s, "SR.ls", R"({"dbg":1})", t)),
            (std::vector<std::string>{"TypeError", "TypeError expected=string actual=1"}));
  EXPECT_EQ(error_params(answer_storage_exec(e, s, "SR.ls", R"(["x"])", t)),
            (std::vector<std::string>{"TypeError", "TypeError expected=dict actual=['x']"}));
}

TEST(AnswerStorageExec, AnIdlErrorTravelsAsItsNameThenItsArguments) {
  Engine e(default_config());
  storage::Storage s;
  // xapi-storage-script reads ["Sr_not_attached"; sr] back as that error.
  EXPECT_EQ(error_params(answer_storage_exec(e, s, "SR.stat", R"({"dbg":"d","sr":"file:///nowhere"})", {})),
            (std::vector<std::string>{"SR_does_not_exist", "file:///nowhere"}));
}

TEST(AnswerStorageExec, AResultIsCompactJsonOfTheIdlsType) {
  Engine e(default_config());
  storage::Storage s;
  const ExecOutput out = answer_storage_exec(e, s, "SR.probe", R"({"dbg":"d","configuration":{"uri":"file:///x"}})", {});
  EXPECT_EQ(out.exit_status, 0);
  ASSERT_EQ(out.stdout_text.back(), '\n');
  EXPECT_THAT(json::parse(out.stdout_text), HasIdlResultType(std::string("SR.probe")));
}

// ---- the real binary, as a tree ----


TEST_F(ExecTree, AFullLifecycleThroughTheScripts) {
  json::value config = ok("SR.create", {{"uuid", "u-1"}, {"configuration", {{"uri", kSr}}},
                                        {"name", "sr one"}, {"description", "first"}});
  const json::value sr = ok("SR.attach", {{"configuration", config}});
  ASSERT_EQ(sr, kSr);
  const json::value vol = ok("Volume.create", {{"sr", sr}, {"name", "disk"}, {"description", ""},
                                               {"size", 1 << 20}, {"sharable", false}});
  const json::value key = vol.at("key");
  const json::value snap = ok("Volume.snapshot", {{"sr", sr}, {"key", key}});
  EXPECT_EQ(snap.at("read_write"), false);
  const json::value clone = ok("Volume.clone", {{"sr", sr}, {"key", snap.at("key")}});
  ok("Volume.resize", {{"sr", sr}, {"key", key}, {"new_size", 2 << 20}});
  const json::value stat = ok("Volume.stat", {{"sr", sr}, {"key", key}});
  EXPECT_EQ(stat.at("virtual_size"), 2 << 20);
  EXPECT_EQ(ok("SR.ls", {{"sr", sr}}).as_array().size(), 3u);

  // The datapath plugin, a separate directory, sees the volume plugin's storage.
  const json::value uri = stat.at("uri").at(0);
  ok("Datapath.open", {{"uri", uri}, {"persistent", true}});
  const json::value backend = ok("Datapath.attach", {{"uri", uri}, {"domain", "3"}});
  EXPECT_FALSE(backend.at("implementations").as_array().empty());
  ok("Datapath.activate", {{"uri", uri}, {"domain", "3"}});
  ok("Datapath.deactivate", {{"uri", uri}, {"domain", "3"}});
  ok("Datapath.detach", {{"uri", uri}, {"domain", "3"}});
  ok("Datapath.close", {{"uri", uri}});

  for (const json::value& k : {key, snap.at("key"), clone.at("key")}) ok("Volume.destroy", {{"sr", sr}, {"key", k}});
  EXPECT_EQ(ok("SR.ls", {{"sr", sr}}), json::array{});
  ok("SR.detach", {{"sr", sr}});
  ok("SR.attach", {{"configuration", config}});
  ok("SR.destroy", {{"sr", sr}});
  EXPECT_THAT(error("SR.stat", {{"sr", sr}}), (std::vector<std::string>{"SR_does_not_exist", std::string(kSr)}));
  // Only the volume plugin's directory holds the state; the datapath's links to it.
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(state_file())));
  EXPECT_TRUE(fs::is_symlink(datapath_ / kExecStateFileName));
}

TEST_F(ExecTree, WrongOrderAndMissingObjectsGetTheIdlsErrorsInTheExecForm) {
  const json::object volume_args{{"sr", kSr}, {"name", "x"}, {"description", ""}, {"size", 4096}, {"sharable", false}};
  EXPECT_EQ(error("Volume.create", volume_args), (std::vector<std::string>{"SR_does_not_exist", kSr}));
  ok("SR.create", {{"uuid", "u-1"}, {"configuration", {{"uri", kSr}}}, {"name", "sr"}, {"description", ""}});
  EXPECT_EQ(error("Volume.create", volume_args), (std::vector<std::string>{"Sr_not_attached", kSr}));
  ok("SR.attach", {{"configuration", {{"uri", kSr}}}});
  EXPECT_EQ(error("Volume.stat", {{"sr", kSr}, {"key", "no-such-volume"}}),
            (std::vector<std::string>{"Volume_does_not_exist", "no-such-volume"}));
  const json::value uri = ok("Volume.create", volume_args).at("uri").at(0);
  // A datapath activated before it was opened and attached: the IDL has no
  // error for it, so the bindings' form of any failure, naming the method.
  const std::vector<std::string> early = error("Datapath.activate", {{"uri", uri}, {"domain", "1"}});
  ASSERT_EQ(early.size(), 2u);
  EXPECT_EQ(early[0], "Datapath.activate");
  EXPECT_EQ(error("Datapath.attach", {{"uri", "mock:///no-such-volume"}, {"domain", "1"}}).at(0),
            "Volume_does_not_exist");
  ok("SR.detach", {{"sr", kSr}});
  EXPECT_EQ(error("SR.destroy", {{"sr", kSr}}), (std::vector<std::string>{"Sr_not_attached", kSr}));
}

TEST_F(ExecTree, ConcurrentCallsLoseNoUpdate) {
  constexpr int kCalls = 8;
  make_sr();
  struct Running {
    pid_t pid;
    int out_fd;
    fs::path err_file;
  };
  std::vector<Running> running;
  for (int i = 0; i < kCalls; ++i) {
    const json::object args{{"dbg", "par"}, {"sr", kSr}, {"name", "v" + std::to_string(i)}, {"description", ""},
                            {"size", 4096}, {"sharable", false}};
    Running r{-1, -1, root_ / ("par-" + std::to_string(i) + ".stderr")};
    r.pid = testing::start_script(script("Volume.create"), contract::to_compact_json(args), r.err_file, r.out_fd);
    ASSERT_GT(r.pid, 0);
    running.push_back(r);
  }
  std::set<std::string> keys;
  for (const Running& r : running) {
    const testing::ScriptRun done = testing::finish_script(r.pid, r.out_fd, r.err_file);
    EXPECT_EQ(done.exit_status, 0) << done.out << done.err;
    keys.insert(std::string(json::parse(done.out).at("key").as_string()));
  }
  EXPECT_EQ(keys.size(), static_cast<std::size_t>(kCalls));
  EXPECT_EQ(ok("SR.ls", {{"sr", kSr}}).as_array().size(), static_cast<std::size_t>(kCalls));
}

TEST_F(ExecTree, ACorruptStateFileFailsTheCallNamingItAndStaysAsItWas) {
  make_sr();
  std::ofstream(state_file(), std::ios::trunc) << R"({"storage":{"srs":[{"sr":)";  // a write cut short
  const testing::ScriptRun r = run("SR.ls", {{"sr", kSr}});
  EXPECT_EQ(r.exit_status, 1);
  const contract::Reply reply = contract::decode_exec_reply({contract::ExecExit::How::exited, 1}, r.out);
  ASSERT_EQ(reply.kind, contract::Reply::Kind::error) << r.out;
  ASSERT_EQ(reply.error.params.size(), 2u);
  EXPECT_EQ(reply.error.params[0], "MockStateError");
  EXPECT_THAT(reply.error.params[1], StartsWith(state_file().string() + ": not a state file smapi-mock wrote"));
  EXPECT_THAT(r.err, HasSubstr("SR.ls: " + state_file().string() + ": not a state file"));
  std::ifstream in(state_file());
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), R"({"storage":{"srs":[{"sr":)");
  // The datapath plugin reads the same file, so it fails alike.
  EXPECT_EQ(error("Datapath.close", {{"uri", "mock:///x"}}).at(0), "MockStateError");
}

TEST_F(ExecTree, RulesOnAStorageMethodCountAcrossProcesses) {
  remake(R"({"methods":{"Volume.create":[{"times":1,"error":{"code":"SR_BACKEND_FAILURE","params":["Volume.create","busy"]}}]}})");
  make_sr();
  EXPECT_EQ(error("Volume.create", volume_args()), (std::vector<std::string>{"Volume.create", "busy"}));
  ok("Volume.create", volume_args());  // the rule applied once; the storage answers now
  EXPECT_EQ(ok("SR.ls", {{"sr", kSr}}).as_array().size(), 1u);
}

TEST_F(ExecTree, ProcessFaultsApplyToStorageMethods) {
  remake(R"({"methods":{"SR.ls":[{"stderr":"boom\n","exit_code":3}],"SR.stat":[{"signal":"KILL"}]}})");
  make_sr();
  const testing::ScriptRun ls = run("SR.ls", {{"sr", kSr}});
  EXPECT_EQ(ls.exit_status, 3);
  EXPECT_EQ(ls.out, "[]\n");
  EXPECT_EQ(ls.err, "boom\n");
  EXPECT_EQ(run("SR.stat", {{"sr", kSr}}).exit_status, -1);  // killed
}

// A delayed (or hung) call must not hold the state lock while it waits, or
// every other call of the plugin would wait with it.
TEST_F(ExecTree, ADelayedCallDoesNotHoldTheStateLock) {
  remake(R"({"methods":{"SR.stat":[{"delay_ms":3000}]}})");
  make_sr();
  const json::object args{{"dbg", "slow"}, {"sr", kSr}};
  int out_fd = -1;
  const fs::path err_file = root_ / "slow.stderr";
  const pid_t slow = testing::start_script(script("SR.stat"), contract::to_compact_json(args), err_file, out_fd);
  ASSERT_GT(slow, 0);
  ::usleep(300'000);  // past its lock: it is sleeping now
  const auto start = std::chrono::steady_clock::now();
  ok("SR.ls", {{"sr", kSr}});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1500));
  const testing::ScriptRun done = testing::finish_script(slow, out_fd, err_file);
  EXPECT_EQ(done.exit_status, 0) << done.err;
}

// Simulated time is the wall clock since the storage began, recorded in the
// state file, so a copy started by one process progresses for the next.
TEST_F(ExecTree, ACopyProgressesWithTheClockAcrossProcesses) {
  make_sr();
  const json::value uri = ok("Volume.create", volume_args()).at("uri").at(0);
  ok("Datapath.open", {{"uri", uri}, {"persistent", true}});
  ok("Datapath.attach", {{"uri", uri}, {"domain", "0"}});
  // 1 GiB at the storage's 100 MiB per simulated second: about 10 s.
  const json::value op = ok("Data.copy", {{"uri", uri}, {"domain", "0"}, {"remote", "nbd://elsewhere"},
                                          {"blocklist", {{"blocksize", 1 << 20}, {"ranges", json::array{json::array{0, 1024}}}}}});
  const double first = ok("Data.stat", {{"operation", op}}).at("progress").to_number<double>();
  ::usleep(300'000);
  const json::value later = ok("Data.stat", {{"operation", op}});
  EXPECT_GT(later.at("progress").to_number<double>(), first);
  EXPECT_EQ(later.at("complete"), false);
  EXPECT_EQ(ok("Data.ls", {}).as_array().size(), 1u);
}

TEST_F(ExecTree, ScenarioSrFull) {
  // The flag, this time (the others name theirs in the config).
  const testing::ScriptRun made =
      testing::run_script(binary(), "", root_, {"plugin-dir", "--tree", root_.string(), "--scenario", "sr-full"});
  ASSERT_EQ(made.exit_status, 0) << made.err;
  make_sr();
  const std::vector<std::string> full = error("Volume.create", volume_args());
  ASSERT_EQ(full.size(), 2u);
  EXPECT_EQ(full[0], "Volume.create");
  EXPECT_THAT(full[1], HasSubstr("no space"));
}

TEST_F(ExecTree, ScenarioVanishingVolumeGivesTheIdlErrorInTheExecForm) {
  remake(R"({"scenarios":["vanishing-volume"]})");
  make_sr();
  const json::value uri = ok("Volume.create", volume_args()).at("uri").at(0);
  ok("Datapath.open", {{"uri", uri}, {"persistent", true}});
  EXPECT_EQ(error("Datapath.attach", {{"uri", uri}, {"domain", "1"}}).at(0), "Volume_does_not_exist");
}

TEST_F(ExecTree, ScenarioRestartForgetsTheAttachedSrs) {
  remake(R"({"scenarios":["restart-forgets-srs"]})");
  make_sr();  // its SR.attach is the first: the plugin "restarts" after it
  EXPECT_EQ(error("Volume.create", volume_args()), (std::vector<std::string>{"Sr_not_attached", kSr}));
  ok("SR.attach", {{"configuration", {{"uri", kSr}}}});
  ok("Volume.create", volume_args());
}

TEST_F(ExecTree, OneConfigForBothPluginsWarnsOnceAboutAnHttpOnlyFault) {
  const fs::path config = root_ / "http-only.json";
  std::ofstream(config) << R"({"methods":{"Plugin.ls":[{"http_status":500}]}})";
  const testing::ScriptRun made =
      testing::run_script(binary(), "", root_, {"plugin-dir", "--tree", root_.string(), "--config", config.string()});
  EXPECT_EQ(made.exit_status, 0);
  EXPECT_EQ(made.err, "smapi-mock plugin-dir: warning: config: $.methods.Plugin.ls[0].http_status: for HTTP (serve) "
                      "only; an exec plugin (plugin-dir) ignores it\n");
}

// Every script of the IDL present does not change what smapi-conform makes
// of either plugin (it judges the Plugin interface).
TEST_F(ExecTree, SmapiConformJudgesEachPluginConformant) {
  for (const fs::path& dir : {volume_, datapath_}) {
    const testing::ScriptRun r = testing::run_script(SMAPI_BIN_DIR "/smapi-conform", "", root_,
                                                     {"run", "--target", "exec:" + dir.string()});
    EXPECT_EQ(r.exit_status, 0) << dir << "\n" << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("verdict: conformant")) << dir;
  }
}

// A call that changes nothing (SR.ls, Volume.stat, ...) leaves the file
// alone: no write, no fsync, the same inode.
TEST_F(ExecTree, AReadOnlyCallDoesNotRewriteTheStateFile) {
  make_sr();
  struct stat before {};
  ASSERT_EQ(::stat(state_file().c_str(), &before), 0);
  ok("SR.ls", {{"sr", kSr}});
  ok("SR.stat", {{"sr", kSr}});
  struct stat after {};
  ASSERT_EQ(::stat(state_file().c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, before.st_ino);
  ok("Volume.create", volume_args());
  ASSERT_EQ(::stat(state_file().c_str(), &after), 0);
  EXPECT_NE(after.st_ino, before.st_ino);  // replaced by a rename
}

TEST_F(ExecTree, ScriptsWantJsonLikeTheBindings) {
  const testing::ScriptRun r = testing::run_script(script("SR.ls"), R"({"dbg":"x","sr":"s"})", root_, {});
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, StartsWith("usage: SR.ls [-h] -j\n"));
}

TEST_F(ExecTree, PluginQueryStillAnswersInBothDirectories) {
  const testing::ScriptRun v = testing::run_script(volume_ / "Plugin.Query", R"({"dbg":"x"})", root_);
  EXPECT_EQ(v.exit_status, 0) << v.err;
  EXPECT_EQ(json::parse(v.out).at("plugin"), "mock");
  const testing::ScriptRun d = testing::run_script(datapath_ / "Plugin.Query", R"({"dbg":"register"})", root_);
  EXPECT_EQ(d.exit_status, 0) << d.err;
  EXPECT_EQ(json::parse(d.out).at("plugin"), "mock");
}

}  // namespace
}  // namespace smapi::mock
