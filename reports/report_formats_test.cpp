#include "reports/report_formats.h"

#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/junit_report.h"
#include "reports/markdown_summary.h"
#include "reports/sarif_report.h"
#include "reports/tap_report.h"
#include "reports/test_support/sample_run.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <sstream>

namespace smapi::reports {
namespace {

using ::testing::ElementsAre;
using F = ReportFormat;

TEST(ReportFormats, ParsesListsInTheGivenOrderWithoutRepeats) {
  EXPECT_THAT(parse_format_list("json").formats, ElementsAre(F::json));
  EXPECT_THAT(parse_format_list("tap, json,tap").formats, ElementsAre(F::tap, F::json));
  EXPECT_THAT(parse_format_list("all").formats,
              ElementsAre(F::json, F::junit, F::html, F::markdown, F::tap, F::sarif));
  EXPECT_THAT(parse_format_list("sarif,all").formats,
              ElementsAre(F::sarif, F::json, F::junit, F::html, F::markdown, F::tap));
  EXPECT_THAT(default_report_formats(), ElementsAre(F::json, F::junit, F::html));
}

TEST(ReportFormats, RejectsUnknownAndEmptyNames) {
  EXPECT_EQ(parse_format_list("json,xml").error,
            "unknown format \"xml\" (expected json, junit, html, markdown, tap, sarif or all)");
  EXPECT_TRUE(parse_format_list("json,xml").formats.empty());
  EXPECT_EQ(parse_format_list("").error,
            "expected a comma-separated list of json, junit, html, markdown, tap, sarif or all, got \"\"");
  EXPECT_FALSE(parse_format_list("json,,tap").error.empty());
  EXPECT_FALSE(parse_format_list("JSON").error.empty());
}

TEST(ReportFormats, FixedFileNames) {
  EXPECT_EQ(format_file_name(F::json), "report.json");
  EXPECT_EQ(format_file_name(F::junit), "junit.xml");
  EXPECT_EQ(format_file_name(F::html), "report.html");
  EXPECT_EQ(format_file_name(F::markdown), "summary.md");
  EXPECT_EQ(format_file_name(F::tap), "report.tap");
  EXPECT_EQ(format_file_name(F::sarif), "report.sarif");
}

std::string contents(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ReportFormats, WritesEveryChosenFormatFromTheOneRun) {
  const auto dir = std::filesystem::temp_directory_path() / ("smapi-formats-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const suites::RunResult run = testing::sample_run();
  const std::array catalogue{testing::kQueryFieldType};
  const auto written = write_reports(run, catalogue, dir, parse_format_list("all").formats);
  ASSERT_EQ(written.size(), 6u);
  EXPECT_EQ(written[0], dir / "report.json");
  EXPECT_EQ(contents(dir / "report.json"), to_report_text(run));
  EXPECT_EQ(contents(dir / "junit.xml"), to_junit_xml(run));
  EXPECT_EQ(contents(dir / "report.html"), to_html_report(run));
  EXPECT_EQ(contents(dir / "summary.md"), to_markdown_summary(run));
  EXPECT_EQ(contents(dir / "report.tap"), to_tap_report(run));
  EXPECT_EQ(contents(dir / "report.sarif"), to_sarif_text(run, catalogue));
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 6u);  // no temporary file left behind
  std::filesystem::remove_all(dir);
}

TEST(ReportFormats, AWriteFailureNamesTheFile) {
  const auto dir = std::filesystem::temp_directory_path() / ("smapi-formats-missing-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  try {
    write_reports(testing::sample_run(), {}, dir, {F::tap});
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr((dir / "report.tap").string()));
  }
}

}  // namespace
}  // namespace smapi::reports
