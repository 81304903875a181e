// What the exec target records about a plugin directory for xapi's view.

#include "harness/exec_target.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>

namespace smapi::harness {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class MethodFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("smapi-method-files-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void file(const std::string& name, bool executable) {
    fs::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name) << "#!/bin/sh\n";
    fs::permissions(dir_ / name, executable ? fs::perms::owner_all : fs::perms::owner_read | fs::perms::owner_write);
  }

  fs::path dir_;
};

TEST_F(MethodFilesTest, ListsTheExecutableMethodScriptsSorted) {
  file("Volume.clone", true);
  file("SR.attach", true);
  file("sr.LS", true);
  file("Plugin.Query", true);
  file("volume.py", true);          // what xcp-ng's Volume.* links point at: not a method script
  file("SR.set_name", true);        // a method xapi's view does not look for
  file("SR.detach", false);         // not executable
  file("README", true);
  fs::create_symlink(dir_ / "SR.attach", dir_ / "SR.stat");  // a link to a script counts
  fs::create_symlink(dir_ / "missing", dir_ / "SR.probe");   // a dangling one does not
  fs::create_directory(dir_ / "SR.create");                  // nor a directory
  EXPECT_THAT(list_method_files(dir_),
              ElementsAre("Plugin.Query", "SR.attach", "SR.stat", "Volume.clone", "sr.LS"));
}

TEST_F(MethodFilesTest, AnUnreadableDirectoryHasNone) {
  EXPECT_THAT(list_method_files(dir_ / "absent"), IsEmpty());
}

// A tree like xapi-storage-script's: the plugins are found one and two
// levels down; directories without method scripts, and deeper ones, are not.
TEST_F(MethodFilesTest, PluginDirectoriesBelowAParent) {
  file("volume/org.xen.xapi.storage.ext4/Plugin.Query", true);
  file("volume/org.xen.xapi.storage.gfs2/SR.attach", true);
  file("datapath/tapdisk/Datapath.attach", false);       // no executable method script
  file("datapath/raw/Plugin.diagnostics", true);
  file("docs/README", true);
  file("deep/er/still/Plugin.Query", true);               // three levels down
  file("direct/Plugin.ls", true);
  EXPECT_THAT(plugin_directories_below(dir_),
              ElementsAre(dir_ / "datapath/raw", dir_ / "direct", dir_ / "volume/org.xen.xapi.storage.ext4",
                          dir_ / "volume/org.xen.xapi.storage.gfs2"));
  EXPECT_THAT(plugin_directories_below(dir_ / "volume"),
              ElementsAre(dir_ / "volume/org.xen.xapi.storage.ext4", dir_ / "volume/org.xen.xapi.storage.gfs2"));
  EXPECT_THAT(plugin_directories_below(dir_ / "docs"), IsEmpty());
  EXPECT_THAT(plugin_directories_below(dir_ / "absent"), IsEmpty());
}

// An answer under --max-output that decodes past 4 x --max-output of memory
// (64 KiB of [0,0,...] at --max-output 64 KiB: 32 Ki values of 16 bytes and
// more) is over the output limit, and the call says why.
TEST_F(MethodFilesTest, AnAnswerPastTheDecodedMemoryLimitIsOverTheOutputLimit) {
  {
    std::ofstream script(dir_ / "Plugin.Query");
    script << "#!/bin/sh\ncat >/dev/null\nprintf '['\nhead -c 32000 /dev/zero | tr '\\000' '0' | sed 's/0/0,/g'\n"
              "printf '0]'\n";
  }
  fs::permissions(dir_ / "Plugin.Query", fs::perms::owner_all);
  ProcessLimits limits;
  limits.max_stdout_bytes = 64 * 1024;
  ExecTarget target(dir_, limits);
  const auto call = target.call_with_text(contract::Method::query, R"({"dbg":"t"})");
  EXPECT_LT(call.reply_bytes.size(), limits.max_stdout_bytes);
  EXPECT_EQ(call.delivery, suites::Delivery::output_limit) << call.reply.problem;
  EXPECT_THAT(call.delivery_detail, HasSubstr("takes more than 262144 bytes of memory"));
  EXPECT_THAT(call.delivery_detail, HasSubstr("4 x --max-output"));
}

}  // namespace
}  // namespace smapi::harness
