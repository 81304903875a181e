// --rerun-failed: which requirements an earlier report.json asks to judge
// again, and what is said when its catalogue is not this one.

#include "harness/rerun_failed.h"

#include "harness/diff_command.h"
#include "suites/catalogue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace smapi::harness {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A report.json text of `catalogue_version` ("" for none) with these results.
std::string report_text(std::string_view catalogue_version,
                        const std::vector<std::pair<std::string, std::string>>& results) {
  std::string text = R"({"schema_version": 4, )";
  if (!catalogue_version.empty()) text += R"("catalogue_version": ")" + std::string(catalogue_version) + R"(", )";
  text += R"("summary": {"verdict": "non-conformant"}, "results": [)";
  for (std::size_t i = 0; i < results.size(); ++i)
    text += std::string(i ? ", " : "") + R"({"id": ")" + results[i].first + R"(", "outcome": ")" + results[i].second +
            R"(", "waiver": null})";
  return text + "]}";
}

const std::vector<std::pair<std::string, std::string>> kMixed{{"QUERY-ANSWERS", "pass"}, {"LS-ANSWERS", "fail"},
                                                              {"DIAG-NO-PII", "warn"},   {"DIAG-SIZE", "skip"},
                                                              {"QUERY-STABLE", "error"}, {"OLD-GONE", "fail"}};

TEST(RerunFailed, SelectsTheFailedAndErroredThisCatalogueKnows) {
  const auto report =
      rerun_report_of(report_text(suites::catalogue_version(), kMixed), "old.json", suites::catalogue());
  EXPECT_EQ(report.request.source, "old.json");
  EXPECT_THAT(report.request.ids, ElementsAre("LS-ANSWERS", "QUERY-STABLE"));
  EXPECT_THAT(report.unknown_ids, ElementsAre("OLD-GONE"));
  EXPECT_EQ(report.catalogue_version, suites::catalogue_version());
}

TEST(RerunFailed, TheSameCatalogueAndNoUnknownIdsSayNothing) {
  const auto report = rerun_report_of(report_text(suites::catalogue_version(), {{"LS-ANSWERS", "fail"}}), "old.json",
                                      suites::catalogue());
  EXPECT_THAT(rerun_notes(report, suites::catalogue_version()), IsEmpty());
}

TEST(RerunFailed, AnotherCatalogueVersionAndUnknownIdsAreSaid) {
  const auto report = rerun_report_of(report_text("1.0.0", kMixed), "old.json", suites::catalogue());
  EXPECT_THAT(rerun_notes(report, "2.0.0"),
              ElementsAre("old.json was judged against catalogue 1.0.0, this is 2.0.0: rerunning the IDs it shares",
                          "old.json: not in this catalogue, not rerun: OLD-GONE"));
  const auto unversioned = rerun_report_of(report_text("", kMixed), "old.json", suites::catalogue());
  EXPECT_THAT(rerun_notes(unversioned, "2.0.0").front(), HasSubstr("records no catalogue version"));
}

TEST(RerunFailed, AFleetsReportGivesWhatAnyPluginFailedOrErrored) {
  const auto fleet = R"({"schema_version": 5, "catalogue_version": "2.0.0", "members": [
      {"name": "volume/a", "report": {"results": [{"id": "LS-ANSWERS", "outcome": "fail"},
                                                  {"id": "DIAG-SIZE", "outcome": "pass"}]}},
      {"name": "volume/b", "report": {"results": [{"id": "DIAG-SIZE", "outcome": "error"},
                                                  {"id": "LS-ANSWERS", "outcome": "fail"},
                                                  {"id": "OLD-GONE", "outcome": "fail"}]}}]})";
  const auto report = rerun_report_of(fleet, "fleet.json", suites::catalogue());
  EXPECT_THAT(report.request.ids, ElementsAre("DIAG-SIZE", "LS-ANSWERS"));
  EXPECT_THAT(report.unknown_ids, ElementsAre("OLD-GONE"));
  EXPECT_EQ(report.catalogue_version, "2.0.0");
  EXPECT_THROW(rerun_report_of(R"({"schema_version": 5, "catalogue_version": "2.0.0", "members": 3})", "fleet.json",
                               suites::catalogue()),
               ReportReadError);
}

TEST(RerunFailed, ABrokenReportNamesTheFileAndTheJsonPath) {
  EXPECT_THROW(rerun_report_of("{", "old.json", suites::catalogue()), ReportReadError);
  try {
    rerun_report_of(report_text("2.0.0", {{"LS-ANSWERS", "failed"}}), "old.json", suites::catalogue());
    ADD_FAILURE() << "no error";
  } catch (const ReportReadError& error) {
    EXPECT_THAT(error.what(), HasSubstr("old.json: $.results[0].outcome: expected one of pass, fail"));
  }
}

class RerunFile : public ::testing::Test {
 protected:
  void TearDown() override { std::filesystem::remove(file_); }
  std::filesystem::path file_ = std::filesystem::temp_directory_path() /
                                ("rerun-" + std::to_string(::getpid()) + "-" +
                                 ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".json");
};

TEST_F(RerunFile, ItsNotesGoToStderrAndTheSelectionKeepsItsFailures) {
  std::ofstream(file_) << report_text("1.0.0", kMixed);
  std::ostringstream err;
  SelectionTerms terms;
  terms.rerun_failed = file_;
  const auto left_out = not_selected_by(terms, err);
  EXPECT_EQ(left_out.size(), suites::catalogue().size() - 2);
  EXPECT_FALSE(left_out.contains("LS-ANSWERS"));
  EXPECT_FALSE(left_out.contains("QUERY-STABLE"));
  EXPECT_THAT(err.str(), HasSubstr("smapi-conform: note: " + file_.string() + " was judged against catalogue 1.0.0"));
  EXPECT_THAT(err.str(), HasSubstr("not rerun: OLD-GONE\n"));
}

TEST_F(RerunFile, LoadedOnceItIsNotReadOrNotedAgain) {
  std::ofstream(file_) << report_text("1.0.0", kMixed);
  SelectionTerms terms;
  terms.rerun_failed = file_;
  std::ostringstream first, again;
  load_rerun_request(terms, first);
  ASSERT_TRUE(terms.rerun);
  EXPECT_THAT(first.str(), HasSubstr("catalogue 1.0.0"));
  std::filesystem::remove(file_);  // a second read would fail
  EXPECT_EQ(not_selected_by(terms, again).size(), suites::catalogue().size() - 2);
  EXPECT_EQ(again.str(), "");
}

TEST_F(RerunFile, AMissingOrBrokenFileIsAUsageErrorNamingIt) {
  std::ostringstream err;
  EXPECT_THROW(read_rerun_request(file_, err), cli::UsageError);
  std::ofstream(file_) << "[1, 2";
  try {
    read_rerun_request(file_, err);
    ADD_FAILURE() << "no error";
  } catch (const cli::UsageError& error) {
    EXPECT_THAT(error.what(), HasSubstr("--rerun-failed: " + file_.string() + ": $: not valid JSON"));
  }
}

}  // namespace
}  // namespace smapi::harness
