#include "suites/judge.h"

#include "suites/catalogue.h"
#include "suites/testing/builders.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::suites {
namespace {

using ::testing::Optional;
using testing::HasOutcome;
using testing::result_for;

Observations volume_declaring(const std::string& features) {
  auto observations = testing::good_exec_volume();
  std::string query = testing::kExt4Query;
  const auto at = query.find("\"features\": [");
  const auto end = query.find(']', at);
  query.replace(at, end - at + 1, "\"features\": [" + features + "]");
  observations.calls[0] = testing::exec_call(contract::Method::query, 0, query);
  return observations;
}

Requirement needing(std::string_view feature) {
  Requirement requirement = catalogue()[0];
  requirement.applies.feature = feature;
  return requirement;
}

TEST(Applicability, ExecOnlyRequirementsAreSkippedOverJsonRpcWithTheCondition) {
  const auto results = judge(testing::jsonrpc_plugin(
      contract::JsonRpcVersion::v1, testing::v1_result(testing::kExt4Query)));
  for (const char* id : {"EXEC-EXECUTABLE", "EXEC-PIPES-CLOSED", "QUERY-PLUGIN-DIR"}) {
    EXPECT_THAT(results, HasOutcome(id, Outcome::skip));
    EXPECT_EQ(result_for(results, id).message, "applies to exec plugins only") << id;
  }
  EXPECT_THAT(results, HasOutcome("TRANSPORT-ENVELOPE", Outcome::pass));
}

TEST(Applicability, HttpOnlyRequirementIsSkippedForExecPlugins) {
  const auto results = judge(testing::good_exec_volume());
  EXPECT_THAT(results, HasOutcome("TRANSPORT-ENVELOPE", Outcome::skip));
  EXPECT_EQ(result_for(results, "TRANSPORT-ENVELOPE").message,
            "applies to JSON-RPC and XML-RPC targets only");
  EXPECT_THAT(results, HasOutcome("EXEC-EXECUTABLE", Outcome::pass));
  EXPECT_THAT(results, HasOutcome("QUERY-PLUGIN-DIR", Outcome::pass));
}

TEST(Applicability, VolumeOnlyRequirementIsSkippedForDatapathPlugins) {
  auto observations = testing::good_exec_volume();
  observations.subject.kind = PluginKind::datapath;
  observations.subject.plugin_dir_name = "tapdisk";
  const auto results = judge(observations);
  EXPECT_THAT(results, HasOutcome("QUERY-PLUGIN-DIR", Outcome::skip));
  EXPECT_EQ(result_for(results, "QUERY-PLUGIN-DIR").message, "applies to Volume plugins only");
}

TEST(Applicability, ANotApplicableRequirementIsSkippedEvenWhenItsCheckWouldFail) {
  auto observations = testing::good_exec_volume();
  observations.subject.kind = PluginKind::datapath;
  observations.subject.plugin_dir_name = "not-the-plugin-name";
  EXPECT_THAT(judge(observations), HasOutcome("QUERY-PLUGIN-DIR", Outcome::skip));
}

TEST(Applicability, FeatureRequirementAppliesOnlyWhenThePluginDeclaresIt) {
  EXPECT_THAT(not_applicable_reason(needing("SR_STATS"), testing::good_exec_volume()),
              Optional(std::string("the plugin does not declare SR_STATS")));
  EXPECT_EQ(not_applicable_reason(needing("SR_STATS"), volume_declaring(R"("SR_ATTACH", "SR_STATS/2")")),
            std::nullopt);
  EXPECT_EQ(not_applicable_reason(needing("SR_ATTACH"), testing::good_exec_volume()), std::nullopt);
}

TEST(Applicability, FeatureIsMatchedUnderXapisRename) {
  // ext4-ng declares VDI_DESTROY, which xapi stores as VDI_DELETE.
  EXPECT_EQ(not_applicable_reason(needing("VDI_DELETE"), testing::good_exec_volume()), std::nullopt);
  EXPECT_THAT(not_applicable_reason(needing("VDI_DELETE"), volume_declaring(R"("SR_ATTACH")")),
              Optional(std::string("the plugin does not declare VDI_DELETE")));
}

TEST(Applicability, FeatureRequirementWithoutAQueryAnswerNamesWhy) {
  Observations none;
  EXPECT_THAT(not_applicable_reason(needing("SR_STATS"), none),
              Optional(std::string("the plugin does not declare SR_STATS (Plugin.query gave no "
                                   "features list)")));
}

TEST(Applicability, StrictProfileReadsOnlyTheExactFeaturesKey) {
  auto observations = testing::good_exec_volume();
  std::string query = testing::kExt4Query;
  query.replace(query.find("\"features\""), 10, "\"Features\"");
  observations.calls[0] = testing::exec_call(contract::Method::query, 0, query);
  EXPECT_EQ(not_applicable_reason(needing("SR_ATTACH"), observations), std::nullopt);
  observations.subject.profile = Profile::strict;
  EXPECT_TRUE(not_applicable_reason(needing("SR_ATTACH"), observations).has_value());
}

// Observations whose outcomes differ between the profiles for some requirement.
std::vector<Observations> profile_sensitive_observations() {
  const auto with = [](const std::string& from, const std::string& to) {
    std::string query = testing::kExt4Query;
    query.replace(query.find(from), from.size(), to);
    auto observations = testing::good_exec_volume();
    observations.calls[0] = testing::exec_call(contract::Method::query, 0, query);
    return observations;
  };
  std::vector<Observations> all{
      with(R"("vendor")", R"("Vendor")"),
      with(R"("required_api_version": "5.0")", R"("required_api_version": "3.0")"),
      with(R"("features": [)", R"("features": ["FOO", )"),
      with(R"("plugin": "ext4-ng")", R"("plugin": "ext4-ng", "extra": 1)"),
  };
  auto pii = testing::good_exec_volume();
  pii.calls[2] = testing::exec_call(contract::Method::diagnostics, 0, "\"mail root@example.com\"");
  all.push_back(pii);
  return all;
}

TEST(ProfileNotes, EveryRequirementWhoseOutcomeDependsOnTheProfileSaysHow) {
  std::size_t differing = 0;
  for (auto observations : profile_sensitive_observations()) {
    observations.subject.profile = Profile::xapi;
    const auto lenient = judge(observations);
    observations.subject.profile = Profile::strict;
    const auto strict = judge(observations);
    for (std::size_t i = 0; i < lenient.size(); ++i) {
      if (lenient[i].outcome == strict[i].outcome) continue;
      ++differing;
      EXPECT_FALSE(lenient[i].requirement->profile_note.empty())
          << lenient[i].requirement->id << " is " << to_string(lenient[i].outcome) << " in xapi and "
          << to_string(strict[i].outcome) << " in strict, but its row does not say so";
    }
  }
  EXPECT_GE(differing, 5u);  // the variants above do exercise the profiles
}

}  // namespace
}  // namespace smapi::suites
