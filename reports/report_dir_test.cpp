#include "reports/report_dir.h"

#include "reports/test_support/sample_run.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <array>
#include <fstream>
#include <set>

namespace smapi::reports {
namespace {

using ::testing::HasSubstr;
using F = ReportFormat;

class ReportDir : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::set<std::string> files() const {
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir_)) names.insert(entry.path().filename().string());
    return names;
  }
  const std::filesystem::path dir_ =
      std::filesystem::temp_directory_path() /
      ("smapi-report-dir-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
       std::to_string(::getpid()));
};

TEST_F(ReportDir, PrepareCreatesTheDirectoryAndLeavesNothingBehind) {
  const auto nested = dir_ / "a" / "b";
  EXPECT_EQ(prepare_report_dir(nested), "");
  EXPECT_TRUE(std::filesystem::is_directory(nested));
  EXPECT_TRUE(std::filesystem::is_empty(nested));  // the write check's file is gone
}

TEST_F(ReportDir, PrepareSaysWhyADirectoryCannotTakeTheReports) {
  std::ofstream(dir_ / "file") << "x";
  EXPECT_EQ(prepare_report_dir(dir_ / "file"), "\"" + (dir_ / "file").string() + "\" is not a directory");
  EXPECT_THAT(prepare_report_dir(dir_ / "file" / "sub"),
              HasSubstr("cannot create \"" + (dir_ / "file" / "sub").string() + "\": "));
  // /proc/self is a directory no one can create files in, root included.
  EXPECT_THAT(prepare_report_dir("/proc/self"), HasSubstr("cannot write in \"/proc/self\": "));
}

// A run that wrote summary.md, then one that did not, left the first run's
// summary ("non-conformant") beside the second's report.json ("conformant").
TEST_F(ReportDir, WritingReportsRemovesTheOtherFormatsOfAnEarlierRunOnly) {
  const suites::RunResult run = testing::sample_run();
  const std::array catalogue{testing::kQueryFieldType};
  write_reports(run, catalogue, dir_, {F::json, F::markdown, F::tap});
  std::ofstream(dir_ / "notes.txt") << "mine";
  std::ofstream(dir_ / "report.json.bak") << "mine";
  std::filesystem::create_directory(dir_ / "report.sarif");  // not a file this tool wrote
  write_reports(run, catalogue, dir_, {F::json, F::junit});
  EXPECT_EQ(files(), (std::set<std::string>{"report.json", "junit.xml", "notes.txt", "report.json.bak",
                                            "report.sarif"}));
}

TEST_F(ReportDir, RemoveStaleReportsNamesWhatItRemoved) {
  std::ofstream(dir_ / "summary.md") << "old";
  std::ofstream(dir_ / "report.html") << "old";
  std::ofstream(dir_ / "target.txt") << "mine";
  std::filesystem::create_symlink(dir_ / "target.txt", dir_ / "report.tap");
  const auto removed = remove_stale_reports(dir_, {F::html});
  EXPECT_EQ(std::set<std::filesystem::path>(removed.begin(), removed.end()),
            (std::set<std::filesystem::path>{dir_ / "summary.md", dir_ / "report.tap"}));
  EXPECT_EQ(files(), (std::set<std::string>{"report.html", "target.txt"}));  // the link went, not its target
}

}  // namespace
}  // namespace smapi::reports
