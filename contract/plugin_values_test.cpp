#include "contract/plugin_values.h"

#include "contract/json_text.h"
#include "contract/testing/matchers.h"
#include "contract/testing/vectors.h"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace smapi::contract {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;
using StringPairs = std::vector<std::pair<std::string, std::string>>;

json::value parse(std::string_view text) {
  JsonParse p = parse_one_json_value(text);
  if (!p.value) ADD_FAILURE() << "test input does not parse: " << p.error;
  return p.value ? *p.value : json::value();
}

json::value vector_file(std::string_view name) {
  return parse(testing::read_vector(std::string("query_result/") + std::string(name)));
}

// A well-formed query_result to break one field of at a time.
json::object good_query() {
  return parse(R"({"plugin":"p","name":"n","description":"d","vendor":"v","copyright":"c",
                   "version":"1.0","required_api_version":"5.0","features":["SR_ATTACH"],
                   "configuration":{"device":"block device"},"required_cluster_stack":[]})")
      .as_object();
}

// ---- field transcripts ----

TEST(DecodeQueryResultTest, Ext4NgTranscriptIsAcceptedInBothViews) {
  const json::value input = vector_file("y_ext4ng.json");
  for (View view : {View::xapi, View::strict}) {
    Decoded<QueryResult> d = decode_query_result(input, view);
    ASSERT_THAT(d, IsAccepted()) << to_string(view);
    EXPECT_THAT(d.findings, IsEmpty());
    EXPECT_EQ(d.value->plugin, "ext4-ng");
    EXPECT_EQ(d.value->name, "ext4 Volume plugin");
    EXPECT_EQ(d.value->description, "This plugin manages a ext4 based SR");
    EXPECT_EQ(d.value->vendor, "None");
    EXPECT_EQ(d.value->copyright, "(C) 2019 Vates");
    EXPECT_EQ(d.value->version, "3.0");
    EXPECT_EQ(d.value->required_api_version, "5.0");
    EXPECT_THAT(d.value->features, SizeIs(15));
    EXPECT_EQ(d.value->features.front(), "SR_ATTACH");
    EXPECT_EQ(d.value->features.back(), "SR_METADATA");
    EXPECT_THAT(d.value->configuration, IsEmpty());
    EXPECT_THAT(d.value->required_cluster_stack, IsEmpty());
  }
}

TEST(DecodeQueryResultTest, ZfsVolTranscriptIsAccepted) {
  Decoded<QueryResult> d = decode_query_result(vector_file("y_zfsvol.json"), View::strict);
  ASSERT_THAT(d, IsAccepted());
  EXPECT_EQ(d.value->plugin, "zfs-vol");
  EXPECT_THAT(d.value->features,
              ElementsAre("VDI_CREATE", "VDI_DESTROY", "VDI_RESIZE", "VDI_SNAPSHOT", "VDI_CLONE"));
}

TEST(DecodeQueryResultTest, TapdiskDatapathTranscriptIsAccepted) {
  Decoded<QueryResult> d = decode_query_result(vector_file("y_tapdisk.json"), View::strict);
  ASSERT_THAT(d, IsAccepted());
  EXPECT_EQ(d.value->plugin, "tapdisk");
  EXPECT_EQ(d.value->vendor, "Citrix");
  EXPECT_THAT(d.value->features, ElementsAre("NONPERSISTENT", "VDI_NONPERSISTENT"));
}

TEST(DecodeQueryResultTest, Gfs2Api3TranscriptInAnyKeyOrderIsAccepted) {
  Decoded<QueryResult> d = decode_query_result(vector_file("y_gfs2_api3.json"), View::strict);
  ASSERT_THAT(d, IsAccepted());
  EXPECT_EQ(d.value->plugin, "gfs2");
  EXPECT_EQ(d.value->required_api_version, "3.0");
  EXPECT_THAT(d.value->required_cluster_stack, ElementsAre("corosync"));
  EXPECT_EQ(d.value->description, "This plugin creates a GFS2 filesystem SR on a shared block device");
}

