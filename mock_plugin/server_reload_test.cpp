#include "mock_plugin/server_reload.h"

#include <boost/asio/io_context.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <vector>

namespace smapi::mock {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

// Longest the test waits for a change to be picked up before failing.
constexpr auto kPickUpDeadline = 5s;

class ConfigWatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("smapi-mock-reload-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".json"))
                .string();
    write(R"({"methods":{"Plugin.ls":{"result":["first"]}}})");
    ConfigReloadSettings s;
    s.path = path_;
    s.poll = 10ms;
    watcher_.emplace(ioc_, s, [this](MockConfig c) { applied_.push_back(std::move(c)); },
                     [this](std::string_view line) { log_.emplace_back(line); });
    watcher_->start();
  }
  void TearDown() override {
    watcher_.reset();
    std::filesystem::remove(path_);
  }
  // Replaces the file at once (write aside, then rename), as careful tools do,
  // so the watcher never sees it half written.
  void write(const std::string& text) {
    const std::string aside = path_ + ".new";
    std::ofstream(aside, std::ios::trunc) << text;
    std::filesystem::rename(aside, path_);
  }
  // Runs the io_context until pred holds or the deadline passes.
  template <class Pred>
  bool run_until(Pred pred) {
    const auto end = std::chrono::steady_clock::now() + kPickUpDeadline;
    while (!pred() && std::chrono::steady_clock::now() < end) {
      ioc_.restart();
      ioc_.run_for(10ms);
    }
    return pred();
  }
  static boost::json::value ls_result(const MockConfig& c) { return c.answer(contract::Method::ls).result; }

  boost::asio::io_context ioc_;
  std::string path_;
  std::optional<ConfigWatcher> watcher_;
  std::vector<MockConfig> applied_;
  std::vector<std::string> log_;
};

TEST_F(ConfigWatcherTest, AChangedFileIsReloaded) {
  write(R"({"methods":{"Plugin.ls":{"result":["second one"]}}})");
  ASSERT_TRUE(run_until([&] { return !applied_.empty(); }));
  EXPECT_EQ(ls_result(applied_.back()), (boost::json::array{"second one"}));
  EXPECT_THAT(log_.back(), HasSubstr("config reloaded from " + path_ + " (the file changed)"));
}

TEST_F(ConfigWatcherTest, ABadFileIsLoggedAndNotApplied) {
  write(R"({"methodz":{}})");
  ASSERT_TRUE(run_until([&] { return !log_.empty(); }));
  EXPECT_TRUE(applied_.empty());
  EXPECT_THAT(log_.back(), HasSubstr("config reload (the file changed) failed: config: "));
  EXPECT_THAT(log_.back(), HasSubstr("unknown key $.methodz"));
  EXPECT_THAT(log_.back(), HasSubstr("keeping the previous config"));
  write(R"({"methods":{"Plugin.ls":{"result":["fixed"]}}})");
  ASSERT_TRUE(run_until([&] { return !applied_.empty(); }));
  EXPECT_EQ(ls_result(applied_.back()), (boost::json::array{"fixed"}));
}

TEST_F(ConfigWatcherTest, AMissingFileKeepsTheConfigAndItsReturnIsReloaded) {
  std::filesystem::remove(path_);
  ASSERT_TRUE(run_until([&] { return !log_.empty(); }));
  EXPECT_THAT(log_.back(), HasSubstr("is gone"));
  EXPECT_TRUE(applied_.empty());
  write(R"({"methods":{"Plugin.ls":{"result":["back"]}}})");
  ASSERT_TRUE(run_until([&] { return !applied_.empty(); }));
  EXPECT_EQ(ls_result(applied_.back()), (boost::json::array{"back"}));
}

TEST_F(ConfigWatcherTest, ReloadOnRequestReadsTheFileEvenIfUnchanged) {
  watcher_->reload("SIGHUP");
  ASSERT_EQ(applied_.size(), 1u);
  EXPECT_EQ(ls_result(applied_.back()), (boost::json::array{"first"}));
  EXPECT_THAT(log_.back(), HasSubstr("(SIGHUP)"));
}

TEST_F(ConfigWatcherTest, StoppedWatcherReloadsNothing) {
  watcher_->stop();
  write(R"({"methods":{"Plugin.ls":{"result":["ignored, stopped"]}}})");
  ioc_.restart();
  ioc_.run_for(100ms);
  EXPECT_TRUE(applied_.empty());
}

}  // namespace
}  // namespace smapi::mock
