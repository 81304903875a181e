#include "harness/merge_command.h"

#include "reports/detail/atomic_file.h"
#include "reports/fleet_json.h"
#include "reports/report_reader.h"
#include "reports/test_support/sample_run.h"
#include "suites/catalogue.h"

#include <boost/json/parse.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace smapi::harness {
namespace {

using ::testing::HasSubstr;
using reports::testing::sample_fleet;

// A shard of a fleet: the members at `indexes`, as run --shard K/N keeps them.
suites::FleetResult shard_of(const suites::FleetResult& fleet, suites::Shard shard, std::vector<std::size_t> indexes) {
  suites::FleetResult out = fleet;
  out.members.clear();
  for (std::size_t index : indexes) out.members.push_back(fleet.members[index]);
  out.shard = shard;
  out.verdict = suites::fleet_verdict(out);
  return out;
}

// What merge reads: the shard's report.json, read back.
MergeInput as_read(const std::string& source, const suites::FleetResult& fleet) {
  auto read = reports::parse_report(reports::to_fleet_report_text(fleet), source, reports::testing::kSampleCatalogue);
  if (!read.value) throw std::runtime_error(read.error);
  return {source, std::move(read.value->fleet)};
}

// A report without what varies from run to run: start times and durations.
boost::json::value without_timings(boost::json::value value) {
  if (auto* object = value.if_object()) {
    for (const char* key : {"started_at", "duration_ms", "elapsed_ms"}) object->erase(key);
    for (auto& member : *object) member.value() = without_timings(member.value());
  } else if (auto* array = value.if_array()) {
    for (auto& item : *array) item = without_timings(item);
  }
  return value;
}

std::string merge_error(const std::vector<MergeInput>& inputs) {
  const auto merged = merge_fleets(inputs);
  EXPECT_FALSE(merged.fleet.has_value());
  return merged.error;
}

TEST(MergeFleets, TwoShardsMergedEqualTheUnshardedRunApartFromTimings) {
  const suites::FleetResult whole = sample_fleet();
  suites::FleetResult first = shard_of(whole, {1, 2}, {0, 2});
  suites::FleetResult second = shard_of(whole, {2, 2}, {1});
  first.started_at = "2026-01-02T03:04:09Z";
  second.duration = std::chrono::milliseconds(99);
  // In either order.
  for (const auto& inputs : {std::vector{as_read("1.json", first), as_read("2.json", second)},
                             std::vector{as_read("2.json", second), as_read("1.json", first)}}) {
    const auto merged = merge_fleets(inputs);
    ASSERT_TRUE(merged.fleet) << merged.error;
    EXPECT_EQ(without_timings(reports::to_fleet_report_json(*merged.fleet)),
              without_timings(reports::to_fleet_report_json(whole)));
    EXPECT_FALSE(merged.fleet->shard.has_value());
    EXPECT_EQ(merged.fleet->verdict, suites::Verdict::non_conformant);
    EXPECT_EQ(suites::exit_status(*merged.fleet), 1);
  }
}

TEST(MergeFleets, RefusesEachMismatchInOneLine) {
  const suites::FleetResult whole = sample_fleet();
  const auto a = as_read("a.json", shard_of(whole, {1, 2}, {0, 2}));
  const auto b = as_read("b.json", shard_of(whole, {2, 2}, {1}));
  EXPECT_EQ(merge_error({a, as_read("c.json", shard_of(whole, {2, 3}, {1}))}),
            "a.json is shard 1 of 2 but c.json is shard 2 of 3: the shards of one run have one count");
  EXPECT_EQ(merge_error({a, as_read("c.json", shard_of(whole, {1, 2}, {1}))}), "a.json and c.json are both shard 1 of 2");
  EXPECT_EQ(merge_error({a, as_read("c.json", shard_of(whole, {2, 2}, {1, 2}))}),
            "volume/good is in both a.json and c.json: the shards overlap");
  EXPECT_EQ(merge_error({a}), "missing shard 2 of 2: merge needs the report of every shard");
  EXPECT_EQ(merge_error({a, as_read("c.json", shard_of(whole, {2, 2}, {}))}),
            "no report covers volume/ext4-ng (discovered, but in no shard): a shard's report is missing");
  suites::FleetResult elsewhere = shard_of(whole, {2, 2}, {1});
  elsewhere.discovered.push_back("volume/zzz");
  EXPECT_EQ(merge_error({a, as_read("c.json", elsewhere)}),
            "a.json and c.json discovered different plugins: they are not shards of one run");
  suites::FleetResult stricter = shard_of(whole, {2, 2}, {1});
  stricter.policy.fail_on = suites::FailOn::should;
  EXPECT_EQ(merge_error({a, as_read("c.json", stricter)}),
            "a.json was judged with --fail-on must but c.json with --fail-on should");
  EXPECT_EQ(merge_error({}), "no report to merge");
  EXPECT_TRUE(merge_fleets({a, b}).fleet.has_value());
}

TEST(MergeFleets, AnInterruptedShardMayMissPluginsAndKeepsTheMergeInterrupted) {
  const suites::FleetResult whole = sample_fleet();
  suites::FleetResult stopped = shard_of(whole, {2, 2}, {});
  stopped.interruption = suites::Interruption{15, 0, 12};
  const auto merged = merge_fleets({as_read("a.json", shard_of(whole, {1, 2}, {0, 2})), as_read("b.json", stopped)});
  ASSERT_TRUE(merged.fleet) << merged.error;
  EXPECT_EQ(merged.fleet->verdict, suites::Verdict::interrupted);
  EXPECT_EQ(suites::exit_status(*merged.fleet), 143);
}

TEST(MergeFleets, ManyMissingPluginsAreCountedNotAllListed) {
  suites::FleetResult whole = sample_fleet();
  for (int i = 0; i < 9; ++i) whole.discovered.push_back("volume/z" + std::to_string(i));
  const auto error = merge_error({as_read("a.json", shard_of(whole, {1, 1}, {0, 1, 2}))});
  EXPECT_EQ(error, "no report covers volume/z0, volume/z1, volume/z2, volume/z3, volume/z4 and 4 more (discovered, "
                   "but in no shard): a shard's report is missing");
}

// The command, on files: the sample fleet's results named by real catalogue rows.
class MergeCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("merge-command-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    whole_ = sample_fleet();
    for (auto& member : whole_.members)
      for (std::size_t i = 0; i < member.run.results.size(); ++i)
        member.run.results[i].requirement = &suites::catalogue()[i];
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const suites::FleetResult& fleet) {
    const auto file = dir_ / name;
    reports::detail::write_file_atomically(file, reports::to_fleet_report_text(fleet));
    return file.string();
  }
  int merge(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    return merge_command(args, out_, err_);
  }