TEST(DecodeQueryResultTest, Dummyv5ExtraKeyIsIgnoredByXapi) {
  Decoded<QueryResult> d = decode_query_result(vector_file("y_dummyv5_extra_key.json"), View::xapi);
  ASSERT_THAT(d, IsAccepted());
  EXPECT_THAT(d.findings, IsEmpty());
  EXPECT_EQ(d.value->plugin, "dummy");
  EXPECT_EQ(d.value->version, "1.0");
}

TEST(DecodeQueryResultTest, Dummyv5ExtraKeyIsAnUnknownKeyInStrictView) {
  Decoded<QueryResult> d = decode_query_result(vector_file("y_dummyv5_extra_key.json"), View::strict);
  EXPECT_THAT(d, Not(IsAccepted()));
  ASSERT_THAT(d.findings, SizeIs(1));
  EXPECT_THAT(d.findings[0],
              IsFinding(FindingKind::unknown_key, "$.supported_image_formats", "", "[]"));
  EXPECT_EQ(d.findings[0].describe(), "$.supported_image_formats: unknown key");
}

// ---- one defect at a time ----

TEST(DecodeQueryResultTest, MissingVendorIsAMissingKeyInBothViews) {
  json::object q = good_query();
  q.erase("vendor");
  for (View view : {View::xapi, View::strict}) {
    Decoded<QueryResult> d = decode_query_result(q, view);
    EXPECT_THAT(d, Not(IsAccepted()));
    ASSERT_THAT(d.findings, SizeIs(1));
    EXPECT_THAT(d.findings[0], IsFinding(FindingKind::missing_key, "$.vendor", "string", "absent"));
    EXPECT_EQ(d.findings[0].describe(), "$.vendor: missing (expected string)");
  }
}

TEST(DecodeQueryResultTest, NumberVendorIsAWrongType) {
  json::object q = good_query();
  q["vendor"] = 5;
  Decoded<QueryResult> d = decode_query_result(q, View::xapi);
  EXPECT_THAT(d, Not(IsAccepted()));
  ASSERT_THAT(d.findings, SizeIs(1));
  EXPECT_EQ(d.findings[0].describe(), "$.vendor: expected string, got 5");
}

// Every string field of query_result, given a number, is a wrong_type in
// both views: rpclib's string_of_rpc takes only a JSON string.
class NumberForStringFieldTest : public ::testing::TestWithParam<std::string_view> {};

TEST_P(NumberForStringFieldTest, IsAWrongTypeInBothViews) {
  const std::string key(GetParam());
  json::object q = good_query();
  q[key] = 5;
  for (View view : {View::xapi, View::strict}) {
    Decoded<QueryResult> d = decode_query_result(q, view);
    EXPECT_THAT(d, Not(IsAccepted())) << key << " in " << to_string(view);
    ASSERT_THAT(d.findings, SizeIs(1)) << key << " in " << to_string(view);
    EXPECT_THAT(d.findings[0], IsFinding(FindingKind::wrong_type, "$." + key, "string", "5"))
        << to_string(view);
  }
}

INSTANTIATE_TEST_SUITE_P(EveryStringField, NumberForStringFieldTest,
                         ::testing::Values("plugin", "name", "description", "vendor", "copyright",
                                           "version", "required_api_version"),
                         [](const ::testing::TestParamInfo<std::string_view>& info) {
                           return std::string(info.param);
                         });

TEST(DecodeQueryResultTest, NullIsNotAString) {
  json::object q = good_query();
  q["plugin"] = nullptr;
  EXPECT_THAT(decode_query_result(q, View::xapi), HasFinding(FindingKind::wrong_type, "$.plugin"));
}

TEST(DecodeQueryResultTest, ConfigurationAsListOfPairsIsAWrongType) {
  json::object q = good_query();
  q["configuration"] = parse(R"([["device","block device"]])");
  Decoded<QueryResult> d = decode_query_result(q, View::xapi);
  EXPECT_THAT(d, Not(IsAccepted()));
  ASSERT_THAT(d.findings, SizeIs(1));
  EXPECT_THAT(d.findings[0], IsFinding(FindingKind::wrong_type, "$.configuration",
                                       "object of strings", R"([["device","block device"]])"));
}

