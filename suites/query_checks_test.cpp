#include "suites/testing/builders.h"

#include <boost/json.hpp>

#include <gtest/gtest.h>

namespace smapi::suites {
namespace {

using contract::Method;
using testing::exec_call;
using testing::HasOutcome;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The ext4-ng answer with one field changed by `edit`.
Observations with_query(const std::function<void(boost::json::object&)>& edit,
                        Profile profile = Profile::xapi) {
  auto observations = testing::good_exec_volume();
  observations.subject.profile = profile;
  auto query = boost::json::parse(testing::kExt4Query).as_object();
  edit(query);
  observations.calls[0] = exec_call(Method::query, 0, boost::json::serialize(query));
  return observations;
}

TEST(QueryChecks, FieldPluginExt4NgPassesEveryQueryRequirement) {
  const auto results = judge(testing::good_exec_volume());
  for (const auto& result : results) {
    if (result.requirement->area == "query") {
      EXPECT_EQ(result.outcome, Outcome::pass) << result.requirement->id << ": " << result.message;
    }
  }
}

TEST(QueryChecks, QueryThatAnswersUnimplementedFailsQueryAnswersAndSkipsTheRest) {
  auto observations = testing::good_exec_volume();
  observations.calls[0] = exec_call(
      Method::query, 1,
      R"({"code": "SR_BACKEND_FAILURE", "params": ["Unimplemented", "Plugin.query"], "backtrace": {"error": "Plugin.query", "files": [], "lines": []}})");
  const auto results = judge(observations);
  EXPECT_THAT(results, HasOutcome("QUERY-ANSWERS", Outcome::fail));
  EXPECT_THAT(testing::result_for(results, "QUERY-ANSWERS").message,
              HasSubstr("every plugin must implement Plugin.query"));
  EXPECT_THAT(results, HasOutcome("QUERY-FIELDS-PRESENT", Outcome::skip));
  EXPECT_THAT(results, HasOutcome("QUERY-CONFIGURATION", Outcome::skip));
}

TEST(QueryChecks, MissingQueryFileFailsQueryAnswers) {
  // No transport requirement covers a missing file: the method's own does.
  auto observations = testing::good_exec_volume();
  observations.calls[0] = testing::undelivered_call(Method::query, Delivery::missing);
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ::testing::ElementsAre("QUERY-ANSWERS"));
}

TEST(QueryChecks, BlankPluginNameFailsNameAndSkipsTheDirectoryCheck) {
  auto observations = testing::good_exec_volume();
  std::string query = testing::kExt4Query;
  query.replace(query.find("\"ext4-ng\""), 9, "\"\"");
  observations.calls[0] = exec_call(Method::query, 0, query);
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("QUERY-PLUGIN-NAME"));
  EXPECT_THAT(testing::result_for(results, "QUERY-PLUGIN-DIR").message, HasSubstr("see QUERY-PLUGIN-NAME"));
}

TEST(QueryChecks, ResultThatIsNotAnObjectFailsResultObject) {
  auto observations = testing::good_exec_volume();
  observations.calls[0] = exec_call(Method::query, 0, R"(["ext4-ng"])");
  const auto results = judge(observations);
  EXPECT_THAT(results, HasOutcome("QUERY-ANSWERS", Outcome::pass));
  EXPECT_THAT(results, HasOutcome("QUERY-RESULT-OBJECT", Outcome::fail));
  EXPECT_THAT(testing::result_for(results, "QUERY-RESULT-OBJECT").message, HasSubstr("array"));
  EXPECT_THAT(results, HasOutcome("QUERY-FIELD-TYPES", Outcome::skip));
}

TEST(QueryChecks, MissingVendorFailsOnlyFieldsPresent) {
  const auto results = judge(with_query([](auto& q) { q.erase("vendor"); }));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("QUERY-FIELDS-PRESENT"));
  EXPECT_THAT(testing::result_for(results, "QUERY-FIELDS-PRESENT").message, HasSubstr("$.vendor"));
}

TEST(QueryChecks, NumericVersionFailsOnlyFieldTypes) {
  const auto results = judge(with_query([](auto& q) { q["version"] = 5; }));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("QUERY-FIELD-TYPES"));
  EXPECT_THAT(testing::result_for(results, "QUERY-FIELD-TYPES").message, HasSubstr("$.version"));
}

