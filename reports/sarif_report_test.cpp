#include "reports/sarif_report.h"

#include "reports/test_support/sample_run.h"

#include <boost/json/parse.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>

namespace smapi::reports {
namespace {

namespace json = boost::json;

const std::array kCatalogue{testing::kQueryFieldType, testing::kDiagNoPii, testing::kLsResultType,
                            testing::kQueryApiVersion, testing::kQueryFeatureNames, testing::kErrorsBadDbg};

json::value sarif(const suites::RunResult& run) {
  return json::parse(to_sarif_text(run, kCatalogue));  // through text: it must parse
}

TEST(SarifReport, RequiredTopLevelMembers) {
  const json::value log = sarif(testing::sample_run());
  EXPECT_EQ(log.at("version"), "2.1.0");
  EXPECT_THAT(std::string(log.at("$schema").as_string()), ::testing::HasSubstr("sarif-schema-2.1.0.json"));
  ASSERT_EQ(log.at("runs").as_array().size(), 1u);
  const auto& driver = log.at("runs").at(0).at("tool").at("driver");
  EXPECT_EQ(driver.at("name"), "smapi-conform");
  EXPECT_EQ(driver.at("version"), "0.1.0");
}

TEST(SarifReport, OneRulePerCatalogueRequirementInOrder) {
  const json::value log = sarif(testing::sample_run());
  const auto& rules = log.at("runs").at(0).at("tool").at("driver").at("rules").as_array();
  ASSERT_EQ(rules.size(), kCatalogue.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    EXPECT_EQ(rules[i].at("id").as_string(), kCatalogue[i].id);
    EXPECT_EQ(rules[i].at("shortDescription").at("text").as_string(), kCatalogue[i].statement);
    EXPECT_EQ(rules[i].at("defaultConfiguration").at("level"),
              kCatalogue[i].level == suites::Level::must ? "error" : "warning");
  }
  EXPECT_EQ(rules[0].at("name"), "QueryFieldType");
  EXPECT_EQ(rules[0].at("help").at("text"),
            "Every query_result field has the IDL's type.\n"
            "In xapi: A field of the wrong type fails Plugin.query in xapi.\n"
            "Source: IDL: query_result field types\n"
            "Citation: ocaml-rpc@6fe5b650 src/lib/rpcmarshal.ml unmarshal\n"
            "Proved to fail by: fixture:defects/query-field-types");
}

TEST(SarifReport, ResultsForFailuresAndWarningsOnly) {
  const json::value log = sarif(testing::sample_run());
  const auto& run = log.at("runs").at(0);
  const auto& results = run.at("results").as_array();
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].at("ruleId"), "QUERY-FIELD-TYPE");
  EXPECT_EQ(results[0].at("ruleIndex"), 0);
  EXPECT_EQ(results[0].at("level"), "error");
  EXPECT_EQ(results[0].at("message").at("text"), "QUERY-FIELD-TYPE: $.vendor: expected string, got 5");
  EXPECT_EQ(results[0].at("locations"), json::parse(R"([{
      "physicalLocation": {"artifactLocation": {"uri": "Plugin.Query"}, "region": {"startLine": 1}},
      "logicalLocations": [{"name": "Plugin.query",
      "fullyQualifiedName": "/plugins/ext4-ng/Plugin.query", "kind": "function"}]}])"));
  EXPECT_EQ(results[0].at("properties").at("reproducer"), testing::kQueryReproducer);
  EXPECT_EQ(results[1].at("ruleId"), "DIAG-NO-PII");
  EXPECT_EQ(results[1].at("level"), "warning");  // a SHOULD failure
  EXPECT_EQ(results[2].at("ruleId"), "QUERY-FEATURE-NAMES");
  EXPECT_EQ(results[2].at("level"), "warning");  // a warn
  for (const auto& result : results) {
    const auto index = result.at("ruleIndex").to_number<std::size_t>();
    EXPECT_EQ(run.at("tool").at("driver").at("rules").at(index).at("id"), result.at("ruleId"));
    EXPECT_FALSE(result.as_object().contains("suppressions"));
  }
  // The MUST the harness could not judge is a tool notification, not a finding.
  const auto& notifications = run.at("invocations").at(0).at("toolExecutionNotifications").as_array();
  ASSERT_EQ(notifications.size(), 1u);
  EXPECT_EQ(notifications[0].at("descriptor").at("id"), "ERRORS-BAD-DBG");
  EXPECT_EQ(run.at("invocations").at(0).at("exitCode"), 1);
}

TEST(SarifReport, WaivedFailureIsSuppressedWithItsJustification) {
  const json::value log = sarif(testing::sample_run_with_waivers());
  const auto& result = log.at("runs").at(0).at("results").at(0);
  EXPECT_EQ(result.at("suppressions"), json::parse(R"j([{"kind": "external", "status": "accepted",
      "justification": "waived: vendor field fixed in 2.1 (ticket XAPI-12, expires 2099-01-01)"}])j"));
}

TEST(SarifReport, ARequirementMissingFromTheCatalogueStillGetsARule) {
  static constexpr suites::Requirement kExtra{"EXTRA-REQ", "ls", suites::Level::should, "extra", ""};
  suites::RunResult run = testing::sample_run();
  run.results.push_back({&kExtra, suites::Outcome::warn, "odd", {1}, std::nullopt});
  const json::value log = sarif(run);
  const auto& rules = log.at("runs").at(0).at("tool").at("driver").at("rules").as_array();
  ASSERT_EQ(rules.size(), kCatalogue.size() + 1);
  EXPECT_EQ(rules.back().at("id"), "EXTRA-REQ");
  const auto& results = log.at("runs").at(0).at("results").as_array();
  EXPECT_EQ(results.back().at("ruleIndex"), kCatalogue.size());
  EXPECT_EQ(results.back().at("locations").at(0).at("logicalLocations").at(0).at("name"), "Plugin.ls");
}