TEST(DecodeQueryResultTest, ConfigurationValuesMustBeStrings) {
  json::object q = good_query();
  q["configuration"] = parse(R"({"device":"ok","size":5,"odd key":true})");
  Decoded<QueryResult> d = decode_query_result(q, View::xapi);
  EXPECT_THAT(d, Not(IsAccepted()));
  ASSERT_THAT(d.findings, SizeIs(2));
  EXPECT_THAT(d.findings[0], IsFinding(FindingKind::wrong_type, "$.configuration.size", "string", "5"));
  EXPECT_THAT(d.findings[1],
              IsFinding(FindingKind::wrong_type, "$.configuration[\"odd key\"]", "string", "true"));
}

TEST(DecodeQueryResultTest, ConfigurationKeepsThePluginsOrder) {
  json::object q = good_query();
  q["configuration"] = parse(R"({"uri":"the URI","device":"the device","a":""})");
  Decoded<QueryResult> d = decode_query_result(q, View::strict);
  ASSERT_THAT(d, IsAccepted());
  EXPECT_EQ(d.value->configuration,
            (StringPairs{{"uri", "the URI"}, {"device", "the device"}, {"a", ""}}));
}

TEST(DecodeQueryResultTest, FeaturesMustBeAnArray) {
  json::object q = good_query();
  q["features"] = "SR_ATTACH";
  Decoded<QueryResult> d = decode_query_result(q, View::xapi);
  ASSERT_THAT(d.findings, SizeIs(1));
  EXPECT_THAT(d.findings[0],
              IsFinding(FindingKind::wrong_type, "$.features", "array of strings", "\"SR_ATTACH\""));
}

TEST(DecodeQueryResultTest, EachBadFeatureIsReportedAtItsIndex) {
  json::object q = good_query();
  q["features"] = parse(R"(["SR_ATTACH", "SR_DETACH", 7, null])");
  Decoded<QueryResult> d = decode_query_result(q, View::xapi);
  EXPECT_THAT(d, Not(IsAccepted()));
  ASSERT_THAT(d.findings, SizeIs(2));
  EXPECT_THAT(d.findings[0], IsFinding(FindingKind::wrong_type, "$.features[2]", "string", "7"));
  EXPECT_THAT(d.findings[1], IsFinding(FindingKind::wrong_type, "$.features[3]", "string", "null"));
}

TEST(DecodeQueryResultTest, RequiredClusterStackElementsMustBeStrings) {
  json::object q = good_query();
  q["required_cluster_stack"] = parse(R"([["corosync"]])");
  EXPECT_THAT(decode_query_result(q, View::xapi),
              HasFinding(FindingKind::wrong_type, "$.required_cluster_stack[0]"));
}

TEST(DecodeQueryResultTest, ReportsEveryFindingNotJustTheFirst) {
  Decoded<QueryResult> d = decode_query_result(
      parse(R"({"plugin":1,"name":"n","description":"d","copyright":"c","version":2,
                "required_api_version":"5.0","features":{},"configuration":[],
                "required_cluster_stack":[3]})"),
      View::xapi);
  EXPECT_THAT(d, Not(IsAccepted()));
  EXPECT_THAT(d.findings, SizeIs(6));
  EXPECT_THAT(d, HasFinding(FindingKind::wrong_type, "$.plugin"));
  EXPECT_THAT(d, HasFinding(FindingKind::missing_key, "$.vendor"));
  EXPECT_THAT(d, HasFinding(FindingKind::wrong_type, "$.version"));
  EXPECT_THAT(d, HasFinding(FindingKind::wrong_type, "$.features"));
  EXPECT_THAT(d, HasFinding(FindingKind::wrong_type, "$.configuration"));
  EXPECT_THAT(d, HasFinding(FindingKind::wrong_type, "$.required_cluster_stack[0]"));
}

