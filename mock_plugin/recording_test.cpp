#include "mock_plugin/recording.h"
#include "mock_plugin/test_scratch_dir.h"

#include "mock_plugin/plugin_dir.h"
#include "mock_plugin/record_client.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace smapi::mock {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> methods_of(const std::vector<PlannedCall>& calls) {
  std::vector<std::string> methods;
  for (const PlannedCall& call : calls) methods.push_back(call.method);
  return methods;
}

RecordedCall recorded(std::string method, json::object args, contract::Reply reply) {
  args["dbg"] = kRecordDbg;
  return {{std::move(method), std::move(args)}, std::move(reply)};
}

TEST(Recording, OnlyReadOnlyMethodsAreRecordable) {
  for (std::string_view method : kRecordableMethods) EXPECT_TRUE(is_recordable(method)) << method;
  for (std::string_view method : {"SR.create", "SR.attach", "SR.detach", "SR.destroy", "Volume.create",
                                  "Volume.destroy", "Datapath.attach", "Data.copy", "plugin.query", ""})
    EXPECT_FALSE(is_recordable(method)) << method;
}

TEST(Recording, AClientRefusesAMethodThatChangesAnything) {
  // The directory need not exist: the refusal comes before any call.
  const auto client = exec_record_client("/nonexistent-plugin", {});
  EXPECT_THROW(client->call({"SR.destroy", json::object{{"dbg", "x"}, {"sr", "sr1"}}}), std::logic_error);
  EXPECT_THROW(client->call({"Volume.create", json::object{{"dbg", "x"}}}), std::logic_error);
}

TEST(Recording, PluginCallsCarryTheRecordDbg) {
  const auto calls = plugin_calls();
  EXPECT_THAT(methods_of(calls), ElementsAre("Plugin.query", "Plugin.ls", "Plugin.diagnostics"));
  for (const PlannedCall& call : calls) EXPECT_EQ(call.args.at("dbg"), json::value(kRecordDbg));
}

