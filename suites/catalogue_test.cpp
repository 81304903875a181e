#include "suites/catalogue.h"
#include "suites/testing/builders.h"
#include "suites/xapi_features.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace smapi::suites {
namespace {

using ::testing::AnyOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(Catalogue, IdsAreUniqueUpperCaseAndEveryEntryIsComplete) {
  std::set<std::string_view> ids;
  const std::regex shape("[A-Z]+(-[A-Z0-9]+)+");  // TRANSPORT-UTF8
  for (const auto& requirement : catalogue()) {
    EXPECT_TRUE(ids.insert(requirement.id).second) << requirement.id;
    EXPECT_TRUE(std::regex_match(std::string(requirement.id), shape)) << requirement.id;
    EXPECT_FALSE(requirement.statement.empty()) << requirement.id;
    EXPECT_FALSE(requirement.source.empty()) << requirement.id;
    EXPECT_FALSE(requirement.area.empty()) << requirement.id;
    EXPECT_FALSE(requirement.consequence.empty()) << requirement.id;
    EXPECT_FALSE(requirement.citation.empty()) << requirement.id;
    EXPECT_FALSE(requirement.quote.empty()) << requirement.id;
    EXPECT_THAT(requirement.since, AnyOf("1.0.0", "2.0.0")) << requirement.id;
    EXPECT_THAT(requirement.api_versions, ElementsAre("3.0", "5.0")) << requirement.id;
  }
}

// User-facing text names public sources only: a pinned xen-api or rpclib
// path, never private notes.
TEST(Catalogue, EveryRowCitesAPinnedPublicSourceAndNoPrivateNotes) {
  const std::regex pinned("(xen-api@[0-9a-f]{8}|ocaml-rpc@[0-9a-f]{8}) [a-z]");
  for (const auto& requirement : catalogue()) {
    EXPECT_TRUE(std::regex_search(std::string(requirement.citation), pinned)) << requirement.id;
    for (const auto text : {requirement.statement, requirement.source, requirement.consequence,
                            requirement.citation, requirement.quote, requirement.profile_note}) {
      EXPECT_THAT(std::string(text), Not(HasSubstr("CONTRACT"))) << requirement.id;
      EXPECT_THAT(std::string(text), Not(HasSubstr("seeds/"))) << requirement.id;
      EXPECT_THAT(std::string(text), Not(HasSubstr("../shared"))) << requirement.id;
    }
  }
  for (const auto& change : catalogue_changes()) {
    EXPECT_TRUE(std::regex_search(std::string(change.citation), pinned)) << change.id;
    EXPECT_FALSE(change.reason.empty()) << change.id;
  }
}

TEST(Catalogue, VersionIsSemverAndRowsAreNoNewerThanIt) {
  EXPECT_EQ(catalogue_version(), "2.0.0");
  EXPECT_TRUE(std::regex_match(std::string(catalogue_version()), std::regex("[0-9]+\\.[0-9]+\\.[0-9]+")));
  for (const auto& requirement : catalogue()) EXPECT_LE(requirement.since, catalogue_version()) << requirement.id;
  EXPECT_EQ(requirement("DIAG-SUCCEEDS").since, "2.0.0");
  EXPECT_EQ(requirement("TRANSPORT-JSON-STANDARD").since, "2.0.0");
  EXPECT_EQ(requirement("QUERY-ANSWERS").since, "1.0.0");
}

TEST(Catalogue, IsTheDesignedCatalogueTwoZero) {
  std::vector<std::string_view> ids;
  for (const auto& requirement : catalogue()) ids.push_back(requirement.id);
  EXPECT_THAT(ids, ElementsAre("QUERY-ANSWERS", "QUERY-RESULT-OBJECT", "QUERY-FIELDS-PRESENT", "QUERY-FIELD-TYPES",
                               "QUERY-KEYS-EXACT", "QUERY-API-VERSION", "QUERY-PLUGIN-NAME", "QUERY-PLUGIN-DIR",
                               "QUERY-FEATURE-SYNTAX", "QUERY-FEATURE-KNOWN", "QUERY-CONFIGURATION", "LS-ANSWERS",
                               "DIAG-ANSWERS", "DIAG-SUCCEEDS", "ERROR-WELL-FORMED", "TRANSPORT-ONE-VALUE",
                               "TRANSPORT-JSON-STANDARD", "TRANSPORT-ENVELOPE", "TRANSPORT-TIMELY",
                               "TRANSPORT-OUTPUT-SIZE", "EXEC-EXECUTABLE", "EXEC-PIPES-CLOSED", "TRANSPORT-UTF8",
                               "LS-UNIQUE", "DIAG-NO-PII", "DIAG-SIZE", "QUERY-STABLE", "QUERY-CONCURRENT",
                               "DBG-ANY-STRING", "PROBE-BAD-INPUT"));
  EXPECT_EQ(requirement("QUERY-PLUGIN-DIR").level, Level::must);
  EXPECT_EQ(requirement("QUERY-FEATURE-SYNTAX").level, Level::should);
  EXPECT_EQ(requirement("DIAG-SUCCEEDS").level, Level::should);
  EXPECT_EQ(requirement("TRANSPORT-JSON-STANDARD").level, Level::should);
  EXPECT_THROW(requirement("ERROR-BACKTRACE"), std::out_of_range);
  for (const char* id : {"QUERY-PLUGIN-NAME", "DIAG-SUCCEEDS"}) {
    EXPECT_TRUE(requirement(id).applies.volume) << id;
    EXPECT_FALSE(requirement(id).applies.datapath) << id;
  }
}

TEST(Catalogue, ChangelogNamesTheRemovedRowAndEveryRowNewInTwoZero) {
  std::set<std::string_view> changed;
  for (const auto& change : catalogue_changes()) {
    EXPECT_EQ(change.version, "2.0.0") << change.id;
    changed.insert(change.id);
  }
  EXPECT_TRUE(changed.count("ERROR-BACKTRACE"));
  for (const auto& requirement : catalogue()) {
    if (requirement.since == "2.0.0") {
      EXPECT_TRUE(changed.count(requirement.id)) << requirement.id;
    }
  }
  for (const char* id : {"QUERY-PLUGIN-DIR", "QUERY-FEATURE-SYNTAX", "QUERY-PLUGIN-NAME"})
    EXPECT_TRUE(changed.count(id)) << id;
}

TEST(Catalogue, EveryProofNamesAnExistingFixtureOrAMutantOfItsOwnId) {
  for (const auto& requirement : catalogue()) {
    const std::string proof(requirement.proof);
    if (proof.rfind("fixture:", 0) == 0) {
      const std::filesystem::path dir =
          std::filesystem::path(SMAPI_SOURCE_DIR) / "fixtures/plugins" / proof.substr(8);
      EXPECT_TRUE(std::filesystem::is_directory(dir)) << requirement.id << ": " << dir;
    } else {
      EXPECT_EQ(proof, "mutant:" + std::string(requirement.id)) << requirement.id;
    }
  }
}

TEST(Catalogue, ExecOnlyRequirementsSayTheyApplyToExecOnly) {
  for (const char* id : {"EXEC-EXECUTABLE", "EXEC-PIPES-CLOSED", "QUERY-PLUGIN-DIR"})
    EXPECT_EQ(requirement(id).applies.transports, unsigned{kExecTransport}) << id;
  EXPECT_FALSE(requirement("QUERY-PLUGIN-DIR").applies.datapath);
  EXPECT_EQ(requirement("TRANSPORT-ENVELOPE").applies.transports, unsigned{kHttpTransports});
  EXPECT_EQ(requirement("QUERY-ANSWERS").applies.transports, unsigned{kAnyTransport});
  EXPECT_EQ(requirement("TRANSPORT-JSON-STANDARD").applies.transports, unsigned{kExecTransport | kJsonRpcTransport});
}

TEST(Catalogue, LookupByIdAndUnknownIdThrows) {
  EXPECT_EQ(requirement("QUERY-API-VERSION").level, Level::must);
  EXPECT_EQ(requirement("QUERY-FEATURE-KNOWN").level, Level::should);
  EXPECT_THROW(requirement("NOPE"), std::out_of_range);
}

TEST(Judge, GivesOneResultPerRequirementInCatalogueOrder) {
  const auto results = judge(testing::good_exec_volume());
  ASSERT_EQ(results.size(), catalogue().size());
  for (std::size_t i = 0; i < results.size(); ++i)
    EXPECT_EQ(results[i].requirement, &catalogue()[i]);
}

TEST(Judge, NoCallsSkipsEverything) {
  Observations none;
  for (const auto& result : judge(none)) EXPECT_EQ(result.outcome, Outcome::skip) << result.requirement->id;
}

TEST(Verdict, MustFailureIsNonConformantShouldFailureIsNot) {
  const RequirementResult must_fail{&requirement("QUERY-ANSWERS"), Outcome::fail, "", {}};
  const RequirementResult should_fail{&requirement("QUERY-KEYS-EXACT"), Outcome::fail, "", {}};
  const RequirementResult must_error{&requirement("QUERY-API-VERSION"), Outcome::error, "", {}};
  EXPECT_EQ(verdict_of({should_fail}), Verdict::conformant);
  EXPECT_EQ(verdict_of({should_fail, must_fail}), Verdict::non_conformant);
  EXPECT_EQ(verdict_of({must_error}), Verdict::inconclusive);
  EXPECT_EQ(verdict_of({must_error, must_fail}), Verdict::non_conformant);
  EXPECT_EQ(exit_status(Verdict::conformant), 0);
  EXPECT_EQ(exit_status(Verdict::non_conformant), 1);
  EXPECT_EQ(exit_status(Verdict::inconclusive), 2);
}

TEST(XapiFeatures, ParsesNameAndVersion) {
  const auto plain = parse_feature("SR_ATTACH");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->name, "SR_ATTACH");
  EXPECT_FALSE(plain->version);
  const auto versioned = parse_feature("VDI_MIRROR/12");
  ASSERT_TRUE(versioned);
  EXPECT_EQ(versioned->version, 12);
  for (const char* bad : {"", "/1", "A/", "A/0", "A/-1", "A/1x", "A B", "A/1/2", "A/99999999999999999999"})
    EXPECT_FALSE(parse_feature(bad)) << bad;
}

TEST(XapiFeatures, KnowsTheRenameAndDatapathNames) {
  EXPECT_EQ(xapi_feature_name("VDI_DESTROY"), "VDI_DELETE");
  EXPECT_TRUE(xapi_knows_feature("VDI_DESTROY", PluginKind::volume));
  EXPECT_TRUE(xapi_knows_feature("VDI_REVERT", PluginKind::volume));
  EXPECT_FALSE(xapi_knows_feature("NONPERSISTENT", PluginKind::volume));
  EXPECT_TRUE(xapi_knows_feature("NONPERSISTENT", PluginKind::datapath));
  EXPECT_FALSE(xapi_knows_feature("vdi_create", PluginKind::volume));
}

}  // namespace
}  // namespace smapi::suites