TEST(DecodeQueryResultTest, EmptyObjectMissesAllTenKeys) {
  Decoded<QueryResult> d = decode_query_result(json::object(), View::xapi);
  ASSERT_THAT(d.findings, SizeIs(kQueryResultKeys.size()));
  for (std::size_t i = 0; i < kQueryResultKeys.size(); ++i) {
    EXPECT_EQ(d.findings[i].kind, FindingKind::missing_key);
    EXPECT_EQ(d.findings[i].path, "$." + std::string(kQueryResultKeys[i]));
  }
}

TEST(DecodeQueryResultTest, NonObjectIsAWrongTypeAtTheRoot) {
  Decoded<QueryResult> d = decode_query_result(parse(R"(["SR_ATTACH"])"), View::xapi);
  ASSERT_THAT(d.findings, SizeIs(1));
  EXPECT_THAT(d.findings[0], IsFinding(FindingKind::wrong_type, "$", "object", R"(["SR_ATTACH"])"));
}

TEST(DecodeQueryResultTest, LongActualValuesAreExcerpted) {
  json::object q = good_query();
  q["vendor"] = json::array(100, json::value("SR_ATTACH"));
  Decoded<QueryResult> d = decode_query_result(q, View::xapi);
  ASSERT_THAT(d.findings, SizeIs(1));
  EXPECT_LE(d.findings[0].actual.size(), 80u);
  EXPECT_TRUE(d.findings[0].actual.ends_with("..."));
}

// ---- key spelling ----

TEST(DecodeQueryResultTest, XapiViewMatchesKeysIgnoringCase) {
  json::object q = good_query();
  q.erase("plugin");
  q["Plugin"] = "CasePlugin";
  Decoded<QueryResult> d = decode_query_result(q, View::xapi);
  ASSERT_THAT(d, IsAccepted());
  EXPECT_THAT(d.findings, IsEmpty());
  EXPECT_EQ(d.value->plugin, "CasePlugin");
}

// rpclib lower-cases every key and reads the first match in document order,
// whether or not it is the exact spelling (rpcmarshal.ml, case Struct).
TEST(DecodeQueryResultTest, XapiViewReadsTheFirstKeyInDocumentOrder) {
  json::object q = good_query();
  q["PLUGIN"] = "upper";  // after "plugin"
  json::object q2;
  q2["PLUGIN"] = "upper";  // before "plugin"
  for (const auto& m : good_query()) q2[m.key()] = m.value();
  EXPECT_EQ(decode_query_result(q, View::xapi).value->plugin, "p");
  EXPECT_EQ(decode_query_result(q2, View::xapi).value->plugin, "upper");
}

TEST(DecodeQueryResultTest, XapiViewTakesTheFirstCaseInsensitiveMatch) {
  json::object q = good_query();
  q.erase("plugin");
  q["PLUGIN"] = "first";
  q["Plugin"] = "second";
  EXPECT_EQ(decode_query_result(q, View::xapi).value->plugin, "first");
}

TEST(DecodeQueryResultTest, StrictViewReportsSpellingAndMissingKey) {
  json::object q = good_query();
  q.erase("plugin");
  q["Plugin"] = "p";
  Decoded<QueryResult> d = decode_query_result(q, View::strict);
  EXPECT_THAT(d, Not(IsAccepted()));
  ASSERT_THAT(d.findings, SizeIs(2));
  EXPECT_THAT(d.findings[0], IsFinding(FindingKind::key_spelling, "$.Plugin", "plugin", "Plugin"));
  EXPECT_EQ(d.findings[0].describe(), "$.Plugin: key spelled \"Plugin\", the IDL says \"plugin\"");
  EXPECT_THAT(d.findings[1], IsFinding(FindingKind::missing_key, "$.plugin", "string", "absent"));
}

TEST(DecodeQueryResultTest, StrictViewReportsAnExtraCaseVariantAsUnknown) {
  json::object q = good_query();
  q["Plugin"] = "again";
  Decoded<QueryResult> d = decode_query_result(q, View::strict);
  EXPECT_THAT(d, Not(IsAccepted()));
  ASSERT_THAT(d.findings, SizeIs(1));
  EXPECT_THAT(d, HasFinding(FindingKind::unknown_key, "$.Plugin"));
}

