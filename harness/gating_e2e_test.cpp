// End-to-end: the built smapi-conform's catalogue and CI-gating commands
// (list, explain, --fail-on, --waivers, diff) against fixture plugins.

#include "fixtures/e2e/process.h"

#include <boost/json/parse.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace smapi {
namespace {

using ::testing::HasSubstr;

const std::string kConform = std::string(SMAPI_BIN_DIR) + "/smapi-conform";
const std::string kPlugins = std::string(SMAPI_SOURCE_DIR) + "/fixtures/plugins/";
// A plugin whose only defect is a SHOULD (QUERY-KEYS-EXACT: a warn in xapi, a fail in strict).
const std::string kKeysExact = kPlugins + "defects/query-keys-exact/volume/org.xen.xapi.storage.ext4-ng";
const std::string kGood = kPlugins + "good/ext4-ng-full/volume/org.xen.xapi.storage.ext4-ng";

class Gating : public ::testing::Test {
 protected:
  void SetUp() override { std::filesystem::create_directories(dir_); }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const auto file = dir_ / name;
    std::ofstream(file) << text;
    return file.string();
  }
  std::string waiver(const std::string& expires) {
    return write("waivers.json",
                 R"({"waivers":[{"id":"QUERY-KEYS-EXACT","reason":"vendor fix pending","ticket":"XAPI-123","expires":")" +
                     expires + R"("}]})");
  }
  // A quick strict run of `target` (no repeats or probes: not what this tests).
  e2e::Finished run(const std::string& target, std::vector<std::string> extra = {}) {
    std::vector<std::string> argv{kConform, "run",      "--target", target,   "--profile", "strict",
                                  "--repeat", "1",      "--concurrency", "1", "--no-probes", "--quiet"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return e2e::run(argv);
  }

  std::filesystem::path dir_ = std::filesystem::temp_directory_path() /
                               ("h5-gating-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
};

TEST_F(Gating, FailOnShouldMakesAFailedShouldNonConformant) {
  EXPECT_EQ(run(kKeysExact).exit_status, 0);
  const auto strict = run(kKeysExact, {"--fail-on", "should"});
  EXPECT_EQ(strict.exit_status, 1) << strict.out << strict.err;
  EXPECT_THAT(strict.out, HasSubstr("verdict: non-conformant"));
}

// report.tap follows the exit status: the failed SHOULD is TODO only while
// it does not count (the run sets RunResult::policy from --fail-on).
TEST_F(Gating, TheTapReportFollowsFailOn) {
  const auto tap_line = [&](const std::string& fail_on) {
    const auto out = dir_ / fail_on;
    const auto result = run(kKeysExact, {"--fail-on", fail_on, "--report-dir", out.string(), "--format", "tap"});
    std::ifstream in(out / "report.tap");
    for (std::string line; std::getline(in, line);)
      if (line.find("QUERY-KEYS-EXACT") != std::string::npos) return std::to_string(result.exit_status) + " " + line;
    return std::to_string(result.exit_status) + " (no QUERY-KEYS-EXACT point)";
  };
  const std::string must = tap_line("must");
  EXPECT_THAT(must, ::testing::StartsWith("0 not ok "));
  EXPECT_THAT(must, HasSubstr(" # TODO SHOULD: does not affect the verdict under --fail-on must"));
  const std::string should = tap_line("should");
  EXPECT_THAT(should, ::testing::StartsWith("1 not ok "));
  EXPECT_THAT(should, ::testing::Not(HasSubstr("# TODO")));
}

TEST_F(Gating, AWaiverCoversTheFailureUntilItExpires) {
  const auto waived = run(kKeysExact, {"--fail-on", "should", "--waivers", waiver("2999-12-31")});
  EXPECT_EQ(waived.exit_status, 0) << waived.out << waived.err;
  EXPECT_THAT(waived.out, HasSubstr("[waived: XAPI-123 until 2999-12-31]"));

  const auto expired = run(kKeysExact, {"--waivers", waiver("2001-01-01")});
  EXPECT_EQ(expired.exit_status, 1) << expired.out << expired.err;
  EXPECT_THAT(expired.out, HasSubstr("waiver: QUERY-KEYS-EXACT expired 2001-01-01 (ticket XAPI-123)"));
}

TEST_F(Gating, AWaiverOnAPassingRequirementIsReportedNotFatal) {
  const auto result = run(kGood, {"--waivers", waiver("2999-12-31")});
  EXPECT_EQ(result.exit_status, 0) << result.out << result.err;
  EXPECT_THAT(result.out, HasSubstr("waiver: QUERY-KEYS-EXACT passed although waived"));
}

TEST_F(Gating, ABadWaiversFileIsAUsageErrorNamingTheJsonPath) {
  const auto file = write("bad.json", R"({"waivers":[{"id":"QUERY-KEYS-EXACT","reason":"r","ticket":"t","expires":"soon"}]})");
  const auto result = run(kKeysExact, {"--waivers", file});
  EXPECT_EQ(result.exit_status, 2);
  EXPECT_THAT(result.err, HasSubstr("$.waivers[0].expires: expected a date YYYY-MM-DD"));
  const auto unknown = run(kKeysExact, {"--waivers", write("unknown.json",
      R"({"waivers":[{"id":"NOPE-NOPE","reason":"r","ticket":"t","expires":"2999-01-01"}]})")});
  EXPECT_EQ(unknown.exit_status, 2);
  EXPECT_THAT(unknown.err, HasSubstr("$.waivers[0].id: no requirement \"NOPE-NOPE\""));
}

TEST_F(Gating, DiffExitsOneOnARegression) {
  ASSERT_EQ(run(kGood, {"--report-dir", (dir_ / "old").string()}).exit_status, 0);
  ASSERT_EQ(run(kKeysExact, {"--report-dir", (dir_ / "new").string()}).exit_status, 0);
  const auto old_report = (dir_ / "old/report.json").string();
  const auto new_report = (dir_ / "new/report.json").string();
  const auto worse = e2e::run({kConform, "diff", old_report, new_report});
  EXPECT_EQ(worse.exit_status, 1) << worse.out << worse.err;
  EXPECT_THAT(worse.out, HasSubstr("REGRESSION QUERY-KEYS-EXACT: pass -> fail"));
  const auto better = e2e::run({kConform, "diff", new_report, old_report});
  EXPECT_EQ(better.exit_status, 0);
  EXPECT_THAT(better.out, HasSubstr("FIXED      QUERY-KEYS-EXACT: fail -> pass"));
  const auto unreadable = e2e::run({kConform, "diff", old_report, kGood + "/Plugin.Query"});
  EXPECT_EQ(unreadable.exit_status, 2);
  EXPECT_THAT(unreadable.err, HasSubstr("Plugin.Query: $: not valid JSON"));
}

TEST(CatalogueCommands, ListJsonParsesAndExplainSuggestsOnUnknownIds) {
  const auto list = e2e::run({kConform, "list", "--format", "json"});
  ASSERT_EQ(list.exit_status, 0);
  EXPECT_TRUE(boost::json::parse(list.out).is_array());
  const auto explain = e2e::run({kConform, "explain", "QUERY-KEYS-EXAKT"});
  EXPECT_EQ(explain.exit_status, 2);
  EXPECT_THAT(explain.err, HasSubstr("closest: QUERY-KEYS-EXACT"));
  const auto known = e2e::run({kConform, "explain", "QUERY-KEYS-EXACT"});
  EXPECT_EQ(known.exit_status, 0);
  EXPECT_THAT(known.out, HasSubstr("profiles:     xapi: a misspelled, repeated or unknown key is a warn"));
}

}  // namespace
}  // namespace smapi
