#include "harness/diff_command.h"

#include "harness/run_options.h"
#include "reports/json_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace smapi::harness {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A schema_version 1 report with `verdict` and results "ID=outcome".
std::string report(const std::string& verdict, const std::vector<std::string>& results) {
  std::string text = R"({"schema_version":1,"summary":{"verdict":")" + verdict + R"("},"results":[)";
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto eq = results[i].find('=');
    text += (i ? "," : "") + std::string(R"({"id":")") + results[i].substr(0, eq) + R"(","outcome":")" +
            results[i].substr(eq + 1) + R"(","message":"m","evidence":[]})";
  }
  return text + "]}";
}

ReportDiff diff_of(const std::string& before, const std::string& after) {
  return compare_reports(parse_report_outcomes(before, "old.json"), parse_report_outcomes(after, "new.json"));
}

std::string read_error(const std::string& text) {
  try {
    parse_report_outcomes(text, "old.json");
  } catch (const ReportReadError& error) {
    return error.what();
  }
  return "";
}

auto Change(const std::string& id, const std::string& before, const std::string& after) {
  return ::testing::AllOf(Field(&ReportDiff::Change::id, id), Field(&ReportDiff::Change::before, before),
                          Field(&ReportDiff::Change::after, after));
}

TEST(CompareReports, PassSkipOrWarnToFailOrErrorIsARegression) {
  const auto diff = diff_of(report("conformant", {"A-A=pass", "B-B=skip", "C-C=warn", "D-D=pass"}),
                            report("conformant", {"A-A=fail", "B-B=error", "C-C=fail", "D-D=pass"}));
  EXPECT_THAT(diff.regressions,
              ElementsAre(Change("A-A", "pass", "fail"), Change("B-B", "skip", "error"), Change("C-C", "warn", "fail")));
  EXPECT_THAT(diff.fixes, IsEmpty());
  EXPECT_TRUE(diff.regressed());
}

TEST(CompareReports, AVanishedRequirementIsARegressionANewOneIsNot) {
  const auto diff = diff_of(report("conformant", {"A-A=pass", "B-B=pass"}),
                            report("conformant", {"A-A=pass", "C-C=fail"}));
  EXPECT_THAT(diff.regressions, ElementsAre(Change("B-B", "pass", "")));
  EXPECT_THAT(diff.other_changes, ElementsAre(Change("C-C", "", "fail")));
}

TEST(CompareReports, FixesAndOtherChangesAreNotRegressions) {
  const auto diff = diff_of(report("non-conformant", {"A-A=fail", "B-B=error", "C-C=pass", "D-D=fail"}),
                            report("conformant", {"A-A=pass", "B-B=skip", "C-C=warn", "D-D=error"}));
  EXPECT_THAT(diff.fixes, ElementsAre(Change("A-A", "fail", "pass"), Change("B-B", "error", "skip")));
  EXPECT_THAT(diff.other_changes, ElementsAre(Change("C-C", "pass", "warn"), Change("D-D", "fail", "error")));
  EXPECT_THAT(diff.regressions, IsEmpty());
  EXPECT_FALSE(diff.verdict_worse);
  EXPECT_FALSE(diff.regressed());
}

TEST(CompareReports, AWorseVerdictIsARegression) {
  const auto diff = diff_of(report("conformant", {}), report("inconclusive", {}));
  EXPECT_TRUE(diff.verdict_worse);
  EXPECT_TRUE(diff.regressed());
  EXPECT_FALSE(diff_of(report("inconclusive", {}), report("conformant", {})).regressed());
}

TEST(RenderDiff, OneLinePerChangeAndASummary) {
  const auto diff = diff_of(report("conformant", {"A-A=pass", "B-B=fail", "C-C=pass"}),
                            report("non-conformant", {"A-A=fail", "B-B=pass"}));
  EXPECT_EQ(render_diff(diff),
            "REGRESSION A-A: pass -> fail\n"
            "REGRESSION C-C: pass -> (vanished)\n"
            "FIXED      B-B: fail -> pass\n"
            "REGRESSION verdict: conformant -> non-conformant\n"
            "3 regression(s), 1 fix(es), 0 other change(s); verdict conformant -> non-conformant\n");
}