TEST(QueryChecks, FeatureThatIsNotAStringFailsFieldTypesNotSyntax) {
  const auto results = judge(with_query([](auto& q) { q["features"].as_array().push_back(7); }));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("QUERY-FIELD-TYPES"));
}

TEST(QueryChecks, CapitalisedKeyIsAcceptedByXapiButWarnsKeysExact) {
  const auto results = judge(with_query([](auto& q) {
    q["Vendor"] = q["vendor"];
    q.erase("vendor");
  }));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), IsEmpty());
  EXPECT_THAT(results, HasOutcome("QUERY-KEYS-EXACT", Outcome::warn));
}

TEST(QueryChecks, CapitalisedKeyFailsInTheStrictProfile) {
  const auto results = judge(with_query(
      [](auto& q) {
        q["Vendor"] = q["vendor"];
        q.erase("vendor");
      },
      Profile::strict));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail),
              ElementsAre("QUERY-FIELDS-PRESENT", "QUERY-KEYS-EXACT"));
}

TEST(QueryChecks, UnknownKeyOfDummyV5WarnsInXapiAndFailsInStrict) {
  const auto add = [](auto& q) { q["supported_image_formats"] = boost::json::array{}; };
  EXPECT_THAT(judge(with_query(add)), HasOutcome("QUERY-KEYS-EXACT", Outcome::warn));
  EXPECT_THAT(judge(with_query(add, Profile::strict)), HasOutcome("QUERY-KEYS-EXACT", Outcome::fail));
}

TEST(QueryChecks, ApiVersionThreeWarnsInXapiAndFailsInStrict) {
  const auto set = [](auto& q) { q["required_api_version"] = "3.0"; };
  EXPECT_THAT(judge(with_query(set)), HasOutcome("QUERY-API-VERSION", Outcome::warn));
  EXPECT_THAT(judge(with_query(set, Profile::strict)), HasOutcome("QUERY-API-VERSION", Outcome::fail));
}

// xapi accepts a Volume plugin at any dotted-integer version from 2.0 on
// (xapi_sm.ml); it registers a Datapath plugin at "3.0" or "5.0" only.
TEST(QueryChecks, ApiVersionOfAVolumePluginFollowsXapisVersionRules) {
  for (const char* tolerated : {"4.0", "6.0", "5.1"}) {
    const auto results = judge(with_query([&](auto& q) { q["required_api_version"] = tolerated; }));
    EXPECT_THAT(results, HasOutcome("QUERY-API-VERSION", Outcome::warn)) << tolerated;
    auto strict = with_query([&](auto& q) { q["required_api_version"] = tolerated; });
    strict.subject.profile = Profile::strict;
    EXPECT_THAT(judge(strict), HasOutcome("QUERY-API-VERSION", Outcome::fail)) << tolerated;
  }
  for (const char* refused : {"1.0", "five", "", "5.x", "1"}) {
    const auto results = judge(with_query([&](auto& q) { q["required_api_version"] = refused; }));
    EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("QUERY-API-VERSION")) << refused;
  }
}

TEST(QueryChecks, ApiVersionOfADatapathPluginIsThreeOrFive) {
  auto observations = with_query([](auto& q) { q["required_api_version"] = "6.0"; });
  observations.subject.kind = PluginKind::datapath;
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("QUERY-API-VERSION"));
  EXPECT_THAT(testing::result_for(results, "QUERY-API-VERSION").message, HasSubstr("\"6.0\""));
}

TEST(QueryChecks, EmptyPluginNameFailsPluginName) {
  const auto results = judge(with_query([](auto& q) { q["plugin"] = ""; }));
  EXPECT_THAT(results, HasOutcome("QUERY-PLUGIN-NAME", Outcome::fail));
}

// Blank means only spaces, tabs or newlines, not only "" (every other test
// here uses ""). QUERY-PLUGIN-NAME judges Volume plugins.
TEST(QueryChecks, PluginNameOfSpacesAndTabsFailsPluginNameForAVolume) {
  for (const std::string blank : {" \t ", "\t"}) {
    const std::string quoted = boost::json::serialize(boost::json::value(blank));
    auto observations = with_query([&](auto& q) { q["plugin"] = blank; });
    observations.subject.kind = PluginKind::volume;
    const auto results = judge(observations);
    EXPECT_THAT(results, HasOutcome("QUERY-PLUGIN-NAME", Outcome::fail)) << quoted;
    EXPECT_THAT(testing::result_for(results, "QUERY-PLUGIN-NAME").message, HasSubstr(quoted));
  }
}