TEST(Recording, StatsAndListsEveryListedSrOnceThenProbes) {
  const json::value listed = json::parse(R"(["sr1", 7, "sr2", "sr1"])");
  std::vector<std::string> skipped;
  const auto calls = sr_calls(&listed, {"sr2", "sr3"}, {"file:///x", "file:///x"}, skipped);
  EXPECT_THAT(methods_of(calls), ElementsAre("SR.stat", "SR.ls", "SR.stat", "SR.ls", "SR.stat", "SR.ls", "SR.probe"));
  EXPECT_EQ(calls[0].args.at("sr"), "sr1");
  EXPECT_EQ(calls[2].args.at("sr"), "sr2");
  EXPECT_EQ(calls[4].args.at("sr"), "sr3");
  EXPECT_EQ(calls[6].args.at("configuration"), json::parse(R"({"uri":"file:///x"})"));
  EXPECT_TRUE(skipped.empty());
}

TEST(Recording, SrsPastTheLimitAreNamedNotCalled) {
  json::array listed;
  for (std::size_t i = 0; i < kMaxRecordedSrs + 2; ++i) listed.emplace_back("sr" + std::to_string(i));
  const json::value value(std::move(listed));
  std::vector<std::string> skipped;
  const auto calls = sr_calls(&value, {}, {}, skipped);
  EXPECT_EQ(calls.size(), 2 * kMaxRecordedSrs);
  ASSERT_EQ(skipped.size(), 2u);
  EXPECT_THAT(skipped[0], HasSubstr("SR sr64 not recorded"));
}

TEST(Recording, ConfigAnswersAsThePluginDid) {
  const std::vector<RecordedCall> calls{
      recorded("Plugin.query", {}, contract::result_reply(json::parse(R"({"plugin":"p"})"))),
      recorded("Plugin.ls", {},
               contract::error_reply({"SR_BACKEND_FAILURE", {"Unimplemented", "Plugin.ls"}, nullptr})),
      recorded("Plugin.diagnostics", {}, contract::error_reply({"SR_BACKEND_FAILURE", {"EIO", "disk"}, nullptr})),
      recorded("SR.stat", {{"sr", "sr1"}}, contract::result_reply(json::parse(R"({"sr":"sr1"})"))),
      recorded("SR.stat", {{"sr", "sr2"}}, contract::error_reply({"SR_BACKEND_FAILURE", {"gone"}, nullptr})),
  };
  const ConfigFromRecording made = config_from_recording(PluginKind::datapath, calls, contract::ErrorForm::exec);
  ASSERT_TRUE(made.problems.empty());
  EXPECT_EQ(json::value(made.config), json::parse(R"({"kind":"datapath","methods":{
      "Plugin.query":{"result":{"plugin":"p"}},
      "Plugin.ls":{"unimplemented":true},
      "Plugin.diagnostics":{"error":{"code":"SR_BACKEND_FAILURE","params":["EIO","disk"]}},
      "SR.stat":[{"result":{"sr":"sr1"},"match":{"sr":"sr1"}},
                 {"error":{"code":"SR_BACKEND_FAILURE","params":["gone"]},"match":{"sr":"sr2"}}]}})"));
}

TEST(Recording, AnUnimplementedInTheOtherTransportsFormIsAnError) {
  // rpclib's ["Unimplemented", M] arrives over HTTP as code Unimplemented; exec's
  // form over HTTP is just an error: each is kept as the transport gave it.
  const std::vector<RecordedCall> calls{
      recorded("Plugin.ls", {}, contract::error_reply({"SR_BACKEND_FAILURE", {"Unimplemented", "Plugin.ls"}, nullptr}))};
  const ConfigFromRecording made = config_from_recording(PluginKind::volume, calls, contract::ErrorForm::rpclib);
  EXPECT_EQ(made.config.at("methods").at("Plugin.ls"),
            json::parse(R"({"error":{"code":"SR_BACKEND_FAILURE","params":["Unimplemented","Plugin.ls"]}})"));
}

TEST(Recording, AnUnusableAnswerIsAProblemAndNoConfig) {
  const std::vector<RecordedCall> calls{
      recorded("Plugin.query", {}, contract::result_reply(json::object{})),
      recorded("Plugin.ls", {}, contract::malformed_reply("timed out after 30 s"))};
  const ConfigFromRecording made = config_from_recording(PluginKind::volume, calls, contract::ErrorForm::exec);
  ASSERT_EQ(made.problems.size(), 1u);
  EXPECT_EQ(made.problems[0].message, "Plugin.ls: no usable answer to record (timed out after 30 s)");
  EXPECT_TRUE(made.config.empty());
}

TEST(Recording, AMethodWithoutAScriptIsSaidToHaveNone) {
  std::vector<RecordedCall> calls{recorded("Plugin.query", {}, contract::result_reply(json::object{}))};
  calls.push_back({{"Plugin.ls", json::object{{"dbg", kRecordDbg}}}, std::nullopt});
  calls.push_back({{"SR.stat", json::object{{"dbg", kRecordDbg}, {"sr", "sr1"}}}, std::nullopt});
  calls.push_back({{"SR.stat", json::object{{"dbg", kRecordDbg}, {"sr", "sr2"}}}, std::nullopt});
  const ConfigFromRecording made = config_from_recording(PluginKind::volume, calls, contract::ErrorForm::exec);
  EXPECT_FALSE(made.config.at("methods").as_object().contains("Plugin.ls"));
  EXPECT_FALSE(made.config.at("methods").as_object().contains("SR.stat"));
  EXPECT_EQ(made.config.at("no_script"), json::parse(R"(["Plugin.ls", "SR.stat"])"));
  ASSERT_EQ(made.notes.size(), 2u);
  EXPECT_THAT(made.notes[0], HasSubstr("Plugin.ls: the plugin has no script for it"));
  // The mock loads it, and a plugin-dir of it lacks the same scripts.
  const ConfigLoad load = parse_config(json::serialize(made.config));
  ASSERT_TRUE(load.config) << load.error;
  EXPECT_THAT(load.config->no_script, ElementsAre("Plugin.ls", "SR.stat"));
}

TEST(Recording, TheScriptsADirectoryLacksAreNamedAsTheConfigNamesMethods) {
  std::vector<std::string> files;
  for (std::string_view script : plugin_scripts(PluginKind::volume)) files.emplace_back(script);
  std::erase(files, "Plugin.Query");
  std::erase(files, "Volume.snapshot");
  std::erase(files, "SR.stat");
  files.push_back("plugin.py");
  std::replace(files.begin(), files.end(), std::string("SR.ls"), std::string("sr.LS"));  // any case will do
  EXPECT_THAT(scripts_lacking(PluginKind::volume, files), ElementsAre("Plugin.query", "SR.stat", "Volume.snapshot"));
  EXPECT_TRUE(scripts_lacking(PluginKind::volume, {}).size() == plugin_scripts(PluginKind::volume).size());
}

TEST(Recording, TheScriptsTheDirectoryLacksGoToNoScriptOnce) {
  std::vector<RecordedCall> calls{recorded("Plugin.query", {}, contract::result_reply(json::object{}))};
  calls.push_back({{"Plugin.ls", json::object{{"dbg", kRecordDbg}}}, std::nullopt});
  const ConfigFromRecording made = config_from_recording(PluginKind::volume, calls, contract::ErrorForm::exec,
                                                         {"Plugin.ls", "SR.destroy", "Volume.snapshot"});
  EXPECT_EQ(made.config.at("no_script"), json::parse(R"(["Plugin.ls", "SR.destroy", "Volume.snapshot"])"));
  ASSERT_EQ(made.notes.size(), 1u);
  EXPECT_THAT(made.notes[0], HasSubstr("no script for Plugin.ls, SR.destroy, Volume.snapshot"));
  EXPECT_TRUE(parse_config(json::serialize(made.config)).config);
}

contract::Reply script_missing(std::string script) {
  return contract::error_reply(
      {"SCRIPT_MISSING", {std::move(script), "Check whether the file exists and has correct permissions"}, nullptr});
}

TEST(Recording, OverHttpServesSayingOfAMissingScriptIsRecordedBackAsNoScript) {
  const std::vector<RecordedCall> calls{
      recorded("Plugin.query", {}, script_missing("Plugin.Query")),
      recorded("SR.stat", {{"sr", "sr1"}}, script_missing("SR.stat")),
      recorded("SR.stat", {{"sr", "sr2"}}, script_missing("SR.stat")),
      // One SR.ls answered: the method has a script, the other call's error is just an error.
      recorded("SR.ls", {{"sr", "sr1"}}, script_missing("SR.ls")),
      recorded("SR.ls", {{"sr", "sr2"}}, contract::result_reply(json::array{})),
      // Another method's name: not serve's answer for this one.
      recorded("Plugin.diagnostics", {}, script_missing("Plugin.ls"))};
  const ConfigFromRecording http = config_from_recording(PluginKind::volume, calls, contract::ErrorForm::rpclib);
  ASSERT_TRUE(http.problems.empty());
  EXPECT_EQ(http.config.at("no_script"), json::parse(R"(["Plugin.query", "SR.stat"])"));
  const json::object& methods = http.config.at("methods").as_object();
  EXPECT_FALSE(methods.contains("Plugin.query"));
  EXPECT_FALSE(methods.contains("SR.stat"));
  EXPECT_EQ(methods.at("SR.ls").as_array().size(), 2u);
  EXPECT_EQ(methods.at("Plugin.diagnostics").at("error").at("code"), "SCRIPT_MISSING");
  EXPECT_TRUE(parse_config(json::serialize(http.config)).config);

  // An exec script that answers so exists: its answer is recorded as it is.
  const ConfigFromRecording exec = config_from_recording(PluginKind::volume, calls, contract::ErrorForm::exec);
  EXPECT_FALSE(exec.config.contains("no_script"));
  EXPECT_EQ(exec.config.at("methods").at("SR.stat").as_array().size(), 2u);
}

// A scratch plugin directory, removed at the end.
class ExecRecording : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = smapi::mock::testing::fresh_test_dir("smapi-mock-record-test");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void script(const std::string& name, const std::string& body) {
    std::ofstream(dir_ / name) << "#!/bin/sh\n" << body;
    fs::permissions(dir_ / name, fs::perms::owner_all);
  }
  fs::path dir_;
};

