#include "mock_plugin/exec_state_file.h"
#include "mock_plugin/test_scratch_dir.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace smapi::mock {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class StateFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = smapi::mock::testing::fresh_test_dir("smapi-mock-state-file-test");
    file_ = dir_ / "state.json";
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  // Stores `text` whatever was there.
  std::string put(const std::string& text, const StateWriteHook& hook = {}, StateFileLimits limits = {}) {
    return update_state_file(file_, limits, [&](const auto&) { return std::optional<std::string>(text); }, hook);
  }
  fs::path tmp() const { return fs::path(file_.string() + ".tmp"); }

  fs::path dir_;
  fs::path file_;
};

TEST_F(StateFile, NoFileIsNoStateThenTheUpdateIsStored) {
  bool saw_none = false;
  EXPECT_EQ(update_state_file(file_, {}, [&](const std::optional<std::string>& current) {
              saw_none = !current.has_value();
              return std::optional<std::string>("one");
            }),
            "");
  EXPECT_TRUE(saw_none);
  EXPECT_EQ(read(file_), "one");
  EXPECT_FALSE(fs::exists(tmp()));
  std::optional<std::string> seen;
  EXPECT_EQ(update_state_file(file_, {}, [&](const std::optional<std::string>& current) {
              seen = current;
              return std::optional<std::string>();
            }),
            "");
  EXPECT_EQ(seen, "one");
  EXPECT_EQ(read(file_), "one");  // nullopt: left as it was
}

// A write stopped before the rename leaves the old state whole and no
// temporary file; stopped after it, the new state is there.
TEST_F(StateFile, AWriteStoppedAtAnyStepLeavesTheOldStateOrTheNew) {
  ASSERT_EQ(put("old"), "");
  for (StateWriteStep stop : {StateWriteStep::temp_written, StateWriteStep::temp_synced}) {
    const std::string e = put("new", [&](StateWriteStep s) { return s != stop; });
    EXPECT_THAT(e, HasSubstr("write stopped after"));
    EXPECT_EQ(read(file_), "old");
    EXPECT_FALSE(fs::exists(tmp()));
  }
  EXPECT_THAT(put("new", [](StateWriteStep s) { return s != StateWriteStep::renamed; }),
              HasSubstr("write stopped after renaming"));
  EXPECT_EQ(read(file_), "new");
}

// A writer killed (SIGKILL) between writing the temporary file and renaming
// it: the old state survives, and the next call reads it and writes over the
// temporary file it left.
TEST_F(StateFile, AWriterKilledBeforeTheRenameLosesNothing) {
  ASSERT_EQ(put("{\"volumes\":1}"), "");
  for (StateWriteStep stop : {StateWriteStep::temp_written, StateWriteStep::temp_synced}) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      put("{\"volumes\":2,\"half", [&](StateWriteStep s) {
        if (s == stop) ::kill(::getpid(), SIGKILL);
        return true;
      });
      ::_exit(3);  // not reached
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(WTERMSIG(status), SIGKILL);
    EXPECT_EQ(read(file_), "{\"volumes\":1}");
    EXPECT_EQ(read(tmp()), "{\"volumes\":2,\"half");  // what the crash left
  }
  std::optional<std::string> seen;
  EXPECT_EQ(update_state_file(file_, {}, [&](const std::optional<std::string>& current) {
              seen = current;
              return std::optional<std::string>("{\"volumes\":2}");
            }),
            "");
  EXPECT_EQ(seen, "{\"volumes\":1}");
  EXPECT_EQ(read(file_), "{\"volumes\":2}");
  EXPECT_FALSE(fs::exists(tmp()));
}

TEST_F(StateFile, ConcurrentWritersLoseNoUpdate) {
  constexpr int kWriters = 8;
  constexpr int kEach = 25;
  ASSERT_EQ(put("0"), "");
  std::vector<pid_t> children;
  for (int w = 0; w < kWriters; ++w) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      for (int i = 0; i < kEach; ++i) {
        const std::string e = update_state_file(file_, {}, [](const std::optional<std::string>& current) {
          return std::optional<std::string>(std::to_string(std::stoi(current.value_or("0")) + 1));
        });
        if (!e.empty()) ::_exit(1);
      }
      ::_exit(0);
    }
    children.push_back(child);
  }
  for (pid_t child : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  EXPECT_EQ(read(file_), std::to_string(kWriters * kEach));
}

TEST_F(StateFile, AHeldLockTimesOutNamingTheLockFile) {
  const fs::path lock_path = file_.string() + ".lock";
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  StateFileLimits limits;
  limits.lock_timeout = std::chrono::milliseconds(50);
  bool called = false;
  const std::string e = update_state_file(file_, limits, [&](const auto&) {
    called = true;
    return std::optional<std::string>("x");
  });
  EXPECT_EQ(e, "cannot lock " + lock_path.string() + ": timed out after 50 ms (another call holds it)");
  EXPECT_FALSE(called);
  EXPECT_FALSE(fs::exists(file_));
  ::close(fd);
  EXPECT_EQ(put("x", {}, limits), "");
}

TEST_F(StateFile, SizeLimitsNameTheFileAndKeepTheOldState) {
  StateFileLimits limits;
  limits.max_bytes = 8;
  ASSERT_EQ(put("12345678", {}, limits), "");
  EXPECT_EQ(put("123456789", {}, limits),
            "the new state would be 9 bytes, more than the limit of 8 (kMaxExecStateBytes); " + file_.string() +
                " was kept");
  EXPECT_EQ(read(file_), "12345678");
  std::ofstream(file_) << "123456789";
  bool called = false;
  const std::string e = update_state_file(file_, limits, [&](const auto&) {
    called = true;
    return std::optional<std::string>("x");
  });
  EXPECT_EQ(e, file_.string() + " is larger than the state file limit of 8 bytes (kMaxExecStateBytes); "
                                "delete it to start again");
  EXPECT_FALSE(called);
}

TEST_F(StateFile, ALinkIsFollowedAndKept) {
  fs::create_directories(dir_ / "volume");
  fs::create_directories(dir_ / "datapath");
  const fs::path real = dir_ / "volume" / "state.json";
  const fs::path link = dir_ / "datapath" / "state.json";
  fs::create_symlink(fs::path("..") / "volume" / "state.json", link);  // dangling until the first write
  EXPECT_EQ(resolve_state_file(link), real);
  ASSERT_EQ(update_state_file(link, {}, [](const auto&) { return std::optional<std::string>("shared"); }), "");
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(read(real), "shared");
  EXPECT_TRUE(fs::exists(real.string() + ".lock"));
  EXPECT_FALSE(fs::exists(link.string() + ".lock"));
}

TEST_F(StateFile, ADirectoryThatCannotHoldTheLockIsAnErrorNamingIt) {
  const fs::path missing = dir_ / "gone" / "state.json";
  bool called = false;
  EXPECT_EQ(update_state_file(missing, {}, [&](const auto&) {
              called = true;
              return std::optional<std::string>("x");
            }),
            "cannot open " + missing.string() + ".lock: No such file or directory");
  EXPECT_FALSE(called);
}

}  // namespace
}  // namespace smapi::mock
