#include "reports/fleet_reports.h"

#include "reports/detail/run_sections.h"
#include "reports/fleet_json.h"
#include "reports/json_report.h"
#include "reports/test_support/prove.h"
#include "reports/test_support/sample_run.h"

#include <boost/json/parse.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

namespace smapi::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::kSampleCatalogue;
using testing::sample_fleet;

std::size_t fleet_occurrences(const std::string& text, const std::string& piece) {
  std::size_t count = 0;
  for (auto at = text.find(piece); at != std::string::npos; at = text.find(piece, at + 1)) ++count;
  return count;
}

TEST(FleetJson, HasItsOwnSchemaVersionAndEachMembersReportUnchanged) {
  const suites::FleetResult fleet = sample_fleet();
  const auto report = to_fleet_report_json(fleet).as_object();
  EXPECT_EQ(report.at("schema_version"), kFleetReportSchemaVersion);
  EXPECT_NE(kFleetReportSchemaVersion, kJsonReportSchemaVersion);
  const auto& summary = report.at("summary").as_object();
  EXPECT_EQ(summary.at("verdict"), "non-conformant");
  EXPECT_EQ(summary.at("exit_status"), 1);
  EXPECT_EQ(summary.at("plugins").at("conformant"), 1);
  EXPECT_EQ(summary.at("plugins").at("non-conformant"), 1);
  EXPECT_EQ(summary.at("plugins").at("inconclusive"), 1);
  const auto& members = report.at("members").as_array();
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[0].at("harness_error"), "not a plugin directory: no Plugin.Query");
  EXPECT_EQ(members[0].at("verdict"), "inconclusive");
  EXPECT_EQ(members[1].at("name"), "volume/ext4-ng");
  // The single-run writer's report, as it is: the section is shared.
  EXPECT_EQ(members[1].at("report"), to_report_json(fleet.members[1].run));
  EXPECT_EQ(members[1].at("sarif").at("source_dir"), "volume/ext4-ng");
  EXPECT_TRUE(report.at("shard").is_null());
}

TEST(FleetJunit, WritesOneTestsuitePerPluginWithSummedCounts) {
  const suites::FleetResult fleet = sample_fleet();
  const std::string xml = to_fleet_junit_xml(fleet);
  EXPECT_EQ(fleet_occurrences(xml, "<testsuite "), 3u);
  EXPECT_THAT(xml, HasSubstr("<testsuite name=\"volume/ext4-ng\""));
  EXPECT_THAT(xml, HasSubstr("<testsuite name=\"volume/good\""));
  EXPECT_THAT(xml, HasSubstr("<error message=\"could not judge the plugin: not a plugin directory: no Plugin.Query\""));
  // ext4-ng: 6 tests, 2 failures, 1 error, 1 skip; good: 6 tests; broken: 1 error.
  EXPECT_THAT(xml, HasSubstr("<testsuites name=\"smapi-conform\" tests=\"13\" failures=\"2\" errors=\"2\" skipped=\"1\""));
  // The member suite is the single-run writer's, under the plugin's name.
  const auto suite = detail::junit_testsuite(fleet.members[1].run, "volume/ext4-ng", {});
  EXPECT_THAT(xml, HasSubstr(suite.xml));
}

TEST(FleetTap, WritesASubtestPerPluginAndAPointThatFailsUnlessConformant) {
  const std::string tap = to_fleet_tap_report(sample_fleet());
  EXPECT_THAT(tap, ::testing::StartsWith("TAP version 13\n1..3\n# Subtest: datapath/org.xen.xapi.storage.broken\n"));
  EXPECT_THAT(tap, HasSubstr("not ok 1 - datapath/org.xen.xapi.storage.broken (inconclusive)\n"));
  EXPECT_THAT(tap, HasSubstr("# Subtest: volume/ext4-ng\n    1..6\n    not ok 1 - QUERY-FIELD-TYPE (MUST)"));
  EXPECT_THAT(tap, HasSubstr("not ok 2 - volume/ext4-ng (non-conformant)\n  ---\n"));
  EXPECT_THAT(tap, HasSubstr("\nok 3 - volume/good (conformant)\n"));
  EXPECT_THAT(tap, Not(HasSubstr("Bail out!")));
}

TEST(FleetTap, ProveAgreesWithTheFleetsExitStatus) {
  if (!testing::prove_installed())
    GTEST_SKIP() << "prove (Perl's TAP::Harness) is not installed; cannot check TAP with a real consumer";
  suites::FleetResult good = sample_fleet();
  good.members.erase(good.members.begin(), good.members.begin() + 2);
  good.verdict = suites::fleet_verdict(good);
  for (const auto& fleet : {sample_fleet(), good}) {
    const testing::ProveRun result = testing::prove(to_fleet_tap_report(fleet));
    EXPECT_THAT(result.output, Not(HasSubstr("Parse errors")));
    EXPECT_EQ(result.status == 0, suites::exit_status(fleet) == 0) << result.output;
  }
  EXPECT_EQ(suites::exit_status(good), 0);
}

TEST(FleetTap, BailsOutWhenTheFleetWasInterrupted) {
  suites::FleetResult fleet = sample_fleet();
  fleet.members.pop_back();
  fleet.interruption = suites::Interruption{2, 3, 9};
  EXPECT_THAT(to_fleet_tap_report(fleet), HasSubstr("\nBail out! interrupted (SIGINT) after 2 of 3 plugins\n"));
}

