#include "reports/report_reader.h"

#include "reports/fleet_json.h"
#include "reports/fleet_reports.h"
#include "reports/json_report.h"
#include "reports/test_support/sample_run.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::reports {
namespace {

using ::testing::HasSubstr;
using testing::kSampleCatalogue;

ReadReport read_ok(const std::string& text) {
  auto read = parse_report(text, "report.json", kSampleCatalogue);
  EXPECT_EQ(read.error, "");
  if (!read.value) throw std::runtime_error(read.error);
  return std::move(*read.value);
}

std::string read_error(const std::string& text) {
  const auto read = parse_report(text, "r.json", kSampleCatalogue);
  EXPECT_FALSE(read.value.has_value());
  return read.error;
}

// What merge needs: a report read back writes the same report again.
TEST(ReportReader, AFleetReadBackWritesTheSameReport) {
  const std::string text = to_fleet_report_text(testing::sample_fleet());
  const ReadReport read = read_ok(text);
  EXPECT_TRUE(read.header.fleet);
  EXPECT_EQ(read.header.catalogue_version, suites::catalogue_version());
  EXPECT_EQ(to_fleet_report_text(read.fleet), text);
  EXPECT_EQ(read.fleet.verdict, suites::Verdict::non_conformant);
  ASSERT_EQ(read.fleet.members.size(), 3u);
  EXPECT_EQ(read.fleet.members[0].harness_error, "not a plugin directory: no Plugin.Query");
  // Results name the catalogue's rows.
  EXPECT_EQ(read.fleet.members[1].run.results[0].requirement, &kSampleCatalogue[0]);
}

TEST(ReportReader, AShardKeepsItsShardAndDiscoveredPlugins) {
  suites::FleetResult shard = testing::sample_fleet();
  shard.members.erase(shard.members.begin());
  shard.shard = suites::Shard{2, 3};
  shard.policy.fail_on = suites::FailOn::should;
  const ReadReport read = read_ok(to_fleet_report_text(shard));
  EXPECT_EQ(read.fleet.shard, (suites::Shard{2, 3}));
  EXPECT_EQ(read.fleet.discovered.size(), 3u);
  EXPECT_EQ(read.fleet.policy.fail_on, suites::FailOn::should);
}

TEST(ReportReader, ASingleRunIsAFleetOfOneThatWritesTheSameRunReport) {
  for (const auto& run : {testing::sample_run(), testing::sample_run_with_waivers(),
                          testing::sample_run_with_hostile_text()}) {
    const std::string text = to_report_text(run);
    const ReadReport read = read_ok(text);
    EXPECT_FALSE(read.header.fleet);
    ASSERT_EQ(read.fleet.members.size(), 1u);
    EXPECT_EQ(read.fleet.members[0].name, run.observations.subject.target);
    EXPECT_EQ(read.fleet.discovered, std::vector{run.observations.subject.target});
    EXPECT_EQ(to_report_text(read.fleet.members[0].run), text);
    EXPECT_EQ(read.fleet.verdict, run.verdict);
  }
}

TEST(ReportReader, QuotedFieldsStayAsQuotedWithTheirDigest) {
  suites::FleetResult fleet = testing::sample_fleet();
  fleet.members[1].run.observations.calls[0].reply_bytes = std::string(10'000, 'x');
  const std::string text = to_fleet_report_text(fleet);
  ASSERT_THAT(text, HasSubstr("bytes omitted]"));
  const ReadReport read = read_ok(text);
  EXPECT_EQ(to_fleet_report_text(read.fleet), text);
  // The text formats read the quoted prefix, and the whole field's size.
  const auto& call = read.fleet.members[1].run.observations.calls[0];
  EXPECT_EQ(call.reply_bytes, std::string(ReportLimits{}.max_quoted_field_bytes, 'x'));
  ASSERT_TRUE(call.whole.has_value());
  EXPECT_EQ(call.whole->reply_size, 10'000u);
  EXPECT_THAT(to_fleet_junit_xml(read.fleet), HasSubstr("reply (10000 bytes):"));
}

TEST(ReportReader, NamesTheJsonPathOfWhatIsWrong) {
  std::string text = to_fleet_report_text(testing::sample_fleet());
  EXPECT_EQ(read_error("{\"schema_version\": 3}"),
            "r.json: $.schema_version: this smapi-conform reads reports of schema_version 4 (one run) and 5 (a "
            "fleet), not 3");
  EXPECT_THAT(read_error("[1"), ::testing::StartsWith("r.json: not a report.json: "));
  std::string unknown = text;
  unknown.replace(unknown.find("\"id\": \"QUERY-FIELD-TYPE\""), 24, "\"id\": \"QUERY-NOPE\"");
  EXPECT_EQ(read_error(unknown), "r.json: $.members[1].report.results[0].id: \"QUERY-NOPE\" is not a requirement "
                                 "of catalogue " + std::string(suites::catalogue_version()));
  std::string other = text;
  other.replace(other.find("\"catalogue_version\": \""), 22, "\"catalogue_version\": \"1.0.0\", \"x\": \"");
  EXPECT_EQ(read_error(other), "r.json: $.catalogue_version: judged by catalogue 1.0.0; this smapi-conform's "
                               "catalogue is " + std::string(suites::catalogue_version()));
  std::string outcome = text;
  outcome.replace(outcome.find("\"outcome\": \"fail\""), 17, "\"outcome\": \"meh\"");
  EXPECT_EQ(read_error(outcome), "r.json: $.members[1].report.results[0].outcome: expected one of pass, fail, warn, "
                                 "skip, error, got \"meh\"");
  std::string missing = text;
  missing.replace(missing.find("\"discovered\""), 12, "\"uncovered\"");
  EXPECT_EQ(read_error(missing), "r.json: $.discovered: missing");
}

TEST(ReportReader, RefusesEvidenceNamingNoCall) {
  std::string text = to_report_text(testing::sample_run());
  const auto at = text.find("\"evidence\": [0]");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 15, "\"evidence\": [7]");
  EXPECT_EQ(read_error(text), "r.json: $.results[0].evidence[0]: names no call of this report");
}

// Replaces the n-th node (depth first, the root is 0) of value with a value of
// another type; returns whether there was one.
bool replace_nth(boost::json::value& value, std::size_t& n) {
  if (n-- == 0) {
    value = value.is_object() ? boost::json::value(7) : boost::json::value(boost::json::object{{"x", 1}});
    return true;
  }
  if (auto* object = value.if_object())
    for (auto& member : *object)
      if (replace_nth(member.value(), n)) return true;
  if (auto* array = value.if_array())
    for (auto& item : *array)
      if (replace_nth(item, n)) return true;
  return false;
}

// Any member of the wrong type, anywhere: an error or a report, never a
// throw or a crash; and what the reader accepts writes a report it reads again.
TEST(ReportReader, AMistypedValueAnywhereIsAnErrorOrHarmless) {
  const auto good = boost::json::parse(to_fleet_report_text(testing::sample_fleet()));
  std::size_t refused = 0, nodes = 0;
  for (;; ++nodes) {
    boost::json::value mutated = good;
    std::size_t n = nodes;
    if (!replace_nth(mutated, n)) break;
    ReadOutcome<ReadReport> read;
    ASSERT_NO_THROW(read = parse_report(boost::json::serialize(mutated), "r.json", kSampleCatalogue)) << nodes;
    if (!read.value) {
      ++refused;
      EXPECT_THAT(read.error, ::testing::StartsWith("r.json: $")) << nodes;
      continue;
    }
    const auto again = parse_report(to_fleet_report_text(read.value->fleet), "again.json", kSampleCatalogue);
    EXPECT_TRUE(again.value) << nodes << ": " << again.error;
  }
  EXPECT_GT(nodes, 500u);
  // What is not read is derived (summaries, a result's catalogue text) and written anew.
  EXPECT_GT(refused, nodes * 2 / 3) << refused << " of " << nodes;
  RecordProperty("refused", std::to_string(refused) + " of " + std::to_string(nodes));
}

TEST(ReportedOutcomes, ListFailedAndErroredIdsOfEveryMemberWithoutTheCatalogue) {
  const auto read = parse_reported_outcomes(to_fleet_report_text(testing::sample_fleet()), "r.json");
  ASSERT_EQ(read.error, "");
  EXPECT_TRUE(read.value->header.fleet);
  EXPECT_EQ(read.value->results.size(), 12u);
  EXPECT_EQ(read.value->results[0].plugin, "volume/ext4-ng");
  EXPECT_EQ(failed_or_errored_ids(*read.value),
            (std::vector<std::string>{"DIAG-NO-PII", "ERRORS-BAD-DBG", "QUERY-FIELD-TYPE"}));
}

TEST(LoadReport, NamesAFileItCannotRead) {
  const auto read = load_report("/nonexistent/report.json", kSampleCatalogue);
  EXPECT_THAT(read.error, ::testing::StartsWith("/nonexistent/report.json: cannot read: "));
}

}  // namespace
}  // namespace smapi::reports
