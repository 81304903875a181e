#include "harness/sarif_paths.h"

#include "harness/run_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace smapi::harness {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

TEST(PathUnder, RelativeWithSlashesOrNothing) {
  EXPECT_EQ(path_under("/repo/volume/org.x", "/repo"), "volume/org.x");
  EXPECT_EQ(path_under("/repo", "/repo"), "");
  EXPECT_EQ(path_under("/elsewhere/org.x", "/repo"), std::nullopt);
  EXPECT_EQ(path_under("/repository/org.x", "/repo"), std::nullopt);
}

// A vendor repository: repo/volume/org.xen.xapi.storage.foo with
// Plugin.Query a file and Plugin.diagnostics a link to repo/lib/plugin.py.
class ExecSourcePathsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "smapi-sarif-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    top_ = fs::canonical(pattern);
    repo_ = top_ / "repo";
    plugin_ = repo_ / "volume" / "org.xen.xapi.storage.foo";
    fs::create_directories(plugin_);
    fs::create_directories(repo_ / "lib");
    std::ofstream(plugin_ / "Plugin.Query") << "#!/bin/sh\n";
    std::ofstream(repo_ / "lib" / "plugin.py") << "#!/bin/sh\n";
    fs::create_symlink("../../lib/plugin.py", plugin_ / "Plugin.diagnostics");
  }
  void TearDown() override { fs::remove_all(top_); }

  fs::path top_, repo_, plugin_;
  const std::vector<std::string> files_{"Plugin.Query", "Plugin.diagnostics"};
};

TEST_F(ExecSourcePathsTest, DefaultRootIsTheWorkingDirectoryHoldingThePlugin) {
  const auto paths = exec_source_paths(plugin_, files_, std::nullopt, repo_);
  EXPECT_EQ(paths.dir, "volume/org.xen.xapi.storage.foo");
  // Code scanning shows nothing on a link: the finding goes to the file it names.
  EXPECT_EQ(paths.resolved, (std::map<std::string, std::string>{{"Plugin.diagnostics", "lib/plugin.py"}}));
}

TEST_F(ExecSourcePathsTest, APluginOutsideTheWorkingDirectoryIsRelativeToItsParent) {
  fs::create_directories(top_ / "elsewhere");
  const auto paths = exec_source_paths(plugin_, files_, std::nullopt, top_ / "elsewhere");
  EXPECT_EQ(paths.dir, "org.xen.xapi.storage.foo");
  EXPECT_TRUE(paths.resolved.empty());  // the link's target is outside that root
}

TEST_F(ExecSourcePathsTest, AGivenRootMustHoldThePlugin) {
  EXPECT_EQ(exec_source_paths(plugin_, files_, repo_ / "volume", top_).dir, "org.xen.xapi.storage.foo");
  EXPECT_EQ(exec_source_paths(plugin_, files_, plugin_, top_).dir, "");
  fs::create_directories(top_ / "other");
  try {
    exec_source_paths(plugin_, files_, top_ / "other", top_);
    ADD_FAILURE() << "no usage error";
  } catch (const UsageError& error) {
    EXPECT_THAT(error.what(), HasSubstr("--sarif-root: the plugin directory "));
    EXPECT_THAT(error.what(), HasSubstr(" is not under "));
  }
  EXPECT_THROW(exec_source_paths(plugin_, files_, top_ / "missing", top_), UsageError);
}

TEST(HttpSourceDir, NamesHostAndPortOrTheSocketWithoutAScheme) {
  HttpEndpoint tcp;
  tcp.host = "127.0.0.1";
  tcp.port = "8080";
  EXPECT_EQ(http_source_dir(tcp), "http/127.0.0.1/8080");
  HttpEndpoint unix_socket;
  unix_socket.unix_socket = "/run/sm/../plugin.sock";
  EXPECT_EQ(http_source_dir(unix_socket), "unix/run/plugin.sock");
}

}  // namespace
}  // namespace smapi::harness