std::size_t lines_starting(const std::string& text, const std::string& tag) {
  std::size_t count = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) count += line.rfind(tag, 0) == 0 ? 1 : 0;
  return count;
}

// The summary counted requirement regressions only, while the verdict's
// REGRESSION line was listed too: "2 regression(s)" above 3 such lines.
TEST(RenderDiff, TheSummaryCountsTheLinesItSummarises) {
  const auto worse = render_diff(diff_of(report("conformant", {"A-A=pass", "B-B=pass"}),
                                         report("non-conformant", {"A-A=fail", "B-B=error"})));
  EXPECT_EQ(lines_starting(worse, "REGRESSION "), 3u);
  EXPECT_THAT(worse, HasSubstr("\n3 regression(s), 0 fix(es), 0 other change(s);"));
  const auto better = render_diff(diff_of(report("inconclusive", {"A-A=pass"}), report("conformant", {"A-A=warn"})));
  EXPECT_EQ(lines_starting(better, "CHANGED "), 2u);
  EXPECT_THAT(better, HasSubstr("\n0 regression(s), 0 fix(es), 2 other change(s);"));
}

// A report whose subject names `target`, `transport` and `profile`.
std::string report_of(const std::string& target, const std::string& transport, const std::string& profile) {
  return R"({"schema_version":3,"subject":{"target":")" + target + R"(","transport":")" + transport +
         R"(","profile":")" + profile + R"("},"summary":{"verdict":"conformant"},"results":[]})";
}

TEST(CompareReports, WarnsWhenTheReportsJudgeDifferentThings) {
  EXPECT_THAT(diff_of(report_of("/p/a", "exec", "xapi"), report_of("/p/a", "exec", "xapi")).warnings, IsEmpty());
  EXPECT_THAT(diff_of(report_of("/p/a", "exec", "xapi"), report_of("http://h:1/", "jsonrpc", "strict")).warnings,
              ElementsAre("the reports judge different targets: /p/a (old) and http://h:1/ (new)",
                          "the reports judge different transports: exec (old) and jsonrpc (new)",
                          "the reports judge different profiles: xapi (old) and strict (new)"));
  // Reports that do not say (schema 1) are not warned about.
  EXPECT_THAT(diff_of(report("conformant", {}), report_of("/p/a", "exec", "xapi")).warnings, IsEmpty());
  // Top-level copies count as well.
  const std::string top = R"({"schema_version":2,"target":"/p/b","transport":"exec","profile":"xapi",)"
                          R"("summary":{"verdict":"conformant"},"results":[]})";
  EXPECT_THAT(diff_of(report_of("/p/a", "exec", "xapi"), top).warnings,
              ElementsAre("the reports judge different targets: /p/a (old) and /p/b (new)"));
}

TEST(ParseReport, BadInputNamesTheFileAndTheJsonPath) {
  EXPECT_THAT(read_error("{"), HasSubstr("old.json: $: not valid JSON"));
  EXPECT_EQ(read_error("[]"), "old.json: $: expected a report object");
  EXPECT_EQ(read_error(R"({"summary":{}})"), "old.json: $.schema_version: missing");
  EXPECT_EQ(read_error(R"({"schema_version":5})"), "old.json: $.schema_version: expected 1 to 4, got 5");
  EXPECT_EQ(read_error(R"({"schema_version":1,"summary":{"verdict":"great"},"results":[]})"),
            "old.json: $.summary.verdict: expected one of conformant, inconclusive, interrupted, non-conformant, got \"great\"");
  EXPECT_EQ(read_error(R"({"schema_version":1,"summary":{"verdict":"conformant"},"results":{}})"),
            "old.json: $.results: expected an array");
  EXPECT_EQ(read_error(R"({"schema_version":1,"summary":{"verdict":"conformant"},"results":[{"id":"A-A"}]})"),
            "old.json: $.results[0].outcome: missing");
  EXPECT_EQ(read_error(R"({"schema_version":1,"summary":{"verdict":"conformant"},"results":[{"id":"A-A","outcome":5}]})"),
            "old.json: $.results[0].outcome: expected one of pass, fail, warn, skip, error, got 5");
  EXPECT_EQ(read_error(report("conformant", {"A-A=pass", "A-A=fail"})), "old.json: $.results[1].id: A-A appears twice");
  EXPECT_THAT(read_error(std::string(100000, '[')), HasSubstr("old.json: $: not valid JSON"));
}