TEST(FleetMarkdown, TablesThePluginsThenSummarisesEach) {
  const std::string md = to_fleet_markdown_summary(sample_fleet());
  EXPECT_THAT(md, ::testing::StartsWith("## smapi-conform: \u274C non-conformant\n\n3 plugins: 1 conformant, "
                                        "1 non-conformant, 1 inconclusive"));
  EXPECT_THAT(md, HasSubstr("| plugin | kind | verdict | failures | other failures |\n"));
  // QUERY-FIELD-TYPE and ERRORS-BAD-DBG; the SHOULD failure, which does not
  // count under --fail-on must, is an other failure.
  EXPECT_THAT(md, HasSubstr("| `volume/ext4-ng` | volume | \u274C non-conformant | 2 | 1 |\n"));
  EXPECT_THAT(md, HasSubstr("| `volume/good` | volume | \u2705 conformant | 0 | 0 |\n"));
  EXPECT_THAT(md, HasSubstr("\nother failures: failed requirements that do not decide the verdict"));
  EXPECT_THAT(md, HasSubstr("### `volume/ext4-ng`: \u274C non-conformant\n\nTarget `/plugins/ext4-ng`"));
  EXPECT_THAT(md, HasSubstr("#### Requirements not passed"));
  EXPECT_THAT(md, HasSubstr("Not judged: not a plugin directory: no Plugin.Query"));
}

TEST(FleetMarkdown, CountsAFailedShouldUnderFailOnShould) {
  suites::FleetResult fleet = sample_fleet();
  fleet.members[1].run.policy.fail_on = suites::FailOn::should;
  EXPECT_THAT(to_fleet_markdown_summary(fleet), HasSubstr("| `volume/ext4-ng` | volume | \u274C non-conformant | 3 | 0 |\n"));
}

TEST(FleetHtml, PutsTheFleetTableFirstAndKeepsEveryIdUnique) {
  const std::string html = to_fleet_html_report(sample_fleet());
  const auto table = html.find("<table class=\"fleet\">");
  ASSERT_NE(table, std::string::npos);
  EXPECT_LT(table, html.find("<section class=\"member\""));
  EXPECT_THAT(html, HasSubstr("<tr class=\"member\" data-verdict=\"non-conformant\"><td><a href=\"#p1\">"
                              "<code>volume/ext4-ng</code></a></td><td>volume</td>"));
  // Two failures decide the verdict; the SHOULD failure is an other failure.
  EXPECT_THAT(html, HasSubstr("<th>failures</th><th>other failures</th>"));
  EXPECT_THAT(html, HasSubstr("</span></td><td>2</td><td>1</td></tr>"));
  EXPECT_THAT(html, HasSubstr("<p>other failures: failed requirements that do not decide the verdict"));
  EXPECT_THAT(html, HasSubstr("id=\"p1-result-QUERY-FIELD-TYPE\""));
  EXPECT_THAT(html, HasSubstr("href=\"#p1-call-0\""));
  EXPECT_EQ(fleet_occurrences(html, "id=\"toolbar\""), 1u);
  std::set<std::string> ids;
  const std::regex id_attribute(" id=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id_attribute); it != std::sregex_iterator(); ++it)
    EXPECT_TRUE(ids.insert((*it)[1]).second) << "id used twice: " << (*it)[1];
  // Every in-page link lands on an id.
  const std::regex link(" href=\"#([^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), link); it != std::sregex_iterator(); ++it)
    EXPECT_TRUE(ids.count((*it)[1])) << "link to no id: " << (*it)[1];
}

TEST(FleetSarif, OneRunWhoseResultsNameTheirPluginAndLieUnderIt) {
  const auto sarif = to_fleet_sarif_json(sample_fleet(), kSampleCatalogue);
  const auto& runs = sarif.at("runs").as_array();
  ASSERT_EQ(runs.size(), 1u);
  const auto& results = runs[0].at("results").as_array();
  ASSERT_FALSE(results.empty());
  for (const auto& result : results) {
    EXPECT_EQ(result.at("properties").at("plugin"), "volume/ext4-ng");
    const auto& uri = result.at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri").as_string();
    EXPECT_THAT(std::string(uri), ::testing::StartsWith("volume/ext4-ng/"));
  }
  EXPECT_EQ(runs[0].at("invocations").at(0).at("exitCode"), 1);
  EXPECT_EQ(runs[0].at("properties").at("verdict"), "non-conformant");
  EXPECT_EQ(runs[0].at("properties").at("plugins").as_array().size(), 3u);
}

TEST(FleetSarif, AMemberWithoutSourceDirLiesUnderItsRelativeName) {
  suites::FleetResult fleet = sample_fleet();
  fleet.members[1].run.observations.subject.source_dir.clear();
  fleet.members[1].name = "/abs/volume/ext4-ng";  // not relative: kind and directory name instead
  fleet.members[1].run.observations.subject.plugin_dir_name = "ext4-ng";
  const auto sarif = to_fleet_sarif_json(fleet, kSampleCatalogue);
  const auto& result = sarif.at("runs").at(0).at("results").at(0);
  EXPECT_EQ(result.at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri"),
            "volume/ext4-ng/Plugin.Query");
}

TEST(WriteFleetReports, WritesEveryFormatIntoTheDirectory) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("fleet-reports-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::create_directories(dir);
  const std::vector formats{ReportFormat::json, ReportFormat::junit, ReportFormat::html,
                            ReportFormat::markdown, ReportFormat::tap, ReportFormat::sarif};
  const auto written = write_fleet_reports(sample_fleet(), kSampleCatalogue, dir, formats);
  ASSERT_EQ(written.size(), 6u);
  for (const auto& file : written) EXPECT_GT(std::filesystem::file_size(file), 100u) << file;
  std::ifstream in(dir / "report.json");
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  EXPECT_EQ(text, to_fleet_report_text(sample_fleet()));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace smapi::reports
