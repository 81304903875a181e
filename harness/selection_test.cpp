// --only and --skip terms resolved against the catalogue: IDs, areas, levels
// and globs; the "did you mean" of a mistyped term; the skip results.

#include "harness/selection.h"

#include "harness/run_options.h"
#include "suites/catalogue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace smapi::harness {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

SelectionTerms terms(std::vector<std::string> only, std::vector<std::string> skip = {}) {
  SelectionTerms t;
  t.only = std::move(only);
  t.skip = std::move(skip);
  return t;
}

// The IDs a selection keeps.
std::set<std::string> selected(const SelectionTerms& t, const std::optional<RerunRequest>& rerun = std::nullopt) {
  const auto left_out = resolve_selection(t, rerun, suites::catalogue());
  std::set<std::string> ids;
  for (const auto& requirement : suites::catalogue())
    if (!left_out.contains(requirement.id)) ids.emplace(requirement.id);
  return ids;
}

std::set<std::string> ids_where(const std::function<bool(const suites::Requirement&)>& keep) {
  std::set<std::string> ids;
  for (const auto& requirement : suites::catalogue())
    if (keep(requirement)) ids.emplace(requirement.id);
  return ids;
}

// The usage error a selection gives; "" when it gives none.
std::string error_of(const SelectionTerms& t) {
  try {
    resolve_selection(t, std::nullopt, suites::catalogue());
  } catch (const cli::UsageError& error) {
    return error.what();
  }
  return "";
}

TEST(SelectionTerms, CommaListsAndRepeatsAreOneListTrimmed) {
  EXPECT_THAT(split_terms("--only", {"area:query, LS-ANSWERS", "level:must"}),
              ElementsAre("area:query", "LS-ANSWERS", "level:must"));
}

TEST(SelectionTerms, AnEmptyItemIsAUsageErrorNamingTheFlag) {
  EXPECT_THROW(split_terms("--skip", {"a,,b"}), cli::UsageError);
  try {
    split_terms("--skip", {"QUERY-STABLE,"});
  } catch (const cli::UsageError& error) {
    EXPECT_THAT(error.what(), AllOf(StartsWith("--skip: an empty item"), HasSubstr("\"QUERY-STABLE,\"")));
  }
  EXPECT_THROW(split_terms("--only", {std::string(kMaxSelectionTermBytes + 1, 'Q')}), cli::UsageError);
}

TEST(SelectionTerms, RunsCommandLineCarriesThemCheckedBeforeAnyRun) {
  const std::string plugin =
      std::string(SMAPI_SOURCE_DIR) + "/fixtures/plugins/good/ext4-ng/volume/org.xen.xapi.storage.ext4-ng";
  const auto options = parse_run_options(
      {"--target", plugin, "--only", "QUERY-*,area:ls", "--only", "level:should", "--skip=LS-UNIQUE"});
  EXPECT_THAT(options.selection.only, ElementsAre("QUERY-*", "area:ls", "level:should"));
  EXPECT_THAT(options.selection.skip, ElementsAre("LS-UNIQUE"));
  EXPECT_FALSE(options.selection.rerun_failed);
  EXPECT_EQ(parse_run_options({"--target", plugin, "--rerun-failed", "old.json"}).selection.rerun_failed, "old.json");
  EXPECT_THROW(parse_run_options({"--target", plugin, "--skip", "LS-UNIQE"}), cli::UsageError);
}

TEST(Selection, NoTermsSelectEverything) {
  EXPECT_THAT(resolve_selection({}, std::nullopt, suites::catalogue()), IsEmpty());
}

TEST(Selection, AnIdInAnyCase) { EXPECT_EQ(selected(terms({"query-stable"})), std::set<std::string>{"QUERY-STABLE"}); }

TEST(Selection, AnAreaIsEveryRequirementOfIt) {
  const auto query = ids_where([](const auto& r) { return r.area == "query"; });
  ASSERT_GT(query.size(), 5u);
  EXPECT_EQ(selected(terms({"area:query"})), query);
  EXPECT_EQ(selected(terms({"AREA:Query"})), query);
}

TEST(Selection, ALevelIsEveryRequirementOfIt) {
  EXPECT_EQ(selected(terms({"level:should"})),
            ids_where([](const auto& r) { return r.level == suites::Level::should; }));
  EXPECT_EQ(selected(terms({}, {"level:should"})),
            ids_where([](const auto& r) { return r.level == suites::Level::must; }));
}

TEST(Selection, GlobsMatchIds) {
  EXPECT_EQ(selected(terms({"QUERY-*"})), ids_where([](const auto& r) { return r.id.starts_with("QUERY-"); }));
  EXPECT_EQ(selected(terms({"*-ANSWERS"})), ids_where([](const auto& r) { return r.id.ends_with("-ANSWERS"); }));
  EXPECT_EQ(selected(terms({"DIAG-SIZ?"})), std::set<std::string>{"DIAG-SIZE"});
  EXPECT_EQ(selected(terms({"*STAB*"})), std::set<std::string>{"QUERY-STABLE"});
}