TEST_F(ExecRecording, WhatIsNoRegularFileIsNoScript) {
  // xapi-storage-script takes a directory or a dangling link for a missing script.
  script("plugin.QUERY", "echo '{\"plugin\":\"p\"}'\n");
  fs::create_directories(dir_ / "Plugin.ls");
  fs::create_symlink(dir_ / "gone", dir_ / "Plugin.diagnostics");
  const auto client = exec_record_client(dir_, {});
  const auto query = client->call(plugin_calls()[0]);
  ASSERT_TRUE(query);
  EXPECT_EQ(query->kind, contract::Reply::Kind::result);
  EXPECT_FALSE(client->call(plugin_calls()[1]));
  EXPECT_FALSE(client->call(plugin_calls()[2]));
  EXPECT_THAT(client->script_files().value(), ElementsAre("plugin.QUERY"));
  EXPECT_EQ(http_record_client("http://127.0.0.1:1/", RecordProtocol::jsonrpc, {})->script_files(), std::nullopt);
}

TEST_F(ExecRecording, OfScriptsNamedAlikeTheOneXapiRunsIsCalled) {
  script("plugin.ls", "echo '[\"lower\"]'\n");
  script("Plugin.LS", "echo '[\"least\"]'\n");
  const auto client = exec_record_client(dir_, {});
  EXPECT_EQ(client->call(plugin_calls()[1])->result, json::parse(R"(["least"])"));
  script("Plugin.ls", "echo '[\"exact\"]'\n");
  EXPECT_EQ(client->call(plugin_calls()[1])->result, json::parse(R"(["exact"])"));
}

}  // namespace
}  // namespace smapi::mock
