#include "reports/terminal_summary.h"

#include "reports/test_support/sample_run.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

namespace smapi::reports {
namespace {

using testing::sample_run;
using ::testing::HasSubstr;
using ::testing::Not;

std::string summary(const suites::RunResult& run, bool colour) {
  std::ostringstream out;
  print_summary(out, run, colour);
  return out.str();
}

TEST(TerminalSummary, ListsEveryResultThatDidNotPass) {
  const std::string text = summary(sample_run(), false);
  EXPECT_EQ(text,
            "smapi-conform 0.1.0: /plugins/ext4-ng (volume, exec, profile xapi)\n"
            "FAIL   QUERY-FIELD-TYPE     MUST    $.vendor: expected string, got 5\n"
            "FAIL   DIAG-NO-PII          SHOULD  diagnostics timed out\n"
            "SKIP   LS-RESULT-TYPE       MUST    Plugin.ls is not implemented\n"
            "WARN   QUERY-FEATURE-NAMES  SHOULD  feature FOO is unknown to xapi\n"
            "ERROR  ERRORS-BAD-DBG       MUST    the harness could not send the call\n"
            "6 requirements: 1 pass, 2 fail, 1 warn, 1 skip, 1 error\n"
            "xapi: SR type \"ext4-ng\", 2 capabilities; VDI_DESTROY -> VDI_DELETE; drops FOO; keeps at version 1 "
            "SR_STATS/0\n"
            "verdict: non-conformant\n");
}

TEST(TerminalSummary, ShowsWaivedResultsAndWaiverProblems) {
  const std::string text = summary(testing::sample_run_with_waivers(), false);
  EXPECT_THAT(text, HasSubstr("FAIL   QUERY-FIELD-TYPE     MUST    $.vendor: expected string, got 5 "
                              "[waived: XAPI-12 until 2099-01-01]\n"));
  EXPECT_THAT(text, HasSubstr("waiver: DIAG-ANSWERS expired 2026-01-01 (ticket XAPI-7)\n"));
  EXPECT_THAT(text, HasSubstr("waiver: QUERY-API-VERSION passed anyway: drop the waiver\n"));
}

TEST(TerminalSummary, SaysWhenXapiWouldNotRegisterThePlugin) {
  suites::RunResult run = sample_run();
  run.xapi_view = {};
  run.xapi_view.problem = "bad json on stdout";
  run.xapi_view.summary = "xapi would not register the plugin: bad json on stdout";
  EXPECT_THAT(summary(run, false), HasSubstr("xapi: xapi would not register the plugin: bad json on stdout\n"));
  run.xapi_view.summary = "datapath plugin for URI scheme tapdisk, not registered: bad json on stdout";
  run.xapi_view.registration_applies = true;
  run.xapi_view.sr_type = "not shown";
  const std::string text = summary(run, false);
  EXPECT_THAT(text, HasSubstr("xapi: datapath plugin for URI scheme tapdisk, not registered: bad json on stdout\n"));
  EXPECT_THAT(text, Not(HasSubstr("not shown")));
  run.xapi_view = {};
  EXPECT_THAT(summary(run, false), Not(HasSubstr("xapi:")));
}

TEST(TerminalSummary, NoEscapeSequencesWithoutColour) {
  suites::RunResult run = sample_run();
  run.results[0].message = "plugin said \x1B[2J\x1B[31mred\x07 and\nmore";
  const std::string text = summary(run, false);
  EXPECT_EQ(text.find('\x1B'), std::string::npos);
  EXPECT_EQ(text.find('\x07'), std::string::npos);
  EXPECT_THAT(text, HasSubstr("plugin said \\x1B[2J\\x1B[31mred\\x07 and\xE2\x80\xA6\n"));
  EXPECT_THAT(text, Not(HasSubstr("more")));
}

TEST(TerminalSummary, ColourMarksTagsAndVerdict) {
  EXPECT_THAT(summary(sample_run(), true),
              HasSubstr("verdict: \x1B[1;31mnon-conformant\x1B[0m\n"));
  EXPECT_THAT(summary(sample_run(), true), HasSubstr("\x1B[31mFAIL  \x1B[0m QUERY-FIELD-TYPE"));

  suites::RunResult conformant = sample_run();
  conformant.results = {conformant.results[3]};
  conformant.verdict = suites::verdict_of(conformant.results);
  EXPECT_THAT(summary(conformant, true), HasSubstr("verdict: \x1B[1;32mconformant\x1B[0m\n"));
  EXPECT_EQ(summary(conformant, false),
            "smapi-conform 0.1.0: /plugins/ext4-ng (volume, exec, profile xapi)\n"
            "1 requirement: 1 pass, 0 fail, 0 warn, 0 skip, 0 error\n"
            "xapi: SR type \"ext4-ng\", 2 capabilities; VDI_DESTROY -> VDI_DELETE; drops FOO; keeps at version 1 "
            "SR_STATS/0\n"
            "verdict: conformant\n");

  suites::RunResult inconclusive = sample_run();
  inconclusive.verdict = suites::Verdict::inconclusive;
  EXPECT_THAT(summary(inconclusive, true), HasSubstr("verdict: \x1B[1;33minconclusive\x1B[0m\n"));
}

TEST(TerminalSummary, LongMessagesAreCut) {
  suites::RunResult run = sample_run();
  run.results[0].message = std::string(1000, 'm');
  const std::string text = summary(run, false);
  EXPECT_THAT(text, HasSubstr(std::string(kSummaryMessageMaxBytes, 'm') + "\xE2\x80\xA6\n"));
  EXPECT_THAT(text, Not(HasSubstr(std::string(kSummaryMessageMaxBytes + 1, 'm'))));
}

TEST(ColourAllowed, FollowsTerminalNoColorAndTerm) {
  EXPECT_TRUE(colour_allowed(true, nullptr, "xterm-256color"));
  EXPECT_TRUE(colour_allowed(true, "", nullptr));
  EXPECT_FALSE(colour_allowed(false, nullptr, "xterm"));
  EXPECT_FALSE(colour_allowed(true, "1", "xterm"));
  EXPECT_FALSE(colour_allowed(true, nullptr, "dumb"));
}

}  // namespace
}  // namespace smapi::reports