  std::filesystem::path dir_;
  suites::FleetResult whole_;
  std::ostringstream out_, err_;
};

TEST_F(MergeCommand, WritesEveryFormatAndExitsWithTheMergedVerdict) {
  const auto a = write("a.json", shard_of(whole_, {1, 2}, {0, 2}));
  const auto b = write("b.json", shard_of(whole_, {2, 2}, {1}));
  EXPECT_EQ(merge({(dir_ / "out").string(), a, b, "--format", "all"}), 1) << err_.str();
  EXPECT_THAT(out_.str(), ::testing::StartsWith("merged 2 reports\nsmapi-conform 0.1.0: 3 plugins judged of 3 discovered\n"));
  EXPECT_THAT(out_.str(), HasSubstr("\nverdict: non-conformant\nreports: "));
  for (const char* file : {"report.json", "junit.xml", "report.html", "summary.md", "report.tap", "report.sarif"})
    EXPECT_TRUE(std::filesystem::exists(dir_ / "out" / file)) << file;
  std::ifstream in(dir_ / "out" / "report.json");
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  EXPECT_EQ(without_timings(boost::json::parse(text)), without_timings(reports::to_fleet_report_json(whole_)));
}

TEST_F(MergeCommand, RefusesReportsOfDifferentCatalogueVersions) {
  const auto a = write("a.json", shard_of(whole_, {1, 2}, {0, 2}));
  std::string text = reports::to_fleet_report_text(shard_of(whole_, {2, 2}, {1}));
  const std::string ours = "\"catalogue_version\": \"" + std::string(suites::catalogue_version()) + "\"";
  text.replace(text.find(ours), ours.size(), "\"catalogue_version\": \"1.0.0\"");
  reports::detail::write_file_atomically(dir_ / "b.json", text);
  EXPECT_EQ(merge({(dir_ / "out").string(), a, (dir_ / "b.json").string()}), 2);
  EXPECT_EQ(err_.str(), "smapi-conform merge: " + a + " and " + (dir_ / "b.json").string() +
                            " are from different catalogue versions (" + std::string(suites::catalogue_version()) +
                            " and 1.0.0)\n");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "out"));
}

TEST_F(MergeCommand, NamesAnUnreadableReport) {
  EXPECT_EQ(merge({(dir_ / "out").string(), (dir_ / "none.json").string()}), 2);
  EXPECT_THAT(err_.str(), ::testing::StartsWith("smapi-conform merge: " + (dir_ / "none.json").string() +
                                                ": cannot read: "));
}

TEST_F(MergeCommand, NamesAnOutDirItCannotWriteIn) {
  const auto a = write("a.json", whole_);
  reports::detail::write_file_atomically(dir_ / "file", "not a directory");
  EXPECT_EQ(merge({(dir_ / "file").string(), a}), 2);
  EXPECT_EQ(err_.str(), "smapi-conform merge: OUT_DIR: \"" + (dir_ / "file").string() + "\" is not a directory\n");
}

TEST_F(MergeCommand, ASingleReportIsRewrittenInTheFormatsAsked) {
  const auto a = write("a.json", whole_);
  EXPECT_EQ(merge({(dir_ / "out").string(), a, "--format", "tap"}), 1);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "out" / "report.tap"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "out" / "report.json"));
}

TEST_F(MergeCommand, HelpAndBadFormats) {
  EXPECT_EQ(merge({"--help"}), 0);
  EXPECT_THAT(out_.str(), HasSubstr("usage: smapi-conform merge OUT_DIR REPORT.json..."));
  EXPECT_THROW(merge({"out", "a.json", "--format", "pdf"}), UsageError);
  EXPECT_THROW(merge({"out"}), UsageError);
}

}  // namespace
}  // namespace smapi::harness
