#include "mock_plugin/exec_mode.h"

#include "contract/json_text.h"
#include "mock_plugin/plugin_dir.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace smapi::mock {
namespace {

namespace fs = std::filesystem;
using contract::Method;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::string kQueryLine = contract::to_compact_json(default_query_result(PluginKind::volume)) + "\n";

// ---- the pure part ----

TEST(ExecMethodFor, MatchesScriptNamesCaseInsensitively) {
  EXPECT_EQ(exec_method_for("/x/Plugin.Query"), Method::query);
  EXPECT_EQ(exec_method_for("plugin.LS"), Method::ls);
  EXPECT_EQ(exec_method_for("/a/b/Plugin.diagnostics"), Method::diagnostics);
  EXPECT_EQ(exec_method_for("/x/smapi-mock"), std::nullopt);
  EXPECT_EQ(exec_method_for("/Plugin.Query/smapi-mock"), std::nullopt);
}

TEST(AnswerExec, ResultIsCompactJsonAndNewline) {
  ExecOutput out = answer_exec(default_config(), Method::query, R"({"dbg":"x"})");
  EXPECT_EQ(out.exit_status, 0);
  EXPECT_EQ(out.stdout_text, kQueryLine);
}

TEST(AnswerExec, ExtraKeysIgnored) {
  ExecOutput out = answer_exec(default_config(), Method::ls, R"({"dbg":"d","extra":1})");
  EXPECT_EQ(out.exit_status, 0);
  EXPECT_EQ(out.stdout_text, "[]\n");
}

TEST(AnswerExec, Unimplemented) {
  MockConfig c = default_config();
  c.answer(Method::ls) = Answer::make_unimplemented();
  ExecOutput out = answer_exec(c, Method::ls, R"({"dbg":"x"})");
  EXPECT_EQ(out.exit_status, 1);
  EXPECT_EQ(out.stdout_text,
            R"({"code":"SR_BACKEND_FAILURE","params":["Unimplemented","Plugin.ls"],)"
            R"("backtrace":{"error":"Plugin.ls","files":[],"lines":[]}})" "\n");
}

TEST(AnswerExec, ConfiguredError) {
  MockConfig c = default_config();
  c.answer(Method::diagnostics) = Answer::make_error("SR_BACKEND_FAILURE", {"Backend_error", "down"});
  ExecOutput out = answer_exec(c, Method::diagnostics, R"({"dbg":"x"})");
  EXPECT_EQ(out.exit_status, 1);
  EXPECT_EQ(out.stdout_text,
            R"({"code":"SR_BACKEND_FAILURE","params":["Backend_error","down"],)"
            R"("backtrace":{"error":"down","files":[],"lines":[]}})" "\n");
}

std::string params_of(const ExecOutput& out) {
  auto parsed = contract::parse_one_json_value(out.stdout_text);
  EXPECT_TRUE(parsed.value) << out.stdout_text;
  if (!parsed.value) return {};
  EXPECT_EQ(parsed.value->at("code"), "SR_BACKEND_FAILURE");
  return contract::to_compact_json(parsed.value->at("params"));
}

TEST(AnswerExec, BadArgumentsAsTheGeneratedBindingsSay) {
  const MockConfig c = default_config();
  ExecOutput missing = answer_exec(c, Method::query, "{}");
  EXPECT_EQ(missing.exit_status, 1);
  EXPECT_EQ(params_of(missing),
            R"(["UnmarshalException","UnmarshalException thing=argument missing ty=dbg desc="])");
  EXPECT_EQ(params_of(answer_exec(c, Method::query, R"({"dbg":5})")),
            R"(["TypeError","TypeError expected=string actual=5"])");
  EXPECT_EQ(params_of(answer_exec(c, Method::query, R"({"dbg":null})")),
            R"(["TypeError","TypeError expected=string actual=None"])");
  EXPECT_EQ(params_of(answer_exec(c, Method::query, R"({"dbg":[true,"a'b"]})")),
            R"(["TypeError","TypeError expected=string actual=[True, 'a\\'b']"])");
  EXPECT_EQ(params_of(answer_exec(c, Method::query, R"(["debug"])")),
            R"(["TypeError","TypeError expected=dict actual=['debug']"])");
}

TEST(AnswerExec, BadStdinIsAWellFormedError) {
  const MockConfig c = default_config();
  ExecOutput bad = answer_exec(c, Method::query, R"({"dbg": )");
  EXPECT_EQ(bad.exit_status, 1);
  EXPECT_THAT(params_of(bad), StartsWith(R"(["UnmarshalException","UnmarshalException thing=stdin ty=json desc=invalid JSON)"));
  EXPECT_EQ(params_of(answer_exec(c, Method::query, "")),
            R"(["UnmarshalException","UnmarshalException thing=stdin ty=json desc=empty stdin"])");
  EXPECT_EQ(params_of(answer_exec(c, Method::query, std::string(kMaxExecStdinBytes + 1, ' '))),
            R"(["UnmarshalException","UnmarshalException thing=stdin ty=json desc=more than 1048576 bytes"])");
}

// ---- faults (config v2 rules) ----

MockConfig rules_config(std::string_view text) {
  ConfigLoad load = parse_config(text);
  EXPECT_TRUE(load.config.has_value()) << load.error;
  return load.config.value_or(MockConfig{});
}

TEST(AnswerExecFaults, FieldEditsApplyToTheResultOrTheErrorObject) {
  ExecOutput q = answer_exec(rules_config(R"({"methods":{"Plugin.query":[{"remove_field":"vendor"}]}})"),
                             Method::query, R"({"dbg":"x"})");
  EXPECT_EQ(q.exit_status, 0);
  EXPECT_THAT(q.stdout_text, ::testing::Not(HasSubstr("\"vendor\"")));
  EXPECT_THAT(q.stdout_text, HasSubstr("\"copyright\""));
  ExecOutput ls = answer_exec(
      rules_config(R"({"methods":{"Plugin.ls":[{"unimplemented":true,"remove_field":"backtrace"}]}})"),
      Method::ls, R"({"dbg":"x"})");
  EXPECT_EQ(ls.exit_status, 1);
  EXPECT_EQ(ls.stdout_text, R"({"code":"SR_BACKEND_FAILURE","params":["Unimplemented","Plugin.ls"]})" "\n");
}

TEST(AnswerExecFaults, BodyFaultsManglestdout) {
  auto ls = [](std::string_view rule) {
    return answer_exec(rules_config(R"({"methods":{"Plugin.ls":[)" + std::string(rule) + "]}}"),
                       Method::ls, R"({"dbg":"x"})");
  };
  EXPECT_EQ(ls(R"({"body":"trailing_garbage"})").stdout_text, "[]\n{\"smapi-mock\":\"trailing value\"}\n");
  EXPECT_EQ(ls(R"({"body":"truncated","result":["sr1"]})").stdout_text, "[\"s\n");  // 7 bytes -> 3
  EXPECT_EQ(ls(R"({"body":"garbage"})").stdout_text, "smapi-mock garbage: )( this is not a reply\n");
  EXPECT_EQ(ls(R"({"body":"empty"})").stdout_text, "");
  EXPECT_EQ(ls(R"({"no_output":true})").stdout_text, "");
  EXPECT_EQ(ls(R"({"close":true})").stdout_text, "");
  // HTTP-only faults leave exec output alone.
  EXPECT_EQ(ls(R"({"body":"wrong_id","http_status":500})").stdout_text, "[]\n");
}

TEST(AnswerExecFaults, ExitCodeReplacesTheStatusAndProcessFaultsAreHandedOn) {
  ExecOutput out = answer_exec(
      rules_config(R"({"methods":{"Plugin.ls":[{"unimplemented":true,"exit_code":0,"stderr":"e","signal":9}]}})"),
      Method::ls, R"({"dbg":"x"})");
  EXPECT_EQ(out.exit_status, 0);
  EXPECT_THAT(out.stdout_text, StartsWith(R"({"code":"SR_BACKEND_FAILURE")"));
  EXPECT_EQ(out.fault.stderr_text, "e");
  EXPECT_EQ(out.fault.signal, 9);
}

// ---- the real binary, run as a plugin directory ----

struct ShellRun {
  std::string out;
  std::string err;
  int status = -1;
};

class ExecBinary : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("smapi-mock-exec-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    use_dir(root_ / "volume" / "org.xen.xapi.storage.mock");
  }
  void TearDown() override { fs::remove_all(root_); }

  // Makes `dir` (not yet made) the plugin directory of the test.
  void use_dir(const fs::path& dir) {
    dir_ = dir;
    fs::create_directories(dir_.parent_path());
  }

  static std::string binary() { return SMAPI_BIN_DIR "/smapi-mock"; }

  ShellRun sh(const std::string& command) {
    const std::string err_file = (dir_.parent_path() / (dir_.filename().string() + ".stderr")).string();
    ShellRun r;
    FILE* p = ::popen(("(" + command + ") 2>'" + err_file + "'").c_str(), "r");
    if (p == nullptr) return r;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    int status = ::pclose(p);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream e(err_file);
    std::stringstream ss;
    ss << e.rdbuf();
    r.err = ss.str();
    fs::remove(err_file);
    return r;
  }

  void make_dir(const std::string& extra = "") {
    ShellRun r = sh("'" + binary() + "' plugin-dir '" + dir_.string() + "'" + extra);
    ASSERT_EQ(r.status, 0) << r.err;
    ASSERT_EQ(r.out, dir_.string() + "\n");
  }

  ShellRun call(const std::string& script, const std::string& stdin_text, const std::string& flags = " --json") {
    return sh("printf '%s' '" + stdin_text + "' | '" + (dir_ / script).string() + "'" + flags);
  }

  fs::path root_;
  fs::path dir_;
};

TEST_F(ExecBinary, PluginDirHasConfigAndThreeLinks) {
  make_dir();
  for (const char* s : {"Plugin.Query", "Plugin.ls", "Plugin.diagnostics"}) {
    EXPECT_TRUE(fs::is_symlink(dir_ / s)) << s;
    EXPECT_EQ(fs::read_symlink(dir_ / s), fs::canonical(binary())) << s;
  }
  EXPECT_TRUE(fs::is_regular_file(dir_ / ".smapi-mock.json"));
}

TEST_F(ExecBinary, QueryResult) {
  make_dir();
  ShellRun r = call("Plugin.Query", R"({"dbg":"x"})");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, kQueryLine);
  EXPECT_EQ(r.err, "");
  ShellRun j = call("Plugin.diagnostics", R"({"dbg":"x"})", " -j");
  EXPECT_EQ(j.status, 0);
  EXPECT_EQ(j.out, "\"smapi-mock: no diagnostic data to report\"\n");
}

TEST_F(ExecBinary, UnimplementedFromConfig) {
  make_dir(" --config '" SMAPI_SOURCE_DIR "/fixtures/mock-configs/ls-unimplemented.json'");
  ShellRun r = call("Plugin.ls", R"({"dbg":"x"})");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out,
            R"({"code":"SR_BACKEND_FAILURE","params":["Unimplemented","Plugin.ls"],)"
            R"("backtrace":{"error":"Plugin.ls","files":[],"lines":[]}})" "\n");
}

TEST_F(ExecBinary, KindFlagPicksDatapathDefaults) {
  use_dir(root_ / "datapath" / "tapdisk");
  make_dir(" --kind datapath");
  ShellRun r = call("Plugin.Query", R"({"dbg":"register"})");
  EXPECT_EQ(r.status, 0);
  auto expected = default_query_result(PluginKind::datapath);
  expected.as_object()["plugin"] = "tapdisk";  // a datapath plugin: its directory's own name
  EXPECT_EQ(r.out, contract::to_compact_json(expected) + "\n");
}

// The "plugin" of a Plugin.Query answer.
std::string plugin_of(const ShellRun& r) {
  const auto value = boost::json::parse(r.out);
  return std::string(value.at("plugin").as_string());
}

TEST_F(ExecBinary, ThePluginIsNamedAfterItsDirectory) {
  use_dir(root_ / "volume" / "org.xen.xapi.storage.foo");
  make_dir();
  EXPECT_EQ(plugin_of(call("Plugin.Query", R"({"dbg":"x"})")), "foo");
  use_dir(root_ / "elsewhere" / "bar");
  make_dir();
  EXPECT_EQ(plugin_of(call("Plugin.Query", R"({"dbg":"x"})")), "bar");
}

TEST_F(ExecBinary, AConfigsOwnQueryAnswerKeepsItsPlugin) {
  use_dir(root_ / "volume" / "org.xen.xapi.storage.foo");
  const fs::path config = root_ / "config.json";
  std::ofstream(config) << R"({"methods":{"Plugin.query":{"result":{"plugin":"other"}}}})";
  make_dir(" --config '" + config.string() + "'");
  EXPECT_EQ(plugin_of(call("Plugin.Query", R"({"dbg":"x"})")), "other");
}

TEST_F(ExecBinary, WithoutAQueryAnswerInItsConfigExecModeNamesThePluginAfterTheDirectory) {
  use_dir(root_ / "volume" / "org.xen.xapi.storage.foo");
  make_dir();
  // A config written by hand, without a Plugin.query answer.
  std::ofstream(dir_ / kExecConfigFileName) << R"({"methods":{"Plugin.ls":{"unimplemented":true}}})";
  EXPECT_EQ(plugin_of(call("Plugin.Query", R"({"dbg":"x"})")), "foo");
  // No config at all: the built-in defaults.
  fs::remove(dir_ / kExecConfigFileName);
  EXPECT_EQ(plugin_of(call("Plugin.Query", R"({"dbg":"x"})")), "foo");
}

TEST_F(ExecBinary, BadJson) {
  make_dir();
  ShellRun r = call("Plugin.Query", R"({"dbg": )");
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.out, StartsWith(R"({"code":"SR_BACKEND_FAILURE","params":["UnmarshalException","UnmarshalException thing=stdin ty=json desc=invalid JSON)"));
  EXPECT_EQ(r.out.back(), '\n');
}

TEST_F(ExecBinary, MissingJsonFlagIsAUsageError) {
  make_dir();
  ShellRun r = call("Plugin.Query", R"({"dbg":"x"})", "");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, StartsWith("usage: Plugin.Query [-h] -j\n"));
  ShellRun bad = call("Plugin.Query", R"({"dbg":"x"})", " --jsn");
  EXPECT_EQ(bad.status, 2);
  EXPECT_THAT(bad.err, HasSubstr("unrecognized argument '--jsn'"));
}

TEST_F(ExecBinary, BrokenConfigIsReportedAsAnExecError) {
  make_dir();
  std::ofstream(dir_ / ".smapi-mock.json") << R"({"methodz":{}})";
  ShellRun r = call("Plugin.Query", R"({"dbg":"x"})");
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.out, StartsWith(R"({"code":"SR_BACKEND_FAILURE","params":["MockConfigError","config: )"));
  EXPECT_THAT(r.err, HasSubstr("unknown key $.methodz"));
}

TEST_F(ExecBinary, RerunOverAMockDirIsFineButOtherFilesAreRefused) {
  make_dir();
  make_dir(" --kind datapath");
  std::ofstream(dir_ / "plugin.ls") << "#!/bin/sh\n";
  ShellRun r = sh("'" + binary() + "' plugin-dir '" + dir_.string() + "'");
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr((dir_ / "plugin.ls").string() + " would clash with Plugin.ls"));
}

TEST_F(ExecBinary, SequencesCarryAcrossProcessesThroughTheStateFile) {
  const fs::path config = dir_.parent_path() / (dir_.filename().string() + ".json");
  std::ofstream(config) << R"({"methods":{"Plugin.ls":[{"sequence":[{"unimplemented":true},{}],"then":"cycle"}]}})";
  make_dir(" --config '" + config.string() + "'");
  EXPECT_EQ(call("Plugin.ls", R"({"dbg":"x"})").status, 1);
  EXPECT_EQ(call("Plugin.ls", R"({"dbg":"x"})").status, 0);
  EXPECT_EQ(call("Plugin.ls", R"({"dbg":"x"})").status, 1);
  EXPECT_TRUE(fs::exists(dir_ / kExecStateFileName));
  // plugin-dir again starts the sequence again.
  make_dir(" --config '" + config.string() + "'");
  EXPECT_FALSE(fs::exists(dir_ / kExecStateFileName));
  EXPECT_EQ(call("Plugin.ls", R"({"dbg":"x"})").status, 1);
  fs::remove(config);
}

TEST_F(ExecBinary, AChangedConfigStartsTheRulesAgain) {
  const fs::path config = dir_.parent_path() / (dir_.filename().string() + ".json");
  std::ofstream(config) << R"({"methods":{"Plugin.ls":[{"times":1,"unimplemented":true}]}})";
  make_dir(" --config '" + config.string() + "'");
  EXPECT_EQ(call("Plugin.ls", R"({"dbg":"x"})").status, 1);
  EXPECT_EQ(call("Plugin.ls", R"({"dbg":"x"})").status, 0);
  // Edited in place (no plugin-dir re-run): the state no longer fits.
  std::ofstream(dir_ / kExecConfigFileName) << R"({"methods":{"Plugin.ls":[{"times":1,"error":{"code":"X"}}]}})";
  ShellRun first = call("Plugin.ls", R"({"dbg":"x"})");
  EXPECT_EQ(first.status, 1);
  EXPECT_THAT(first.out, StartsWith(R"({"code":"X")"));
  EXPECT_EQ(call("Plugin.ls", R"({"dbg":"x"})").status, 0);
  fs::remove(config);
}

// The state file also holds the storage now, so one that is not a state file
// is refused by name rather than silently started again.
TEST_F(ExecBinary, ACorruptStateFileFailsARuledCallNamingIt) {
  const fs::path config = dir_.parent_path() / (dir_.filename().string() + ".json");
  std::ofstream(config) << R"({"methods":{"Plugin.ls":[{"times":1,"unimplemented":true}]}})";
  make_dir(" --config '" + config.string() + "'");
  std::ofstream(dir_ / kExecStateFileName) << "{\"engines\":";
  ShellRun r = call("Plugin.ls", R"({"dbg":"x"})");
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.out, StartsWith(R"({"code":"SR_BACKEND_FAILURE","params":["MockStateError",")" +
                                (dir_ / kExecStateFileName).string() + ": not a state file smapi-mock wrote"));
  EXPECT_THAT(r.err, HasSubstr((dir_ / kExecStateFileName).string()));
  fs::remove(config);
}

TEST_F(ExecBinary, StderrThenAnswerThenSignal) {
  const fs::path config = dir_.parent_path() / (dir_.filename().string() + ".json");
  std::ofstream(config) << R"({"methods":{"Plugin.ls":[{"stderr":"boom\n","signal":"SIGKILL"}]}})";
  make_dir(" --config '" + config.string() + "'");
  ShellRun r = sh("printf '%s' '{\"dbg\":\"x\"}' | '" + (dir_ / "Plugin.ls").string() + "' --json; echo \"status=$?\"");
  EXPECT_EQ(r.out, "[]\nstatus=137\n");
  EXPECT_THAT(r.err, StartsWith("boom\n"));  // then the shell's "Killed"
  fs::remove(config);
}

}  // namespace
}  // namespace smapi::mock
