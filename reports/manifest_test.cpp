#include "reports/manifest.h"

#include "reports/detail/sha256.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/test_support/sample_run.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>

namespace smapi::reports {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const std::array kManifestCatalogue{testing::kQueryFieldType, testing::kDiagNoPii, testing::kLsResultType,
                            testing::kQueryApiVersion, testing::kQueryFeatureNames, testing::kErrorsBadDbg};

// The sample run with every result passing except LS-RESULT-TYPE (a skip).
suites::RunResult conformant_run() {
  suites::RunResult run = testing::sample_run();
  for (auto& result : run.results)
    if (result.outcome != suites::Outcome::skip) result.outcome = suites::Outcome::pass;
  run.verdict = suites::verdict_of(run.results);
  return run;
}

std::map<std::string, std::string> bundle_of(const suites::RunResult& run) {
  std::map<std::string, std::string> files{{"report.json", to_report_text(run)},
                                           {"report.html", to_html_report(run)}};
  std::map<std::string, std::string> contents = files;
  contents["manifest.json"] = manifest_text(run, kManifestCatalogue, files);
  return contents;
}

TEST(Manifest, CatalogueDigestHashesTheRows) {
  EXPECT_EQ(catalogue_digest(std::span(kManifestCatalogue).first(1)),
            detail::sha256_hex("QUERY-FIELD-TYPE\tquery\tMUST\tEvery query_result field has the IDL's type.\n"));
  auto changed = kManifestCatalogue;
  changed[1].level = suites::Level::must;
  EXPECT_NE(catalogue_digest(changed), catalogue_digest(kManifestCatalogue));
}

TEST(Manifest, NamesToolCatalogueFingerprintSubjectAndEveryFile) {
  const suites::RunResult run = conformant_run();
  const auto contents = bundle_of(run);
  const json::value manifest = json::parse(contents.at("manifest.json"));
  EXPECT_EQ(manifest.at("manifest_version"), 2);
  EXPECT_EQ(manifest.at("tool").at("version"), "0.1.0");
  EXPECT_EQ(manifest.at("catalogue_version").as_string(), "2.0.0");
  EXPECT_EQ(manifest.at("catalogue_version").as_string(), suites::catalogue_version());
  EXPECT_EQ(manifest.at("catalogue_digest").as_string(), catalogue_digest(kManifestCatalogue));
  EXPECT_EQ(manifest.at("query_fingerprint").as_string(), detail::sha256_hex(testing::kQueryReply));
  EXPECT_EQ(manifest.at("subject").at("target"), "/plugins/ext4-ng");
  EXPECT_EQ(manifest.at("verdict"), "conformant");
  const auto& files = manifest.at("files").as_array();
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[1].at("name"), "report.json");
  EXPECT_EQ(files[1].at("sha256").as_string(), detail::sha256_hex(contents.at("report.json")));
  EXPECT_EQ(files[1].at("bytes").to_number<std::size_t>(), contents.at("report.json").size());
}

TEST(Manifest, AGoodBundlePassesWithSkipsNoted) {
  const BundleCheck check = check_bundle(bundle_of(conformant_run()), kManifestCatalogue);
  EXPECT_THAT(check.problems, IsEmpty());
  EXPECT_THAT(check.notes, ::testing::Contains("LS-RESULT-TYPE (MUST): does not apply to this plugin (skip)"));
  EXPECT_THAT(check.notes, ::testing::Contains("catalogue 2.0.0 (rows digest " + catalogue_digest(kManifestCatalogue) + ")"));
}

TEST(Manifest, AChangedFileIsNamed) {
  auto contents = bundle_of(conformant_run());
  contents["report.html"] += " ";
  const BundleCheck check = check_bundle(contents, kManifestCatalogue);
  ASSERT_EQ(check.problems.size(), 1u);
  EXPECT_THAT(check.problems[0], ::testing::StartsWith("report.html: sha256 "));
  EXPECT_THAT(check.problems[0], ::testing::EndsWith("(the file was changed)"));
}

TEST(Manifest, MissingAndExtraFilesAreNamed) {
  auto contents = bundle_of(conformant_run());
  contents.erase("report.html");
  contents["extra.txt"] = "x";
  EXPECT_THAT(check_bundle(contents, kManifestCatalogue).problems,
              ElementsAre("\"report.html\": listed in manifest.json but missing from the bundle",
                          "\"extra.txt\": in the bundle but not in manifest.json"));
}

