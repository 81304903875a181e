#include "harness/waivers.h"

#include "harness/run_options.h"
#include "suites/catalogue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

namespace smapi::harness {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

constexpr std::chrono::year_month_day kToday{2026y / 11 / 22};

std::string one_waiver(const std::string& id, const std::string& expires = "2027-01-31") {
  return R"({"waivers":[{"id":")" + id + R"(","reason":"vendor fix pending","ticket":"XAPI-123","expires":")" +
         expires + R"("}]})";
}

std::vector<Waiver> parse(const std::string& text) {
  return parse_waivers(text, "waivers.json", suites::catalogue());
}

// The usage error parse() throws, or "" when it accepts the text.
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const UsageError& error) {
    return error.what();
  }
  return "";
}

suites::RunResult run_with(std::string_view id, suites::Outcome outcome) {
  suites::RunResult run;
  run.results.push_back({&suites::requirement(id), outcome, "why", {}, {}});
  return run;
}

TEST(ParseWaivers, ReadsEveryField) {
  const auto waivers = parse(one_waiver("QUERY-KEYS-EXACT"));
  ASSERT_EQ(waivers.size(), 1u);
  EXPECT_EQ(waivers[0].id, "QUERY-KEYS-EXACT");
  EXPECT_EQ(waivers[0].reason, "vendor fix pending");
  EXPECT_EQ(waivers[0].ticket, "XAPI-123");
  EXPECT_EQ(waivers[0].expires, 2027y / 1 / 31);
  EXPECT_EQ(waivers[0].expires_text, "2027-01-31");
  EXPECT_TRUE(parse(R"({"waivers":[]})").empty());
}

TEST(ParseWaivers, BadDocumentsNameTheFileAndTheJsonPath) {
  EXPECT_THAT(error_of("{"), ::testing::StartsWith("--waivers: waivers.json: $: not valid JSON: "));
  EXPECT_THAT(error_of("{} {}"), HasSubstr("$: not valid JSON: more than one JSON value"));
  EXPECT_THAT(error_of("[]"), HasSubstr("waivers.json: $: expected an object"));
  EXPECT_THAT(error_of("{}"), HasSubstr("waivers.json: $.waivers: missing"));
  EXPECT_THAT(error_of(R"({"waivers":{}})"), HasSubstr("$.waivers: expected an array"));
  EXPECT_THAT(error_of(R"({"waivers":[], "extra":1})"), HasSubstr("$.extra: unknown key"));
  EXPECT_THAT(error_of(R"({"waivers":[5]})"), HasSubstr("$.waivers[0]: expected an object"));
  EXPECT_THAT(error_of(R"({"waivers":[{"id":"QUERY-ANSWERS","reason":"r","ticket":"t"}]})"),
              HasSubstr("$.waivers[0].expires: missing"));
  EXPECT_THAT(error_of(R"({"waivers":[{"id":"QUERY-ANSWERS","reason":5,"ticket":"t","expires":"2027-01-01"}]})"),
              HasSubstr("$.waivers[0].reason: expected a string, got number"));
  EXPECT_THAT(error_of(R"({"waivers":[{"id":"QUERY-ANSWERS","reason":"","ticket":"t","expires":"2027-01-01"}]})"),
              HasSubstr("$.waivers[0].reason: expected a non-empty string"));
  EXPECT_THAT(error_of(R"({"waivers":[{"id":"QUERY-ANSWERS","reason":"r","ticket":"t","expires":"2027-01-01","x":1}]})"),
              HasSubstr("$.waivers[0].x: unknown key"));
}

TEST(ParseWaivers, ExpiresMustBeARealDate) {
  for (const char* bad : {"soon", "2027-1-31", "2027-02-30", "2027-13-01", "27-01-31", "2027/01/31",
                          "2027-01-3x", "+027-01-31"})
    EXPECT_THAT(error_of(one_waiver("QUERY-ANSWERS", bad)),
                HasSubstr("$.waivers[0].expires: expected a date YYYY-MM-DD, got \"" + std::string(bad) + "\""))
        << bad;
  EXPECT_EQ(error_of(one_waiver("QUERY-ANSWERS", "2028-02-29")), "");
}

TEST(ParseWaivers, UnknownAndDuplicateIdsAreUsageErrors) {
  EXPECT_THAT(error_of(one_waiver("QUERY-NOPE")),
              HasSubstr("$.waivers[0].id: no requirement \"QUERY-NOPE\""));
  const std::string twice =
      R"({"waivers":[{"id":"LS-ANSWERS","reason":"r","ticket":"t","expires":"2027-01-01"},)"
      R"({"id":"LS-ANSWERS","reason":"r","ticket":"t","expires":"2027-01-01"}]})";
  EXPECT_THAT(error_of(twice), HasSubstr("$.waivers[1].id: LS-ANSWERS is waived twice"));
}

TEST(ParseWaivers, DeepNestingIsRefusedNotRecursedInto) {
  EXPECT_THAT(error_of(std::string(10000, '[')), HasSubstr("$: not valid JSON"));
}