TEST(QueryChecks, DirectoryThatDoesNotMatchPluginFailsPluginDir) {
  auto observations = testing::good_exec_volume();
  observations.subject.plugin_dir_name = "org.xen.xapi.storage.dummyv5";
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("QUERY-PLUGIN-DIR"));
  EXPECT_THAT(testing::result_for(results, "QUERY-PLUGIN-DIR").message,
              HasSubstr("org.xen.xapi.storage.ext4-ng"));
}

TEST(QueryChecks, PluginDirIsSkippedForDatapathAndHttpTargets) {
  auto datapath = testing::good_exec_volume();
  datapath.subject.kind = PluginKind::datapath;
  datapath.subject.plugin_dir_name = "tapdisk";
  EXPECT_THAT(judge(datapath), HasOutcome("QUERY-PLUGIN-DIR", Outcome::skip));
  auto http = testing::good_exec_volume();
  http.subject.transport = Transport::jsonrpc_v1;
  EXPECT_THAT(judge(http), HasOutcome("QUERY-PLUGIN-DIR", Outcome::skip));
}

// xapi never rejects a plugin for its features: a warning under xapi, a
// failure of the SHOULD under strict.
TEST(QueryChecks, MalformedFeatureWarnsUnderXapiAndFailsUnderStrict) {
  for (const char* bad : {"VDI_MIRROR/0", "VDI_MIRROR/", "VDI MIRROR", "/2", "VDI_MIRROR/2/3", "VDI_MIRROR/x"}) {
    auto observations = with_query([&](auto& q) { q["features"].as_array().push_back(bad); });
    EXPECT_THAT(judge(observations), HasOutcome("QUERY-FEATURE-SYNTAX", Outcome::warn)) << bad;
    observations.subject.profile = Profile::strict;
    EXPECT_THAT(judge(observations), HasOutcome("QUERY-FEATURE-SYNTAX", Outcome::fail)) << bad;
  }
}

TEST(QueryChecks, VersionedKnownFeaturePasses) {
  const auto results = judge(with_query([](auto& q) { q["features"].as_array().push_back("VDI_MIRROR/2"); }));
  EXPECT_THAT(results, HasOutcome("QUERY-FEATURE-SYNTAX", Outcome::pass));
  EXPECT_THAT(results, HasOutcome("QUERY-FEATURE-KNOWN", Outcome::pass));
}

TEST(QueryChecks, UnknownFeatureWarnsInXapiAndFailsInStrict) {
  const auto add = [](auto& q) { q["features"].as_array().push_back("SR_TELEPORT"); };
  const auto results = judge(with_query(add));
  EXPECT_THAT(results, HasOutcome("QUERY-FEATURE-KNOWN", Outcome::warn));
  EXPECT_THAT(testing::result_for(results, "QUERY-FEATURE-KNOWN").message, HasSubstr("SR_TELEPORT"));
  EXPECT_THAT(judge(with_query(add, Profile::strict)), HasOutcome("QUERY-FEATURE-KNOWN", Outcome::fail));
}

TEST(QueryChecks, DatapathFieldFeaturesAreKnownForDatapathPlugins) {
  auto observations = with_query([](auto& q) {
    q["features"] = boost::json::array{"NONPERSISTENT", "VDI_NONPERSISTENT"};
  });
  observations.subject.kind = PluginKind::datapath;
  EXPECT_THAT(judge(observations), HasOutcome("QUERY-FEATURE-KNOWN", Outcome::pass));
}

TEST(QueryChecks, ConfigurationAsListOfPairsFailsConfigurationOnly) {
  const auto results = judge(with_query([](auto& q) {
    q["configuration"] = boost::json::array{boost::json::array{"path", "where"}};
  }));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("QUERY-CONFIGURATION"));
}

TEST(QueryChecks, ConfigurationWithNonStringValueFailsConfiguration) {
  const auto results = judge(with_query([](auto& q) { q["configuration"] = {{"path", 1}}; }));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("QUERY-CONFIGURATION"));
}

}  // namespace
}  // namespace smapi::suites