TEST(ParseReport, ReadsTheSchemaThisToolWrites) {
  EXPECT_EQ(kNewestDiffSchemaVersion, reports::kJsonReportSchemaVersion)
      << "the report schema changed: check diff still reads it, then raise kNewestDiffSchemaVersion";
}

TEST(CompareReports, AWaivedFailureIsNotARegressionAndLosingTheWaiverIs) {
  const std::string waived =
      R"({"schema_version":2,"summary":{"verdict":"conformant"},"results":[)"
      R"({"id":"A-A","outcome":"fail","waiver":{"reason":"r","ticket":"T-1","expires":"2099-01-01"}}]})";
  const auto to_waived = diff_of(report("conformant", {"A-A=pass"}), waived);
  EXPECT_THAT(to_waived.regressions, IsEmpty());
  EXPECT_THAT(to_waived.other_changes, ElementsAre(Change("A-A", "pass", "fail (waived)")));
  const auto unwaived = diff_of(waived, report("non-conformant", {"A-A=fail"}));
  EXPECT_THAT(unwaived.regressions, ElementsAre(Change("A-A", "fail (waived)", "fail")));
  EXPECT_THAT(read_error(R"({"schema_version":2,"summary":{"verdict":"conformant"},"results":[{"id":"A-A","outcome":"fail","waiver":5}]})"),
              HasSubstr("$.results[0].waiver: expected an object or null"));
}

class DiffCommand : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& text) {
    const auto file = dir_ / name;
    std::ofstream(file) << text;
    return file.string();
  }
  void SetUp() override { std::filesystem::create_directories(dir_); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_ = std::filesystem::temp_directory_path() /
                               ("h5-diff-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
};

TEST_F(DiffCommand, ExitsOneOnRegressionZeroOtherwise) {
  const auto good = write("good.json", report("conformant", {"A-A=pass"}));
  const auto bad = write("bad.json", report("non-conformant", {"A-A=fail"}));
  std::ostringstream out, err;
  EXPECT_EQ(diff_command({good, bad}, out, err), 1);
  EXPECT_THAT(out.str(), HasSubstr("REGRESSION A-A: pass -> fail"));
  EXPECT_EQ(diff_command({bad, good}, out, err), 0);
  EXPECT_EQ(diff_command({good, good}, out, err), 0);
  EXPECT_EQ(err.str(), "");
}

TEST_F(DiffCommand, UnreadableInputExitsTwoNamingTheFile) {
  const auto good = write("good.json", report("conformant", {}));
  const auto broken = write("broken.json", R"({"schema_version":1})");
  std::ostringstream out, err;
  EXPECT_EQ(diff_command({good, broken}, out, err), 2);
  EXPECT_EQ(err.str(), "smapi-conform diff: " + broken + ": $.summary: missing\n");
  std::ostringstream err2;
  EXPECT_EQ(diff_command({good, (dir_ / "none.json").string()}, out, err2), 2);
  EXPECT_THAT(err2.str(), HasSubstr("none.json: cannot be read"));
  EXPECT_THROW(diff_command({good}, out, err), UsageError);
}

TEST_F(DiffCommand, WarnsOnStderrWhenTheTargetsDiffer) {
  const auto a = write("a.json", report_of("/p/a", "exec", "xapi"));
  const auto b = write("b.json", report_of("/p/b", "exec", "xapi"));
  std::ostringstream out, err;
  EXPECT_EQ(diff_command({a, b}, out, err), 0);
  EXPECT_EQ(err.str(), "smapi-conform diff: warning: the reports judge different targets: /p/a (old) and /p/b (new)\n");
  EXPECT_THAT(out.str(), HasSubstr("0 regression(s)"));
}

// It used to be a usage error.
TEST_F(DiffCommand, HelpPrintsItsUsage) {
  std::ostringstream out, err;
  EXPECT_EQ(diff_command({"--help"}, out, err), 0);
  EXPECT_THAT(out.str(), ::testing::StartsWith("usage: smapi-conform diff OLD.json NEW.json\n"));
}

}  // namespace
}  // namespace smapi::harness