TEST(Manifest, AnotherCatalogueIsRejected) {
  auto other = kManifestCatalogue;
  other[0].statement = "changed";
  const BundleCheck check = check_bundle(bundle_of(conformant_run()), other);
  ASSERT_EQ(check.problems.size(), 1u);
  EXPECT_THAT(check.problems[0], ::testing::StartsWith("manifest.json: catalogue_digest \""));
}

TEST(Manifest, AnotherCatalogueVersionIsRejectedInTheManifestAndInTheReport) {
  auto contents = bundle_of(conformant_run());
  json::value manifest = json::parse(contents.at("manifest.json"));
  manifest.as_object()["catalogue_version"] = "1.0.0";
  contents["manifest.json"] = json::serialize(manifest);
  EXPECT_THAT(check_bundle(contents, kManifestCatalogue).problems,
              ElementsAre("manifest.json: catalogue_version \"1.0.0\" is not this tool's (2.0.0)"));

  // A version 1 manifest held the digest as catalogue_version, and no catalogue_digest.
  manifest.as_object()["manifest_version"] = 1;
  manifest.as_object()["catalogue_version"] = catalogue_digest(kManifestCatalogue);
  manifest.as_object().erase("catalogue_digest");
  contents["manifest.json"] = json::serialize(manifest);
  const auto problems = check_bundle(contents, kManifestCatalogue).problems;
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0], "manifest.json: manifest_version is not 2");
  EXPECT_THAT(problems[2], ::testing::StartsWith("manifest.json: catalogue_digest missing"));
}

TEST(Manifest, AReportJudgedByAnotherCatalogueVersionIsRejected) {
  const suites::RunResult run = conformant_run();
  json::value report = json::parse(to_report_text(run));
  report.as_object()["catalogue_version"] = "1.0.0";
  const std::map<std::string, std::string> files{{"report.json", json::serialize(report)}};
  auto contents = files;
  contents["manifest.json"] = manifest_text(run, kManifestCatalogue, files);
  EXPECT_THAT(check_bundle(contents, kManifestCatalogue).problems,
              ElementsAre("report.json: catalogue_version \"1.0.0\" is not this tool's (2.0.0)"));
}

TEST(Manifest, AFailedOrWaivedMustIsRejected) {
  suites::RunResult run = conformant_run();
  run.results[5].outcome = suites::Outcome::error;  // ERRORS-BAD-DBG
  run.results[0].outcome = suites::Outcome::fail;   // QUERY-FIELD-TYPE, waived
  run.results[0].waiver = suites::WaiverNote{"r", "T-1", "2099-01-01"};
  run.verdict = suites::Verdict::inconclusive;
  EXPECT_THAT(check_bundle(bundle_of(run), kManifestCatalogue).problems,
              ElementsAre("report.json: verdict is \"inconclusive\", not \"conformant\"",
                          "QUERY-FIELD-TYPE (MUST): waived (fail); a certified plugin passes every MUST",
                          "ERRORS-BAD-DBG (MUST): outcome \"error\", not pass"));
}

TEST(Manifest, ARunWithoutProbesIsRejected) {
  suites::RunResult run = conformant_run();
  run.observations.subject.probes = false;
  EXPECT_THAT(check_bundle(bundle_of(run), kManifestCatalogue).problems,
              ElementsAre("report.json: the run was made without the robustness probes (--no-probes); "
                          "a certification judges every requirement"));
}

TEST(Manifest, AMissingMustIsRejected) {
  suites::RunResult run = conformant_run();
  run.results.pop_back();
  EXPECT_THAT(check_bundle(bundle_of(run), kManifestCatalogue).problems,
              ElementsAre("ERRORS-BAD-DBG (MUST): missing from report.json"));
}

TEST(Manifest, GarbageManifestIsAProblemNotACrash) {
  auto contents = bundle_of(conformant_run());
  contents["manifest.json"] = "[1,2";
  ASSERT_EQ(check_bundle(contents, kManifestCatalogue).problems.size(), 1u);
  contents["manifest.json"] = R"({"manifest_version":1,"files":[{"name":"report.json","sha256":"zz"}]})";
  EXPECT_FALSE(check_bundle(contents, kManifestCatalogue).problems.empty());
  contents.erase("manifest.json");
  EXPECT_THAT(check_bundle(contents, kManifestCatalogue).problems, ElementsAre("manifest.json: missing from the bundle"));
}

}  // namespace
}  // namespace smapi::reports