TEST(DecodeQueryResultTest, StrictViewReportsEveryUnknownKey) {
  json::object q = good_query();
  q["extra"] = 1;
  q["more stuff"] = json::object();
  Decoded<QueryResult> d = decode_query_result(q, View::strict);
  ASSERT_THAT(d.findings, SizeIs(2));
  EXPECT_THAT(d.findings[0], IsFinding(FindingKind::unknown_key, "$.extra", "", "1"));
  EXPECT_THAT(d.findings[1], IsFinding(FindingKind::unknown_key, "$[\"more stuff\"]", "", "{}"));
  EXPECT_TRUE(decode_query_result(q, View::xapi).accepted());
}

// ---- to_json ----

TEST(QueryResultToJsonTest, EmitsKeysInIdlOrderAndConfigurationAsObject) {
  QueryResult q;
  q.plugin = "p";
  q.name = "n";
  q.description = "d";
  q.vendor = "v";
  q.copyright = "c";
  q.version = "1";
  q.required_api_version = "5.0";
  q.features = {"SR_ATTACH", "VDI_CREATE/2"};
  q.configuration = {{"uri", "the URI"}, {"device", "dev"}};
  q.required_cluster_stack = {"corosync"};
  const json::value out = to_json(q);
  EXPECT_EQ(to_compact_json(out),
            R"({"plugin":"p","name":"n","description":"d","vendor":"v","copyright":"c",)"
            R"("version":"1","required_api_version":"5.0","features":["SR_ATTACH","VDI_CREATE/2"],)"
            R"("configuration":{"uri":"the URI","device":"dev"},"required_cluster_stack":["corosync"]})");
  std::size_t i = 0;
  for (const auto& member : out.as_object()) EXPECT_EQ(member.key(), kQueryResultKeys[i++]);
}

TEST(QueryResultToJsonTest, RoundTripsThroughTheStrictView) {
  Decoded<QueryResult> first = decode_query_result(vector_file("y_gfs2_api3.json"), View::strict);
  ASSERT_THAT(first, IsAccepted());
  Decoded<QueryResult> again = decode_query_result(to_json(*first.value), View::strict);
  ASSERT_THAT(again, IsAccepted());
  EXPECT_EQ(*again.value, *first.value);
}

// ---- srs, diagnostics ----

TEST(DecodeSrsTest, AcceptsAListOfStrings) {
  for (View view : {View::xapi, View::strict}) {
    Decoded<std::vector<std::string>> d = decode_srs(parse(R"(["sr1","sr2"])"), view);
    ASSERT_THAT(d, IsAccepted());
    EXPECT_THAT(*d.value, ElementsAre("sr1", "sr2"));
  }
  EXPECT_THAT(decode_srs(parse("[]"), View::strict), IsAccepted());
}

TEST(DecodeSrsTest, RejectsNonArraysAndBadElements) {
  Decoded<std::vector<std::string>> d = decode_srs(parse(R"({"sr":"sr1"})"), View::xapi);
  ASSERT_THAT(d.findings, SizeIs(1));
  EXPECT_THAT(d.findings[0], IsFinding(FindingKind::wrong_type, "$", "array of strings", R"({"sr":"sr1"})"));

  Decoded<std::vector<std::string>> e = decode_srs(parse(R"(["sr1", 2, "sr3", false])"), View::xapi);
  EXPECT_THAT(e, Not(IsAccepted()));
  ASSERT_THAT(e.findings, SizeIs(2));
  EXPECT_THAT(e.findings[0], IsFinding(FindingKind::wrong_type, "$[1]", "string", "2"));
  EXPECT_THAT(e.findings[1], IsFinding(FindingKind::wrong_type, "$[3]", "string", "false"));
}

TEST(DecodeDiagnosticsTest, AcceptsAString) {
  Decoded<std::string> d = decode_diagnostics(parse(R"("No diagnostic data to report")"), View::strict);
  ASSERT_THAT(d, IsAccepted());
  EXPECT_EQ(*d.value, "No diagnostic data to report");
}

