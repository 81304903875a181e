#pragma once
// Test support: the ExecTree fixture, a tree of exec plugins made by the real
// smapi-mock binary (plugin-dir --tree), its scripts run as
// xapi-storage-script runs them (exec_test_support.h), every result checked
// against the IDL's types. Shared by the tests of the mock as an exec plugin.

#include "contract/exec_codec.h"
#include "contract/json_text.h"
#include "mock_plugin/exec_mode.h"
#include "mock_plugin/exec_test_support.h"
#include "mock_plugin/storage/testing/idl_types.h"
#include "mock_plugin/test_scratch_dir.h"

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::mock::testing {

namespace fs = std::filesystem;
namespace json = boost::json;
using storage::testing::HasIdlResultType;

inline constexpr const char* kSr = "file:///srv/sr1";

// Volume.create's arguments for a small volume in kSr.
inline json::object volume_args() {
  return json::object{{"sr", kSr}, {"name", "v"}, {"description", ""}, {"size", 4096}, {"sharable", false}};
}

// A tree written by plugin-dir --tree in a scratch directory of its own, and
// calls of its scripts as xapi-storage-script makes them.
class ExecTree : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fresh_test_dir("smapi-mock-exec-tree");
    volume_ = root_ / "volume" / "org.xen.xapi.storage.mock";
    datapath_ = root_ / "datapath" / "mock";
    const ScriptRun made = run_script(binary(), "", root_, {"plugin-dir", "--tree", root_.string()});
    ASSERT_EQ(made.exit_status, 0) << made.err;
    ASSERT_EQ(made.out, volume_.string() + "\n" + datapath_.string() + "\n");
  }
  void TearDown() override { fs::remove_all(root_); }

  static fs::path binary() { return SMAPI_BIN_DIR "/smapi-mock"; }

  // The script of `method` in the directory xapi-storage-script calls it in.
  fs::path script(std::string_view method) const {
    const bool volume = method.rfind("SR.", 0) == 0 || method.rfind("Volume.", 0) == 0;
    return (volume ? volume_ : datapath_) / std::string(method);
  }
  ScriptRun run(std::string_view method, json::object args) const {
    args.emplace("dbg", "exec-test");
    return run_script(script(method), contract::to_compact_json(args), root_);
  }
  // Calls `method`, expecting exit 0 and a result of the IDL's type.
  json::value ok(std::string_view method, json::object args) const {
    const ScriptRun r = run(method, std::move(args));
    EXPECT_EQ(r.exit_status, 0) << method << ": " << r.out << r.err;
    const contract::Reply reply = contract::decode_exec_reply({contract::ExecExit::How::exited, r.exit_status}, r.out);
    if (reply.kind != contract::Reply::Kind::result) return nullptr;
    EXPECT_THAT(reply.result, HasIdlResultType(std::string(method))) << method;
    return reply.result;
  }
  // Calls `method`, expecting the exec error form and exit 1; its params.
  std::vector<std::string> error(std::string_view method, json::object args) const {
    const ScriptRun r = run(method, std::move(args));
    EXPECT_EQ(r.exit_status, 1) << method << ": " << r.out;
    const contract::Reply reply = contract::decode_exec_reply({contract::ExecExit::How::exited, r.exit_status}, r.out);
    EXPECT_EQ(reply.kind, contract::Reply::Kind::error) << method << ": " << r.out;
    EXPECT_TRUE(reply.envelope_findings.empty()) << method << ": " << r.out;
    EXPECT_EQ(reply.error.code, "SR_BACKEND_FAILURE");
    return reply.error.params;
  }
  // Makes the tree again with this config for both plugins.
  void remake(const std::string& config_text) const {
    const fs::path config = root_ / "config.json";
    std::ofstream(config, std::ios::trunc) << config_text;
    const ScriptRun made =
        run_script(binary(), "", root_, {"plugin-dir", "--tree", root_.string(), "--config", config.string()});
    ASSERT_EQ(made.exit_status, 0) << made.err;
  }
  void make_sr() const {
    ok("SR.create", {{"uuid", "u-1"}, {"configuration", {{"uri", kSr}}}, {"name", "sr"}, {"description", ""}});
    ok("SR.attach", {{"configuration", {{"uri", kSr}}}});
  }
  fs::path state_file() const { return volume_ / kExecStateFileName; }

  fs::path root_;
  fs::path volume_;
  fs::path datapath_;
};

}  // namespace smapi::mock::testing