std::string uri_of(const json::value& result) {
  return std::string(result.at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri").as_string());
}

TEST(SarifReport, AnExecFindingLiesInItsMethodFileUnderTheSarifRoot) {
  suites::RunResult run = testing::sample_run();
  run.observations.subject.source_dir = "volume/org.xen.xapi.storage.ext4-ng";
  run.observations.subject.method_files = {"plugin.query", "SR.attach"};  // as the directory spells it
  const json::value log = sarif(run);
  const auto& results = log.at("runs").at(0).at("results").as_array();
  EXPECT_EQ(uri_of(results[0]), "volume/org.xen.xapi.storage.ext4-ng/plugin.query");
  EXPECT_EQ(uri_of(results[1]), "volume/org.xen.xapi.storage.ext4-ng/Plugin.diagnostics");  // no such file
  EXPECT_EQ(results[0].at("locations").at(0).at("physicalLocation").at("region"), json::parse(R"({"startLine": 1})"));
}

TEST(SarifReport, AFindingWithoutEvidenceNamesThePluginAndLiesAtPluginQuery) {
  suites::RunResult run = testing::sample_run();
  run.observations.subject.source_dir = "volume/org.xen.xapi.storage.ext4-ng";
  run.results[0].evidence.clear();
  const json::value log = sarif(run);
  const auto& location = log.at("runs").at(0).at("results").at(0).at("locations").at(0);
  EXPECT_EQ(location.at("physicalLocation").at("artifactLocation").at("uri"),
            "volume/org.xen.xapi.storage.ext4-ng/Plugin.Query");
  EXPECT_EQ(location.at("logicalLocations").at(0).at("kind"), "module");
}

TEST(SarifReport, AFindingInALinkedMethodFileLiesInTheFileItNames) {
  suites::RunResult run = testing::sample_run();
  run.observations.subject.source_dir = "volume/org.xen.xapi.storage.ext4-ng";
  run.observations.subject.resolved_method_files = {{"Plugin.Query", "lib/plugin.py"}};
  EXPECT_EQ(uri_of(sarif(run).at("runs").at(0).at("results").at(0)), "lib/plugin.py");
}

TEST(SarifReport, AnHttpFindingLiesAtAStablePathWithoutAScheme) {
  suites::RunResult run = testing::sample_run();
  run.observations.subject.transport = suites::Transport::jsonrpc_v1;
  run.observations.subject.target = "http://[::1]:8080/";
  run.observations.subject.method_files.clear();
  run.observations.subject.source_dir = "http/::1/8080";
  const json::value log = sarif(run);
  const auto& results = log.at("runs").at(0).at("results").as_array();
  EXPECT_EQ(uri_of(results[0]), "http/%3A%3A1/8080/Plugin.query");  // ':' would read as a scheme
  EXPECT_EQ(uri_of(results[1]), "http/%3A%3A1/8080/Plugin.diagnostics");
}

TEST(SarifReport, PathsArePercentEncodedUriReferences) {
  suites::RunResult run = testing::sample_run();
  run.observations.subject.source_dir = "volume/my plugin#1?x:\xc3\xa9";
  EXPECT_EQ(uri_of(sarif(run).at("runs").at(0).at("results").at(0)),
            "volume/my%20plugin%231%3Fx%3A%C3%A9/Plugin.Query");
}

// Code scanning tracks a finding across runs by primaryLocationLineHash;
// upload-sarif would hash a source line, which an HTTP target does not have.
TEST(SarifReport, AFindingsFingerprintIsItsRequirementAndArtifact) {
  suites::RunResult run = testing::sample_run();
  run.observations.subject.source_dir = "volume/org.xen.xapi.storage.ext4-ng";
  const json::value first = sarif(run);
  run.results[0].message = "another message, another run";
  const json::value second = sarif(run);
  const auto hash = [](const json::value& log, std::size_t i) {
    return std::string(
        log.at("runs").at(0).at("results").at(i).at("partialFingerprints").at("primaryLocationLineHash").as_string());
  };
  EXPECT_THAT(hash(first, 0), ::testing::MatchesRegex("[0-9a-f]{16}:1"));
  EXPECT_EQ(hash(first, 0), hash(second, 0));  // stable across runs
  EXPECT_NE(hash(first, 0), hash(first, 1));   // another requirement, another method
  run.observations.subject.source_dir = "volume/org.xen.xapi.storage.other";
  EXPECT_NE(hash(sarif(run), 0), hash(first, 0));  // another plugin
}

TEST(SarifReport, DescriptionsStayWithinGitHubsLimits) {
  static const std::string kLong(3000, 'x');
  static const suites::Requirement kLongReq{"LONG-REQ", "query", suites::Level::must, kLong, kLong};
  suites::RunResult run = testing::sample_run();
  run.results.push_back({&kLongReq, suites::Outcome::fail, "long", {0}, std::nullopt});
  const json::value log = sarif(run);
  const auto& rule = log.at("runs").at(0).at("tool").at("driver").at("rules").as_array().back();
  EXPECT_EQ(rule.at("id"), "LONG-REQ");
  EXPECT_LE(rule.at("shortDescription").at("text").as_string().size(), 1024u);
  EXPECT_LE(rule.at("fullDescription").at("text").as_string().size(), 1024u);
  EXPECT_THAT(std::string(rule.at("shortDescription").at("text").as_string()), ::testing::HasSubstr("bytes omitted]"));
}

}  // namespace
}  // namespace smapi::reports
