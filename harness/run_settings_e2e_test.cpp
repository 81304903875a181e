// End-to-end: --only, --skip, plan, --rerun-failed and --config through the
// built smapi-conform, against fixture plugins.

#include "fixtures/e2e/process.h"
#include "fixtures/e2e/report_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace smapi {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const std::string kConform = std::string(SMAPI_BIN_DIR) + "/smapi-conform";
const std::string kPlugins = std::string(SMAPI_SOURCE_DIR) + "/fixtures/plugins/";
// A plugin whose one defect is Plugin.ls answering no list (LS-ANSWERS, a MUST).
const std::string kLsAnswers = kPlugins + "defects/ls-answers/volume/org.xen.xapi.storage.ext4-ng";
// A good plugin with every method: a default run makes every planned call.
const std::string kGood = kPlugins + "good/ext4-ng-full/volume/org.xen.xapi.storage.ext4-ng";
// Quick runs: no repeats, concurrent calls or probes (not what these test).
const std::vector<std::string> kQuick{"--repeat", "1", "--concurrency", "1", "--no-probes", "--quiet"};

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class RunSettings : public ::testing::Test {
 protected:
  void TearDown() override { std::filesystem::remove_all(dir_); }

  e2e::Finished conform(std::vector<std::string> args, bool quick = true) {
    args.insert(args.begin(), kConform);
    if (quick) args.insert(args.end(), kQuick.begin(), kQuick.end());
    return e2e::run(args);
  }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  const boost::json::array& results_of(const boost::json::value& report) { return report.at("results").as_array(); }

  std::filesystem::path dir_ =
      e2e::fresh_dir(std::string("settings-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
};

TEST_F(RunSettings, OnlyAnAreaJudgesItAndEveryFormatShowsTheRestNotSelected) {
  const auto reports = (dir_ / "reports").string();
  const auto run = conform(
      {"run", "--target", kLsAnswers, "--only", "area:query", "--report-dir", reports, "--format", "all"}, false);
  EXPECT_EQ(run.exit_status, 0) << run.out << run.err;  // the Plugin.ls defect is not selected
  EXPECT_THAT(run.out, HasSubstr("verdict: conformant"));
  const auto report = e2e::read_report(reports + "/report.json");
  std::size_t not_selected = 0;
  for (const auto& result : results_of(report)) {
    const bool query = result.at("area").as_string() == "query";
    const std::string message(result.at("message").as_string());
    EXPECT_EQ(message.starts_with("not selected: outside --only area:query"), !query) << message;
    if (!query) {
      EXPECT_EQ(result.at("outcome").as_string(), "skip");
    }
    not_selected += !query;
  }
  EXPECT_GT(not_selected, 10u);
  // No selected requirement reads anything but the plain Plugin.query: no
  // other call was made, the default probes included.
  ASSERT_EQ(report.at("calls").as_array().size(), 1u);
  EXPECT_EQ(report.at("calls").as_array()[0].at("label").as_string(), "Plugin.query");
  EXPECT_THAT(slurp(reports + "/junit.xml"), HasSubstr("<skipped message=\"not selected: outside --only area:query\""));
  EXPECT_THAT(slurp(reports + "/report.tap"), HasSubstr("# SKIP not selected: outside --only area:query"));
  EXPECT_THAT(slurp(reports + "/summary.md"), HasSubstr("not selected: outside --only area:query"));
  EXPECT_THAT(slurp(reports + "/report.html"), HasSubstr("not selected: outside --only area:query"));
}

TEST_F(RunSettings, SkipTakesARequirementOutOfTheVerdict) {
  EXPECT_EQ(conform({"run", "--target", kLsAnswers}).exit_status, 1);
  const auto reports = (dir_ / "reports").string();
  const auto run = conform({"run", "--target", kLsAnswers, "--skip", "LS-ANSWERS,LS-UNIQUE", "--report-dir", reports});
  EXPECT_EQ(run.exit_status, 0) << run.out << run.err;
  const auto report = e2e::read_report(reports + "/report.json");
  EXPECT_EQ(e2e::ids_with(report, "fail"), std::set<std::string>{});
  for (const auto& result : results_of(report))
    if (result.at("id").as_string() == "LS-ANSWERS") {
      EXPECT_EQ(result.at("message").as_string(), "not selected: --skip LS-ANSWERS");
    }
}

TEST_F(RunSettings, AnUnknownTermIsAUsageErrorWithTheNearestName) {
  const auto run = conform({"run", "--target", kGood, "--only", "area:quary"});
  EXPECT_EQ(run.exit_status, 2);
  EXPECT_THAT(run.err, StartsWith("smapi-conform run: --only: no area \"area:quary\" (did you mean area:query?)"));
  const auto glob = conform({"run", "--target", kGood, "--skip", "QEURY-*"});
  EXPECT_EQ(glob.exit_status, 2);
  EXPECT_THAT(glob.err, HasSubstr("\"QEURY-*\" matches no requirement ID (did you mean QUERY-*?)"));
}

TEST_F(RunSettings, CertifyRefusesAnySelection) {
  for (const auto* flag : {"--only", "--skip", "--rerun-failed"}) {
    const auto run = e2e::run({kConform, "certify", "--target", kGood, "--sign-key", "k", "--out",
                               (dir_ / "bundle").string(), flag, "QUERY-ANSWERS"});
    EXPECT_EQ(run.exit_status, 2) << flag;
    EXPECT_THAT(run.err, StartsWith("smapi-conform certify: " + std::string(flag) +
                                    " is not allowed: a certification judges every requirement\n"));
    EXPECT_FALSE(std::filesystem::exists(dir_ / "bundle"));
  }
}

TEST_F(RunSettings, CertifyTakesAConfigFileButRefusesASelectionInIt) {
  const auto bundle = (dir_ / "bundle").string();
  const auto selecting = write("select.json", R"({"target": ")" + kGood + R"(", "only": "area:query"})");
  const auto refused = e2e::run({kConform, "certify", "--config", selecting, "--sign-key", "k", "--out", bundle});
  EXPECT_EQ(refused.exit_status, 2);
  EXPECT_EQ(refused.err, "smapi-conform certify: --config " + selecting +
                             ": $.only: --only is not allowed: a certification judges every requirement\n"
                             "(see smapi-conform certify --help)\n");
  // certify's own flags come from the file too: its key is checked before any run.
  const auto keyed = write(
      "keyed.json", R"({"target": ")" + kGood + R"(", "sign-key": "/nonexistent/key", "out": ")" + bundle + R"("})");
  const auto run = e2e::run({kConform, "certify", "--config", keyed});
  EXPECT_EQ(run.exit_status, 2);
  EXPECT_THAT(run.err, HasSubstr("--sign-key: cannot read \"/nonexistent/key\""));
  EXPECT_FALSE(std::filesystem::exists(bundle));
}

TEST_F(RunSettings, PlanCallsNothingAndListsWhatRunMakes) {
  // A plugin whose every method leaves a mark when it is called.
  const auto plugin = dir_ / "volume" / "org.xen.xapi.storage.marks";
  std::filesystem::create_directories(plugin);
  for (const auto* method : {"Plugin.Query", "Plugin.ls", "Plugin.diagnostics"}) {
    const auto file = plugin / method;
    std::ofstream(file) << "#!/bin/sh\ntouch " << (dir_ / "called").string() << "\necho '\"x\"'\n";
    std::filesystem::permissions(file, std::filesystem::perms::owner_all);
  }
  const auto plan = conform({"plan", "--target", plugin.string(), "--only", "area:query,QUERY-STABLE"}, false);
  EXPECT_EQ(plan.exit_status, 0) << plan.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "called"));
  EXPECT_THAT(plan.out,
              AllOf(HasSubstr("calls, in order (10):\n   1  Plugin.query\n   2  Plugin.query #2\n"),
                    HasSubstr("not selected: outside --only area:query, QUERY-STABLE"), Not(HasSubstr("Plugin.ls"))));

  // The plan of the default run of a good plugin is the calls that run makes.
  const auto full_plan = conform({"plan", "--target", kGood}, false);
  const auto reports = (dir_ / "reports").string();
  const auto run = conform({"run", "--target", kGood, "--quiet", "--report-dir", reports}, false);
  ASSERT_EQ(run.exit_status, 0) << run.out << run.err;
  const auto calls = e2e::read_report(reports + "/report.json").at("calls").as_array().size();
  EXPECT_THAT(full_plan.out, HasSubstr("calls, in order (" + std::to_string(calls) + "):\n"));
}

