// smapi-conform run --report-dir / --format, end to end: the chosen formats
// and only those land in the directory under their fixed names, the run
// says where, and a bad list is a usage error before any plugin runs.

#include "fixtures/e2e/process.h"
#include "fixtures/e2e/report_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>

namespace smapi::e2e {
namespace {

using ::testing::HasSubstr;

const std::string kConform = std::string(SMAPI_BIN_DIR) + "/smapi-conform";
const std::string kGood = std::string(SMAPI_SOURCE_DIR) +
                          "/fixtures/plugins/good/ext4-ng/volume/org.xen.xapi.storage.ext4-ng";

std::set<std::string> files_in(const std::filesystem::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.insert(entry.path().filename().string());
  return names;
}

Finished run_with(const std::filesystem::path& dir, std::vector<std::string> flags) {
  // No robustness probes: they are tested elsewhere, and this keeps each run short.
  std::vector<std::string> argv{kConform, "run", "--target", kGood, "--report-dir", dir.string(),
                                "--no-probes", "--repeat", "1", "--concurrency", "1"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  return run(argv);
}

TEST(ReportFlags, DefaultIsJsonJunitAndHtml) {
  const auto dir = fresh_dir("formats-default");
  const Finished finished = run_with(dir, {});
  ASSERT_EQ(finished.exit_status, 0) << finished.err;
  EXPECT_EQ(files_in(dir), (std::set<std::string>{"report.json", "junit.xml", "report.html"}));
  EXPECT_THAT(finished.out, HasSubstr("reports: " + (dir / "report.json").string() + " " +
                                      (dir / "junit.xml").string() + " " + (dir / "report.html").string() + "\n"));
}

TEST(ReportFlags, AllWritesEveryFormat) {
  const auto dir = fresh_dir("formats-all");
  ASSERT_EQ(run_with(dir, {"--format", "all"}).exit_status, 0);
  EXPECT_EQ(files_in(dir), (std::set<std::string>{"report.json", "junit.xml", "report.html", "summary.md",
                                                  "report.tap", "report.sarif"}));
}

TEST(ReportFlags, OnlyTheNamedFormats) {
  const auto dir = fresh_dir("formats-some");
  const Finished finished = run_with(dir, {"--format=tap,sarif"});
  ASSERT_EQ(finished.exit_status, 0) << finished.err;
  EXPECT_EQ(files_in(dir), (std::set<std::string>{"report.tap", "report.sarif"}));
}

TEST(ReportFlags, AnUnknownFormatIsAUsageErrorAndNothingRuns) {
  const auto dir = fresh_dir("formats-bad");
  const Finished finished = run_with(dir, {"--format", "json,pdf"});
  EXPECT_EQ(finished.exit_status, 2);
  EXPECT_THAT(finished.err, HasSubstr("--format: unknown format \"pdf\""));
  EXPECT_TRUE(files_in(dir).empty());
  EXPECT_THAT(finished.out, ::testing::IsEmpty());
}

// An earlier run's summary.md ("non-conformant") stayed beside a later
// run's report.json ("conformant"): each run now leaves only its own reports.
TEST(ReportFlags, ASecondRunLeavesNoReportOfTheFirstBesideItsOwn) {
  const auto dir = fresh_dir("formats-stale");
  ASSERT_EQ(run_with(dir, {"--format", "markdown,tap,json"}).exit_status, 0);
  std::ofstream(dir / "notes.txt") << "the user's own file";
  const Finished second = run_with(dir, {"--format", "json,sarif"});
  ASSERT_EQ(second.exit_status, 0) << second.err;
  EXPECT_EQ(files_in(dir), (std::set<std::string>{"report.json", "report.sarif", "notes.txt"}));
}

// The directory was only created after the whole run, so a bad one failed
// at the end; now it stops the run before any call (nothing on stdout).
TEST(ReportFlags, AReportDirThatCannotBeWrittenStopsTheRunBeforeItStarts) {
  const auto dir = fresh_dir("formats-unwritable");
  std::ofstream(dir / "file") << "x";
  const Finished under_a_file = run_with(dir / "file" / "reports", {});
  EXPECT_EQ(under_a_file.exit_status, 2);
  EXPECT_THAT(under_a_file.err, HasSubstr("--report-dir: cannot create \"" + (dir / "file" / "reports").string()));
  EXPECT_THAT(under_a_file.out, ::testing::IsEmpty());
  const Finished a_file = run_with(dir / "file", {});
  EXPECT_EQ(a_file.exit_status, 2);
  EXPECT_THAT(a_file.err, HasSubstr("--report-dir: \"" + (dir / "file").string() + "\" is not a directory"));
  EXPECT_THAT(a_file.out, ::testing::IsEmpty());
  // Root may write anywhere the permission bits forbid; /proc/self refuses everyone.
  const Finished proc = run_with("/proc/self", {});
  EXPECT_EQ(proc.exit_status, 2);
  EXPECT_THAT(proc.err, HasSubstr("--report-dir: cannot write in \"/proc/self\""));
  EXPECT_THAT(proc.out, ::testing::IsEmpty());
}

}  // namespace
}  // namespace smapi::e2e
