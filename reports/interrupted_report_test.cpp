// Every report format says when a signal stopped the run: the verdict
// "interrupted", its exit status, and the requirements left "not run".

#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/junit_report.h"
#include "reports/markdown_summary.h"
#include "reports/sarif_report.h"
#include "reports/tap_report.h"
#include "reports/terminal_summary.h"
#include "reports/test_support/sample_run.h"

#include <boost/json/parse.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <csignal>
#include <sstream>

namespace smapi::reports {
namespace {

using ::testing::HasSubstr;
namespace json = boost::json;

const std::array kInterruptedCatalogue{testing::kQueryFieldType, testing::kDiagNoPii, testing::kLsResultType,
                            testing::kQueryApiVersion, testing::kQueryFeatureNames, testing::kErrorsBadDbg};

// The sample run, stopped by SIGTERM after its first two calls: the
// diagnostics requirement is "not run".
suites::RunResult interrupted_run() {
  auto run = testing::sample_run();
  run.interruption = suites::Interruption{SIGTERM, 2, 31};
  run.results[1].outcome = suites::Outcome::skip;
  run.results[1].message = "not run: the run was interrupted (SIGTERM) after 2 of 31 calls, before "
                           "Plugin.diagnostics was called";
  run.results[1].evidence.clear();
  run.verdict = suites::verdict_of(run, {});
  return run;
}

TEST(InterruptedReport, JsonNamesTheVerdictSignalAndExitStatus) {
  const auto report = json::parse(to_report_text(interrupted_run()));
  const auto& summary = report.at("summary");
  EXPECT_EQ(summary.at("verdict"), "interrupted");
  EXPECT_EQ(summary.at("exit_status"), 143);
  EXPECT_EQ(summary.at("interrupted").at("signal"), "SIGTERM");
  EXPECT_EQ(summary.at("interrupted").at("calls_made"), 2);
  EXPECT_EQ(summary.at("interrupted").at("calls_planned"), 31);
  EXPECT_FALSE(json::parse(to_report_text(testing::sample_run())).at("summary").as_object().contains("interrupted"));
}

TEST(InterruptedReport, SarifSaysTheExecutionDidNotSucceed) {
  const auto log = json::parse(to_sarif_text(interrupted_run(), kInterruptedCatalogue));
  const auto& run = log.at("runs").at(0);
  EXPECT_EQ(run.at("invocations").at(0).at("executionSuccessful"), false);
  EXPECT_EQ(run.at("invocations").at(0).at("exitCode"), 143);
  EXPECT_EQ(run.at("properties").at("verdict"), "interrupted");
}

TEST(InterruptedReport, EveryOtherFormatShowsIt) {
  const auto run = interrupted_run();
  EXPECT_THAT(to_junit_xml(run), HasSubstr("name=\"verdict\" value=\"interrupted\""));
  EXPECT_THAT(to_html_report(run), HasSubstr("class=\"banner interrupted\">Verdict: interrupted</div>"));
  const auto markdown = to_markdown_summary(run);
  EXPECT_THAT(markdown.substr(0, markdown.find('\n')), HasSubstr("interrupted"));
  const auto tap = to_tap_report(run);
  EXPECT_THAT(tap, HasSubstr("# SKIP not run: the run was interrupted (SIGTERM)"));
  EXPECT_THAT(tap, ::testing::EndsWith("\nBail out! interrupted (SIGTERM) after 2 of 31 calls\n"));
  EXPECT_THAT(to_tap_report(testing::sample_run()), ::testing::Not(HasSubstr("Bail out!")));
  std::ostringstream terminal;
  print_summary(terminal, run, false);
  EXPECT_THAT(terminal.str(), HasSubstr("interrupted: SIGTERM after 2 of 31 calls"));
  EXPECT_THAT(terminal.str(), HasSubstr("verdict: interrupted\n"));
}

}  // namespace
}  // namespace smapi::reports