TEST_F(RunSettings, RerunFailedJudgesOnlyWhatFailed) {
  const auto first = (dir_ / "first").string();
  ASSERT_EQ(conform({"run", "--target", kLsAnswers, "--report-dir", first}).exit_status, 1);
  const auto earlier = first + "/report.json";
  const auto failed = e2e::ids_with(e2e::read_report(earlier), "fail");
  ASSERT_TRUE(failed.contains("LS-ANSWERS"));

  const auto second = (dir_ / "second").string();
  const auto rerun = conform({"run", "--target", kLsAnswers, "--rerun-failed", earlier, "--report-dir", second});
  EXPECT_EQ(rerun.exit_status, 1) << rerun.out << rerun.err;
  EXPECT_EQ(rerun.err, "") << "the same catalogue: nothing to say";
  const auto report = e2e::read_report(second + "/report.json");
  EXPECT_EQ(e2e::ids_with(report, "fail"), failed);
  for (const auto& result : results_of(report))
    if (!failed.contains(std::string(result.at("id").as_string()))) {
      EXPECT_THAT(std::string(result.at("message").as_string()),
                  StartsWith("not selected: neither failed nor errored in"));
    }
}

TEST_F(RunSettings, RerunFailedSaysWhenTheCatalogueDiffers) {
  auto earlier = boost::json::parse(R"({"schema_version": 4, "catalogue_version": "1.0.0",
      "summary": {"verdict": "non-conformant"},
      "results": [{"id": "LS-ANSWERS", "outcome": "fail", "waiver": null},
                  {"id": "QUERY-OLD-NAME", "outcome": "error", "waiver": null}]})");
  const auto file = write("old.json", boost::json::serialize(earlier));
  const auto rerun = conform({"run", "--target", kLsAnswers, "--rerun-failed", file});
  EXPECT_EQ(rerun.exit_status, 1);
  EXPECT_THAT(rerun.err, HasSubstr("note: " + file + " was judged against catalogue 1.0.0, this is 2.0.0"));
  EXPECT_THAT(rerun.err, HasSubstr("not in this catalogue, not rerun: QUERY-OLD-NAME\n"));
}

