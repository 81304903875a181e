#include "reports/tap_report.h"

#include "reports/detail/text_safety.h"
#include "reports/test_support/prove.h"
#include "reports/test_support/sample_run.h"

#include <stdlib.h>
#include <sys/wait.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace smapi::reports {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// A TAP 13 document read back the way a consumer reads it.
struct Tap {
  std::string version;
  int plan = -1;
  struct Point {
    bool ok = false;
    int number = 0;
    std::string description;  // still escaped
    std::string directive;    // after " # "
    std::vector<std::string> yaml;  // lines between "  ---" and "  ..."
  };
  std::vector<Point> points;
  std::vector<std::string> stray;  // lines that are none of the above
};

Tap parse_tap(const std::string& text) {
  Tap tap;
  std::istringstream in(text);
  std::string line;
  std::getline(in, tap.version);
  static const std::regex plan(R"(^1\.\.(\d+)$)");
  // A description ends at the first '#' not escaped by a backslash.
  static const std::regex point(R"(^(not )?ok (\d+) - ((?:[^#\\]|\\.)*?)(?: # (.*))?$)");
  bool in_yaml = false;
  while (std::getline(in, line)) {
    std::smatch m;
    if (in_yaml) {
      if (line == "  ...") in_yaml = false;
      else tap.points.back().yaml.push_back(line);
    } else if (line == "  ---" && !tap.points.empty()) {
      in_yaml = true;
    } else if (std::regex_match(line, m, plan)) {
      tap.plan = std::stoi(m[1]);
    } else if (std::regex_match(line, m, point)) {
      tap.points.push_back({!m[1].matched, std::stoi(m[2]), m[3], m[4], {}});
    } else {
      tap.stray.push_back(line);
    }
  }
  return tap;
}

TEST(TapReport, VersionPlanAndOnePointPerResultNumberedInOrder) {
  const Tap tap = parse_tap(to_tap_report(testing::sample_run()));
  EXPECT_EQ(tap.version, "TAP version 13");  // prove 3.44 refuses 14
  EXPECT_EQ(tap.plan, 6);
  ASSERT_EQ(tap.points.size(), 6u);
  for (std::size_t i = 0; i < tap.points.size(); ++i) EXPECT_EQ(tap.points[i].number, static_cast<int>(i + 1));
  EXPECT_THAT(tap.stray, ::testing::IsEmpty());
}

TEST(TapReport, EachOutcomeHasItsShape) {
  const Tap tap = parse_tap(to_tap_report(testing::sample_run()));
  const auto& p = tap.points;
  EXPECT_FALSE(p[0].ok);
  EXPECT_EQ(p[0].description, "QUERY-FIELD-TYPE (MUST) Every query_result field has the IDL's type.");
  EXPECT_EQ(p[0].directive, "");
  EXPECT_THAT(p[0].yaml, ElementsAre("  outcome: \"fail\"", "  level: \"MUST\"", "  area: \"query\"",
                                     "  message: \"$.vendor: expected string, got 5\"",
                                     R"(  reproducer: "printf '%s' '{\"dbg\":\"debug\"}' | /plugins/ext4-ng/Plugin.Query --json")"));
  EXPECT_FALSE(p[1].ok);  // SHOULD failure: reported, not counted
  EXPECT_EQ(p[1].directive, "TODO SHOULD: does not affect the verdict under --fail-on must");
  EXPECT_TRUE(p[2].ok);
  EXPECT_EQ(p[2].directive, "SKIP Plugin.ls is not implemented");
  EXPECT_TRUE(p[2].yaml.empty());
  EXPECT_TRUE(p[3].ok);  // pass: no diagnostics
  EXPECT_EQ(p[3].directive, "");
  EXPECT_TRUE(p[3].yaml.empty());
  EXPECT_TRUE(p[4].ok);  // warn: ok, with diagnostics
  EXPECT_THAT(p[4].yaml, ::testing::Contains("  outcome: \"warn\""));
  EXPECT_FALSE(p[5].ok);  // error of a MUST: counted
  EXPECT_EQ(p[5].directive, "");
  EXPECT_THAT(p[5].yaml, ::testing::Contains("  outcome: \"error\""));
}

TEST(TapReport, WaivedFailureIsTodoAndWaiverProblemsArePoints) {
  const Tap tap = parse_tap(to_tap_report(testing::sample_run_with_waivers()));
  EXPECT_EQ(tap.plan, 8);
  ASSERT_EQ(tap.points.size(), 8u);
  EXPECT_FALSE(tap.points[0].ok);
  EXPECT_EQ(tap.points[0].directive, "TODO waived: vendor field fixed in 2.1 (ticket XAPI-12, expires 2099-01-01)");
  EXPECT_FALSE(tap.points[6].ok);
  EXPECT_EQ(tap.points[6].description, "waiver DIAG-ANSWERS (expired)");
  EXPECT_TRUE(tap.points[7].ok);
  EXPECT_EQ(tap.points[7].description, "waiver QUERY-API-VERSION (unexpected_pass)");
}