TEST(LoadWaivers, MissingOrOversizedFileIsAUsageError) {
  EXPECT_THROW(load_waivers("/nonexistent/waivers.json", suites::catalogue()), UsageError);
  const auto big = std::filesystem::temp_directory_path() / "h5-waivers-big.json";
  {
    std::ofstream out(big);
    out << std::string(kMaxWaiversFileBytes + 1, ' ');
  }
  try {
    load_waivers(big, suites::catalogue());
    ADD_FAILURE() << "no error";
  } catch (const UsageError& error) {
    EXPECT_THAT(error.what(), HasSubstr("is larger than 1048576 bytes"));
  }
  std::filesystem::remove(big);
}

TEST(ApplyWaivers, AWaivedFailureIsMarkedAndNoLongerCounts) {
  auto run = run_with("QUERY-ANSWERS", suites::Outcome::fail);
  apply_waivers(run, parse(one_waiver("QUERY-ANSWERS")), kToday);
  ASSERT_TRUE(run.results[0].waiver);
  EXPECT_EQ(run.results[0].waiver->ticket, "XAPI-123");
  EXPECT_EQ(run.results[0].waiver->expires, "2027-01-31");
  EXPECT_EQ(run.results[0].outcome, suites::Outcome::fail);
  EXPECT_TRUE(run.waiver_problems.empty());
  EXPECT_EQ(suites::verdict_of(run, {}), suites::Verdict::conformant);
}

TEST(ApplyWaivers, AnExpiredWaiverWaivesNothingAndFailsTheRun) {
  auto run = run_with("QUERY-ANSWERS", suites::Outcome::fail);
  apply_waivers(run, parse(one_waiver("QUERY-ANSWERS", "2026-11-21")), kToday);
  EXPECT_FALSE(run.results[0].waiver);
  ASSERT_EQ(run.waiver_problems.size(), 1u);
  EXPECT_EQ(run.waiver_problems[0].kind, suites::WaiverProblem::Kind::expired);
  EXPECT_EQ(run.waiver_problems[0].detail, "expired 2026-11-21 (ticket XAPI-123): vendor fix pending");
  EXPECT_EQ(suites::verdict_of(run, {}), suites::Verdict::non_conformant);
}

TEST(ApplyWaivers, AnExpiredWaiverFailsTheRunEvenWhenItsRequirementPassed) {
  auto run = run_with("QUERY-ANSWERS", suites::Outcome::pass);
  apply_waivers(run, parse(one_waiver("QUERY-ANSWERS", "2020-01-01")), kToday);
  EXPECT_EQ(suites::verdict_of(run, {}), suites::Verdict::non_conformant);
}

TEST(ApplyWaivers, AWaiverHoldsThroughItsLastDay) {
  auto run = run_with("QUERY-ANSWERS", suites::Outcome::fail);
  apply_waivers(run, parse(one_waiver("QUERY-ANSWERS", "2026-11-22")), kToday);
  EXPECT_TRUE(run.results[0].waiver);
  EXPECT_TRUE(run.waiver_problems.empty());
}

TEST(ApplyWaivers, AWaiverOnAPassIsAnUnexpectedPassNotFatal) {
  auto run = run_with("QUERY-KEYS-EXACT", suites::Outcome::pass);
  apply_waivers(run, parse(one_waiver("QUERY-KEYS-EXACT")), kToday);
  ASSERT_EQ(run.waiver_problems.size(), 1u);
  EXPECT_EQ(run.waiver_problems[0].kind, suites::WaiverProblem::Kind::unexpected_pass);
  EXPECT_EQ(run.waiver_problems[0].id, "QUERY-KEYS-EXACT");
  EXPECT_THAT(run.waiver_problems[0].detail, HasSubstr("remove the waiver"));
  EXPECT_EQ(suites::verdict_of(run, {}), suites::Verdict::conformant);
}

TEST(ApplyWaivers, SkipsAndErrorsAreNeitherWaivedNorUnexpectedPasses) {
  for (const auto outcome : {suites::Outcome::skip, suites::Outcome::error}) {
    auto run = run_with("QUERY-ANSWERS", outcome);
    apply_waivers(run, parse(one_waiver("QUERY-ANSWERS")), kToday);
    EXPECT_FALSE(run.results[0].waiver);
    EXPECT_TRUE(run.waiver_problems.empty());
  }
}

TEST(UtcToday, IsAValidDate) { EXPECT_TRUE(utc_today().ok()); }

}  // namespace
}  // namespace smapi::harness

namespace smapi::harness {
namespace {

TEST(RunOptionsGating, ParsesFailOnAndWaivers) {
  const std::string target = std::string(SMAPI_SOURCE_DIR) + "/fixtures";
  const auto defaults = parse_run_options({"--target", target});
  EXPECT_EQ(defaults.fail_on, suites::FailOn::must);
  EXPECT_FALSE(defaults.waivers);
  const auto options =
      parse_run_options({"--target", target, "--fail-on", "should", "--waivers=w.json"});
  EXPECT_EQ(options.fail_on, suites::FailOn::should);
  EXPECT_EQ(options.waivers, std::filesystem::path("w.json"));
  EXPECT_THROW(parse_run_options({"--target", target, "--fail-on", "may"}), UsageError);
  EXPECT_THROW(parse_run_options({"--target", target, "--waivers", ""}), UsageError);
}

}  // namespace
}  // namespace smapi::harness