TEST(DecodeDiagnosticsTest, RejectsOtherTypes) {
  Decoded<std::string> d = decode_diagnostics(parse(R"(["line 1","line 2"])"), View::xapi);
  ASSERT_THAT(d.findings, SizeIs(1));
  EXPECT_THAT(d.findings[0], IsFinding(FindingKind::wrong_type, "$", "string", R"(["line 1","line 2"])"));
  EXPECT_THAT(decode_diagnostics(json::value(nullptr), View::xapi),
              HasFinding(FindingKind::wrong_type, "$"));
}

// ---- call arguments ----

TEST(DecodeCallArgumentsTest, AcceptsDbg) {
  for (View view : {View::xapi, View::strict}) {
    Decoded<CallArguments> d = decode_call_arguments(parse(R"({"dbg":"debug"})"), view);
    ASSERT_THAT(d, IsAccepted());
    EXPECT_EQ(d.value->dbg, "debug");
  }
}

TEST(DecodeCallArgumentsTest, XapiViewIgnoresExtraKeysStrictViewReportsThem) {
  const json::value args = parse(R"({"dbg":"d","extra":1})");
  Decoded<CallArguments> lenient = decode_call_arguments(args, View::xapi);
  ASSERT_THAT(lenient, IsAccepted());
  EXPECT_THAT(lenient.findings, IsEmpty());
  Decoded<CallArguments> strict = decode_call_arguments(args, View::strict);
  EXPECT_THAT(strict, Not(IsAccepted()));
  ASSERT_THAT(strict.findings, SizeIs(1));
  EXPECT_THAT(strict.findings[0], IsFinding(FindingKind::unknown_key, "$.extra", "", "1"));
}

TEST(DecodeCallArgumentsTest, MissingDbgIsAMissingKey) {
  Decoded<CallArguments> d = decode_call_arguments(json::object(), View::xapi);
  EXPECT_THAT(d, Not(IsAccepted()));
  ASSERT_THAT(d.findings, SizeIs(1));
  EXPECT_THAT(d.findings[0], IsFinding(FindingKind::missing_key, "$.dbg", "string", "absent"));
}

TEST(DecodeCallArgumentsTest, NonStringDbgIsAWrongType) {
  for (std::string_view text : {R"({"dbg":5})", R"({"dbg":null})", R"({"dbg":["d"]})"}) {
    Decoded<CallArguments> d = decode_call_arguments(parse(text), View::xapi);
    EXPECT_THAT(d, Not(IsAccepted())) << text;
    EXPECT_THAT(d, HasFinding(FindingKind::wrong_type, "$.dbg")) << text;
  }
}

TEST(DecodeCallArgumentsTest, DbgIsLookedUpByExactName) {
  const json::value args = parse(R"({"DBG":"d"})");
  Decoded<CallArguments> lenient = decode_call_arguments(args, View::xapi);
  EXPECT_THAT(lenient, Not(IsAccepted()));
  EXPECT_THAT(lenient.findings, SizeIs(1));
  EXPECT_THAT(lenient, HasFinding(FindingKind::missing_key, "$.dbg"));
  Decoded<CallArguments> strict = decode_call_arguments(args, View::strict);
  EXPECT_THAT(strict.findings, SizeIs(2));
  EXPECT_THAT(strict, HasFinding(FindingKind::key_spelling, "$.DBG"));
  EXPECT_THAT(strict, HasFinding(FindingKind::missing_key, "$.dbg"));
}

TEST(DecodeCallArgumentsTest, NonObjectIsAWrongType) {
  Decoded<CallArguments> d = decode_call_arguments(parse(R"(["debug"])"), View::xapi);
  ASSERT_THAT(d.findings, SizeIs(1));
  EXPECT_THAT(d.findings[0], IsFinding(FindingKind::wrong_type, "$", "object", R"(["debug"])"));
}

TEST(CallArgumentsToJsonTest, IsTheDbgObject) {
  EXPECT_EQ(to_compact_json(to_json(CallArguments{"register"})), R"({"dbg":"register"})");
}

TEST(ViewTest, HasAName) {
  EXPECT_EQ(to_string(View::xapi), "xapi");
  EXPECT_EQ(to_string(View::strict), "strict");
}

}  // namespace
}  // namespace smapi::contract