TEST(TapReport, HostileTextStaysOnItsLineAndCannotAddDirectives) {
  const std::string text = to_tap_report(testing::sample_run_with_hostile_text());
  EXPECT_TRUE(detail::is_valid_utf8(text));
  EXPECT_EQ(text.find('\0'), std::string::npos);
  EXPECT_THAT(text, Not(HasSubstr("\x1b")));
  const Tap tap = parse_tap(text);
  EXPECT_EQ(tap.plan, 6);
  EXPECT_EQ(tap.points.size(), 6u);
  EXPECT_THAT(tap.stray, ::testing::IsEmpty());
  // The message's '#' and newline live in YAML only, as JSON escapes.
  EXPECT_THAT(tap.points[1].yaml, ::testing::Contains("  message: \"line one\\nline two \\u001b[31mred\\u001b[0m nul:\\u0000end\""));
}

TEST(TapReport, HashInADescriptionIsEscaped) {
  static constexpr suites::Requirement kHash{"HASH-REQ", "query", suites::Level::must,
                                             "a # b \\ c", ""};
  suites::RunResult run = testing::sample_run();
  run.results[3].requirement = &kHash;
  const std::string text = to_tap_report(run);
  EXPECT_THAT(text, HasSubstr("ok 4 - HASH-REQ (MUST) a \\# b \\\\ c\n"));
}

TEST(TapReport, UnderFailOnShouldAFailedShouldIsNotOkWithoutTodo) {
  suites::RunResult run = testing::sample_run();
  run.policy.fail_on = suites::FailOn::should;  // the run exits 1 because of it
  const Tap tap = parse_tap(to_tap_report(run));
  ASSERT_EQ(tap.points.size(), 6u);
  EXPECT_FALSE(tap.points[1].ok);
  EXPECT_EQ(tap.points[1].directive, "");
}

TEST(TapReport, AShouldInErrorIsTodoOnlyWhenItDoesNotCount) {
  suites::RunResult run = testing::sample_run();
  run.results[5].requirement = &testing::kDiagNoPii;  // a SHOULD the harness could not judge
  EXPECT_EQ(parse_tap(to_tap_report(run)).points[5].directive,
            "TODO SHOULD: does not affect the verdict under --fail-on must");
  run.policy.fail_on = suites::FailOn::should;
  EXPECT_EQ(parse_tap(to_tap_report(run)).points[5].directive, "");
}

// A run whose only failure is a SHOULD: conformant under --fail-on must,
// non-conformant under --fail-on should.
suites::RunResult should_failure_only(suites::FailOn fail_on) {
  suites::RunResult run = testing::sample_run_with_hostile_text();  // hostile messages in the YAML
  run.results.erase(run.results.begin() + 5);  // the MUST error
  run.results.erase(run.results.begin());      // the MUST failure
  run.policy.fail_on = fail_on;
  run.verdict = suites::verdict_of(run, run.policy);
  return run;
}

TEST(TapReport, ProveAgreesWithTheExitStatus) {
  if (std::system("command -v prove >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "prove (Perl's TAP::Harness) is not installed; cannot check TAP with a real consumer";
  struct Case {
    const char* name;
    suites::RunResult run;
  };
  Case cases[] = {
      {"a MUST failure", testing::sample_run()},
      {"a SHOULD failure under --fail-on must", should_failure_only(suites::FailOn::must)},
      {"a SHOULD failure under --fail-on should", should_failure_only(suites::FailOn::should)},
      {"a waived MUST failure and an expired waiver", testing::sample_run_with_waivers()},
  };
  for (const auto& c : cases) {
    const testing::ProveRun result = testing::prove(to_tap_report(c.run));
    EXPECT_THAT(result.output, Not(HasSubstr("Parse errors"))) << c.name;
    EXPECT_EQ(result.status == 0, suites::exit_status(c.run.verdict) == 0)
        << c.name << ": the run exits " << suites::exit_status(c.run.verdict) << ", prove exits "
        << result.status << ":\n" << result.output;
  }
  EXPECT_EQ(suites::exit_status(should_failure_only(suites::FailOn::must).verdict), 0);
  EXPECT_EQ(suites::exit_status(should_failure_only(suites::FailOn::should).verdict), 1);
}

}  // namespace
}  // namespace smapi::reports