TEST(Selection, OnlyTermsAddUpAndSkipTakesAway) {
  auto expected = ids_where([](const auto& r) { return r.area == "ls" || r.area == "diagnostics"; });
  EXPECT_EQ(selected(terms({"area:ls", "area:diagnostics"})), expected);
  expected.erase("DIAG-SIZE");
  EXPECT_EQ(selected(terms({"area:ls", "area:diagnostics"}, {"DIAG-SIZE"})), expected);
}

TEST(Selection, ARerunKeepsTheFailedWithinOnlyLessSkip) {
  const RerunRequest rerun{"old.json", {"LS-ANSWERS", "QUERY-STABLE", "DIAG-SIZE"}};
  EXPECT_EQ(selected({}, rerun), (std::set<std::string>{"DIAG-SIZE", "LS-ANSWERS", "QUERY-STABLE"}));
  EXPECT_EQ(selected(terms({"area:ls", "area:diagnostics"}, {"DIAG-SIZE"}), rerun),
            std::set<std::string>{"LS-ANSWERS"});
}

TEST(Selection, EachLeftOutRequirementSaysWhy) {
  const RerunRequest rerun{"old.json", {"LS-ANSWERS", "QUERY-STABLE"}};
  const auto left_out = resolve_selection(terms({"area:ls", "QUERY-*"}, {"QUERY-STABLE"}), rerun, suites::catalogue());
  EXPECT_EQ(left_out.at("DIAG-SIZE"), "outside --only area:ls, QUERY-*");
  EXPECT_EQ(left_out.at("LS-UNIQUE"), "neither failed nor errored in old.json (--rerun-failed)");
  EXPECT_EQ(left_out.at("QUERY-STABLE"), "--skip QUERY-STABLE");
  EXPECT_FALSE(left_out.contains("LS-ANSWERS"));
}

TEST(Selection, AnUnknownIdIsAUsageErrorWithTheNearestId) {
  EXPECT_EQ(error_of(terms({"QUERY-STABEL"})),
            "--only: no requirement \"QUERY-STABEL\" (did you mean QUERY-STABLE?) (see smapi-conform list)");
  EXPECT_THAT(error_of(terms({}, {"NOT-A-THING"})), StartsWith("--skip: no requirement \"NOT-A-THING\" (see"));
}

TEST(Selection, AnUnknownAreaNamesTheNearestAndTheCataloguesAreas) {
  const auto error = error_of(terms({"area:quary"}));
  EXPECT_THAT(error, StartsWith("--only: no area \"area:quary\" (did you mean area:query?); the areas are query, ls,"));
  for (const auto& requirement : suites::catalogue()) EXPECT_THAT(error, HasSubstr(std::string(requirement.area)));
}

TEST(Selection, AnUnknownLevelOrKindOfTermIsAUsageError) {
  EXPECT_EQ(error_of(terms({"level:mus"})),
            "--only: no level \"level:mus\" (did you mean level:must?); the levels are must and should");
  EXPECT_THAT(
      error_of(terms({"aera:query"})),
      AllOf(StartsWith("--only: \"aera:query\" is not a requirement ID, area:NAME, level:must|should or a glob"),
            HasSubstr("(did you mean area:query?)")));
}

TEST(Selection, AGlobMatchingNothingIsAUsageErrorWithTheNearestPrefix) {
  EXPECT_EQ(error_of(terms({"QEURY-*"})),
            "--only: \"QEURY-*\" matches no requirement ID (did you mean QUERY-*?) (see smapi-conform list)");
}

TEST(Selection, LeavingNothingToJudgeIsAUsageError) {
  EXPECT_EQ(error_of(terms({"area:ls"}, {"LS-*"})),
            "the selection leaves no requirement to judge (--only area:ls; --skip LS-*)");
  try {
    resolve_selection({}, RerunRequest{"old.json", {}}, suites::catalogue());
    ADD_FAILURE() << "no error";
  } catch (const cli::UsageError& error) {
    EXPECT_STREQ(error.what(),
                 "--rerun-failed: old.json has no failed or errored requirement of this catalogue; "
                 "nothing to rerun");
  }
}

TEST(Selection, LeftOutResultsBecomeSkipsNotSelected) {
  const auto& stable = suites::requirement("QUERY-STABLE");
  const auto& answers = suites::requirement("QUERY-ANSWERS");
  std::vector<suites::RequirementResult> results{
      {&answers, suites::Outcome::fail, "no answer", {0}, {}},
      {&stable, suites::Outcome::fail, "answers differ", {1, 2}, suites::WaiverNote{"r", "t", "2099-01-01"}}};
  mark_not_selected(results, {{"QUERY-STABLE", "--skip QUERY-STABLE"}});
  EXPECT_EQ(results[0].outcome, suites::Outcome::fail);
  EXPECT_EQ(results[1].outcome, suites::Outcome::skip);
  EXPECT_EQ(results[1].message, "not selected: --skip QUERY-STABLE");
  EXPECT_THAT(results[1].evidence, IsEmpty());
  EXPECT_FALSE(results[1].waiver);
}

}  // namespace
}  // namespace smapi::harness
