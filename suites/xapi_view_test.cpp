#include "suites/xapi_view.h"

#include "suites/testing/builders.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::suites {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;

// A good exec plugin whose Plugin.query printed `query` instead.
Observations answering(const std::string& query, PluginKind kind = PluginKind::volume) {
  auto observations = testing::good_exec_volume();
  observations.subject.kind = kind;
  observations.calls[0] = testing::exec_call(contract::Method::query, 0, query);
  return observations;
}

std::string ext4_with(const std::string& from, const std::string& to) {
  std::string query = testing::kExt4Query;
  const auto at = query.find(from);
  if (at == std::string::npos) throw std::logic_error("no " + from);
  return query.replace(at, from.size(), to);
}

TEST(XapiView, ReadsTheSmRecordOfAGoodVolumePlugin) {
  const auto view = xapi_view_of(testing::good_exec_volume());
  ASSERT_TRUE(view.available) << view.problem;
  EXPECT_EQ(view.sr_type, "ext4-ng");
  EXPECT_EQ(view.vendor, "None");
  EXPECT_EQ(view.required_api_version, "5.0");
  EXPECT_FALSE(view.api_version_deprecated);
  EXPECT_THAT(view.capabilities, Contains("VDI_DELETE"));
  EXPECT_THAT(view.capabilities, Not(Contains("VDI_DESTROY")));
  EXPECT_EQ(view.capabilities.size(), 15u);
  EXPECT_THAT(view.features, Contains(Pair("SR_ATTACH", 1)));
  EXPECT_THAT(view.renamed, ElementsAre("VDI_DESTROY -> VDI_DELETE"));
  EXPECT_THAT(view.dropped, IsEmpty());
  EXPECT_FALSE(view.registration_applies);
}

TEST(XapiView, StripsVersionsIntoTheFeaturesMapAndDropsUnknownOrMalformedNames) {
  const auto view = xapi_view_of(answering(ext4_with(
      R"("features": [)", R"("features": ["VDI_MIRROR/2", "FOO", "bad feature", "SR_STATS/0", "VDI_MIRROR", )")));
  ASSERT_TRUE(view.available) << view.problem;
  EXPECT_THAT(view.features, Contains(Pair("VDI_MIRROR", 2)));
  EXPECT_EQ(std::count(view.capabilities.begin(), view.capabilities.end(), "VDI_MIRROR"), 1);
  EXPECT_THAT(view.dropped, ElementsAre("FOO", "bad feature", "SR_STATS/0"));
}

TEST(XapiView, LowerCasesTheSrTypeAndCopiesConfigurationAndClusterStacks) {
  auto query = ext4_with(R"("configuration": {})", R"("configuration": {"device": "the block device"})");
  query.replace(query.find(R"("plugin": "ext4-ng")"), 19, R"("plugin": "EXT4-NG")");
  query.replace(query.find(R"("required_cluster_stack": [])"), 28, R"("required_cluster_stack": ["corosync"])");
  const auto view = xapi_view_of(answering(query));
  ASSERT_TRUE(view.available) << view.problem;
  EXPECT_EQ(view.sr_type, "ext4-ng");
  EXPECT_THAT(view.configuration, ElementsAre(Pair("device", "the block device")));
  EXPECT_THAT(view.required_cluster_stack, ElementsAre("corosync"));
}

TEST(XapiView, ReadsKeysAsXapiDoesWhateverTheProfile) {
  auto observations = answering(ext4_with(R"("vendor")", R"("Vendor")"));
  observations.subject.profile = Profile::strict;
  const auto view = xapi_view_of(observations);
  ASSERT_TRUE(view.available) << view.problem;
  EXPECT_EQ(view.vendor, "None");
}

TEST(XapiView, AMissingOrMistypedFieldMeansXapiCannotUnmarshalIt) {
  auto view = xapi_view_of(answering(ext4_with(R"("vendor": "None", )", "")));
  EXPECT_FALSE(view.available);
  EXPECT_THAT(view.problem, HasSubstr("Unexpected exception"));
  EXPECT_THAT(view.problem, HasSubstr("vendor"));
  view = xapi_view_of(answering(ext4_with(R"("version": "3.0")", R"("version": 3)")));
  EXPECT_FALSE(view.available);
  EXPECT_THAT(view.problem, HasSubstr("$.version"));
}

TEST(XapiView, ApiVersions) {
  auto view = xapi_view_of(answering(ext4_with(R"("required_api_version": "5.0")", R"("required_api_version": "3.0")")));
  EXPECT_TRUE(view.available);
  EXPECT_TRUE(view.api_version_deprecated);
  view = xapi_view_of(answering(ext4_with(R"("required_api_version": "5.0")", R"("required_api_version": "4.0")")));
  EXPECT_FALSE(view.available);
  EXPECT_THAT(view.problem, HasSubstr("required_api_version \"4.0\" is not one xapi accepts"));
}

TEST(XapiView, NoUsableAnswerSaysWhatXapiWouldReport) {
  auto observations = testing::good_exec_volume();
  observations.calls[0] = testing::exec_call(contract::Method::query, 0, "not json");
  auto view = xapi_view_of(observations);
  EXPECT_FALSE(view.available);
  EXPECT_THAT(view.problem, HasSubstr("bad json on stdout"));

  observations.calls[0] = testing::undelivered_call(contract::Method::query, Delivery::missing);
  EXPECT_THAT(xapi_view_of(observations).problem, HasSubstr("SCRIPT_MISSING"));

  EXPECT_EQ(xapi_view_of(Observations{}).problem, "Plugin.query was not called");
}

TEST(XapiView, DatapathRegistrationIsJudgedFromTheObservedQueryCall) {
  const auto good = xapi_view_of(answering(testing::kExt4Query, PluginKind::datapath));
  EXPECT_TRUE(good.registration_applies);
  EXPECT_TRUE(good.registration_succeeds);
  EXPECT_THAT(good.registration_detail, HasSubstr("dbg \"register\""));

  auto observations = answering(testing::kExt4Query, PluginKind::datapath);
  observations.calls[0] = testing::exec_call(
      contract::Method::query, 1,
      R"({"code":"SR_BACKEND_FAILURE","params":["Unimplemented","Plugin.query"],"backtrace":{"error":"","files":[],"lines":[]}})");
  const auto failed = xapi_view_of(observations);
  EXPECT_TRUE(failed.registration_applies);
  EXPECT_FALSE(failed.registration_succeeds);
  EXPECT_THAT(failed.registration_detail, HasSubstr("Plugin.query failed with"));
}

}  // namespace
}  // namespace smapi::suites