// A fleet (here a repeated --target) selects the same in every plugin, and its
// report.json (schema 5) can be rerun: what any plugin failed or errored.
TEST_F(RunSettings, AFleetSelectsInEveryPluginAndItsReportCanBeRerun) {
  const auto only_query = conform({"run", "--target", kGood, "--target", kLsAnswers, "--only", "area:query"});
  EXPECT_EQ(only_query.exit_status, 0) << only_query.out << only_query.err;

  const auto first = (dir_ / "first").string();
  ASSERT_EQ(conform({"run", "--target", kGood, "--target", kLsAnswers, "--report-dir", first}).exit_status, 1);
  ASSERT_EQ(e2e::read_report(first + "/report.json").at("schema_version"), 5);
  const auto second = (dir_ / "second").string();
  const auto rerun =
      conform({"run", "--target", kLsAnswers, "--rerun-failed", first + "/report.json", "--report-dir", second});
  EXPECT_EQ(rerun.exit_status, 1) << rerun.out << rerun.err;
  const auto report = e2e::read_report(second + "/report.json");
  EXPECT_TRUE(e2e::ids_with(report, "fail").contains("LS-ANSWERS"));
  EXPECT_EQ(e2e::ids_with(report, "pass"), std::set<std::string>{});
}

TEST_F(RunSettings, PlanOfAFleetPlansEachPlugin) {
  const auto plan = conform({"plan", "--target", kGood, "--target", kLsAnswers, "--only", "area:query"}, false);
  EXPECT_EQ(plan.exit_status, 0) << plan.err;
  EXPECT_THAT(plan.out, AllOf(StartsWith("fleet: 2 of 2 plugins discovered\n"), HasSubstr("\n== " + kGood + "\n"),
                              HasSubstr("\n== " + kLsAnswers + "\n")));
  std::size_t plans = 0;
  for (auto at = plan.out.find("calls, in order (1):"); at != std::string::npos;
       at = plan.out.find("calls, in order (1):", at + 1))
    ++plans;
  EXPECT_EQ(plans, 2u);
}

TEST_F(RunSettings, ConfigFileGivesRunFlagsAndTheCommandLineOverridesIt) {
  const auto config = write("ci.json", R"({"target": ")" + kLsAnswers + R"(", "only": ["area:query"],
      "repeat": 1, "concurrency": 1, "no-probes": true, "quiet": true, "profile": "strict"})");
  const auto run = e2e::run({kConform, "run", "--config", config});
  EXPECT_EQ(run.exit_status, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("profile strict"));
  const auto overridden = e2e::run({kConform, "run", "--config", config, "--only", "area:ls"});
  EXPECT_EQ(overridden.exit_status, 1) << overridden.out << overridden.err;
  const auto plan = e2e::run({kConform, "plan", "--config", config});
  EXPECT_EQ(plan.exit_status, 0) << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("calls, in order (1):"));
}

TEST_F(RunSettings, ABadConfigFileIsOneLineNamingTheJsonPath) {
  const auto config = write("ci.json", R"({"target": "x", "timout": 3})");
  const auto run = e2e::run({kConform, "run", "--config", config});
  EXPECT_EQ(run.exit_status, 2);
  EXPECT_EQ(run.err, "smapi-conform run: --config " + config +
                         ": $.timout: no such flag (did you mean \"timeout\"?)\n(see smapi-conform run --help)\n");
}

}  // namespace
}  // namespace smapi
