// The rulings read in xapi's source, one pair each: what xapi accepts passes,
// what it rejects fails the requirement that says why. The Plugin.query
// texts are given raw, since repeated keys and non-JSON need raw text.

#include "suites/testing/builders.h"

#include <gtest/gtest.h>

#include <string>

namespace smapi::suites {
namespace {

using contract::Method;
using testing::exec_call;
using testing::HasOutcome;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The ext4-ng answer's ten fields, with `before` and `after` around them.
std::string query_text(const std::string& before, const std::string& after = "",
                       const std::string& plugin = "\"ext4-ng\"") {
  return "{" + before + R"("plugin": )" + plugin +
         R"(, "name": "ext4", "description": "d", "vendor": "Vates", "copyright": "(C) 2019 Vates",
            "version": "3.0", "required_api_version": "5.0", "features": ["SR_ATTACH", "VDI_CREATE"],
            "configuration": {}, "required_cluster_stack": [])" +
         after + "}";
}

std::vector<RequirementResult> judge_query(const std::string& text, Profile profile = Profile::xapi,
                                           const std::string& directory = "org.xen.xapi.storage.ext4-ng") {
  auto observations = testing::good_exec_volume();
  observations.subject.profile = profile;
  observations.subject.plugin_dir_name = directory;
  observations.calls[0] = exec_call(Method::query, 0, text);
  return judge(observations);
}

TEST(XapiRulings, TheFieldTextIsConformantInBothProfiles) {
  for (auto profile : {Profile::xapi, Profile::strict}) {
    const auto results = judge_query(query_text(""), profile);
    EXPECT_THAT(testing::ids_with(results, Outcome::fail), IsEmpty());
    EXPECT_THAT(testing::ids_with(results, Outcome::warn), IsEmpty());
  }
}

// rpcmarshal.ml unmarshal: keys lower-cased, the first occurrence wins.
TEST(XapiRulings, AKeyInAnotherCaseIsReadAndTheFirstOccurrenceWins) {
  const auto tolerated = judge_query(R"({"Plugin": "ext4-ng", "name": "ext4", "description": "d", "vendor": "V",
      "copyright": "", "version": "", "required_api_version": "5.0", "features": [], "configuration": {},
      "required_cluster_stack": []})");
  EXPECT_THAT(testing::ids_with(tolerated, Outcome::fail), IsEmpty());
  EXPECT_THAT(testing::ids_with(tolerated, Outcome::warn), ElementsAre("QUERY-KEYS-EXACT"));

  const auto first_is_a_number = judge_query(query_text(R"("Vendor": 5, )"));
  EXPECT_THAT(testing::ids_with(first_is_a_number, Outcome::fail), ElementsAre("QUERY-FIELD-TYPES"));
  EXPECT_THAT(testing::result_for(first_is_a_number, "QUERY-FIELD-TYPES").message, HasSubstr("$.vendor"));
}

TEST(XapiRulings, ARepeatedKeyIsReadOnceAndWarned) {
  const auto good_first = judge_query(query_text("", R"(, "vendor": 5)"));
  EXPECT_THAT(testing::ids_with(good_first, Outcome::fail), IsEmpty());
  EXPECT_THAT(testing::ids_with(good_first, Outcome::warn), ElementsAre("QUERY-KEYS-EXACT"));
  EXPECT_THAT(testing::result_for(good_first, "QUERY-KEYS-EXACT").message, HasSubstr("reads the first"));
  EXPECT_THAT(judge_query(query_text("", R"(, "vendor": 5)"), Profile::strict),
              HasOutcome("QUERY-KEYS-EXACT", Outcome::fail));

  const auto bad_first = judge_query(query_text(R"("vendor": 5, )"));
  EXPECT_THAT(testing::ids_with(bad_first, Outcome::fail), ElementsAre("QUERY-FIELD-TYPES"));
}

// rpcmarshal.ml, case Dict: every pair is read, repeats included.
TEST(XapiRulings, EveryRepeatOfAConfigurationKeyMustBeAString) {
  auto text = query_text("");
  text.replace(text.find(R"("configuration": {})"), 19, R"("configuration": {"device": "the disk", "device": 1})");
  EXPECT_THAT(testing::ids_with(judge_query(text), Outcome::fail), ElementsAre("QUERY-CONFIGURATION"));
}

// storage_access.ml and xapi_sm.ml: SR type lowercase(plugin), queue = directory.
TEST(XapiRulings, TheDirectoryIsThePrefixAndThePluginNameLowerCased) {
  EXPECT_THAT(testing::ids_with(judge_query(query_text("", "", "\"EXT4UPPER\""), Profile::xapi,
                                            "org.xen.xapi.storage.ext4upper"),
                                Outcome::fail),
              IsEmpty());
  const auto mixed = judge_query(query_text("", "", "\"Ext4Mixed\""), Profile::xapi, "org.xen.xapi.storage.Ext4Mixed");
  EXPECT_THAT(testing::ids_with(mixed, Outcome::fail), ElementsAre("QUERY-PLUGIN-DIR"));
  EXPECT_THAT(testing::result_for(mixed, "QUERY-PLUGIN-DIR").message, HasSubstr("SR_UNKNOWN_DRIVER"));
  EXPECT_EQ(verdict_of(mixed), Verdict::non_conformant);
  EXPECT_THAT(testing::ids_with(judge_query(query_text("", "", "\"beta\""), Profile::xapi, "org.xen.xapi.storage.alpha"),
                                Outcome::fail),
              ElementsAre("QUERY-PLUGIN-DIR"));
}

TEST(XapiRulings, APluginNameWithADotOrOnlyBlanksFails) {
  for (const char* name : {"\"ext4.ng\"", "\" \\t \"", "\"\\t\""}) {
    const auto results = judge_query(query_text("", "", name));
    EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("QUERY-PLUGIN-NAME")) << name;
  }
}

TEST(XapiRulings, ADatapathPluginsNameIsNotJudged) {
  auto observations = testing::good_exec_volume();
  observations.subject.kind = PluginKind::datapath;
  observations.subject.plugin_dir_name = "tapdisk";
  observations.calls[0] = exec_call(Method::query, 0, query_text("", "", "\"\""));
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), IsEmpty());
  EXPECT_EQ(testing::result_for(results, "QUERY-PLUGIN-NAME").message, "applies to Volume plugins only");
}

// jsonrpc.ml of_string is Yojson.Safe: comments, bare keys, NaN are read.
TEST(XapiRulings, NonJsonThatXapiReadsWarnsUnderXapiAndFailsUnderStrict) {
  const auto text = "/* generated */ " + query_text("note: NaN, ");
  const auto tolerated = judge_query(text);
  EXPECT_THAT(testing::ids_with(tolerated, Outcome::fail), IsEmpty());
  EXPECT_THAT(testing::ids_with(tolerated, Outcome::warn), ElementsAre("QUERY-KEYS-EXACT", "TRANSPORT-JSON-STANDARD"));
  const auto strict = judge_query(text, Profile::strict);
  EXPECT_THAT(strict, HasOutcome("TRANSPORT-ONE-VALUE", Outcome::fail));
  EXPECT_THAT(testing::result_for(strict, "TRANSPORT-ONE-VALUE").message, HasSubstr("comment"));
  EXPECT_THAT(strict, HasOutcome("TRANSPORT-JSON-STANDARD", Outcome::skip));
}

// json_to_rpc: Int64.of_string on every integer, even under an ignored key.
TEST(XapiRulings, AnIntegerBeyondSixtyFourBitsAnywhereIsBadJson) {
  const auto results = judge_query(query_text(R"("size": 18446744073709551616, )"));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("TRANSPORT-ONE-VALUE"));
}

// db_cache_impl.ml ensure_utf8_xml cuts a stored string at such a character.
TEST(XapiRulings, AStringTheDatabaseCutsFailsUtf8) {
  for (const char* bad : {R"("name": "a\u0001b", )", R"("description": "\udc00", )"}) {
    const auto results = judge_query(query_text(bad));
    EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("TRANSPORT-UTF8")) << bad;
    EXPECT_THAT(testing::result_for(results, "TRANSPORT-UTF8").message, HasSubstr("database cuts")) << bad;
  }
}

TEST(XapiRulings, NestingXapiDecodesIsNoDefect) {
  const auto results = judge_query(query_text(R"("deep": )" + std::string(100, '[') + std::string(100, ']') + ", "));
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), IsEmpty());
}

// A dbg variant that answers {} answers no query_result.
TEST(XapiRulings, ADbgVariantMustAnswerTheMethodsType) {
  auto observations = testing::good_exec_volume();
  auto variant = exec_call(Method::query, 0, "{}");
  variant.probe = Probe::dbg_variant;
  variant.label = "Plugin.query (dbg empty)";
  observations.calls.push_back(variant);
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("DBG-ANY-STRING"));
  EXPECT_THAT(testing::result_for(results, "DBG-ANY-STRING").message, HasSubstr("not what Plugin.query returns"));
}

TEST(XapiRulings, TimelyIsSkippedWhenNoCallWasMade) {
  Observations observations;
  for (const auto method : contract::kAllMethods)
    observations.calls.push_back(testing::undelivered_call(method, Delivery::missing));
  const auto results = judge(observations);
  EXPECT_THAT(results, HasOutcome("TRANSPORT-TIMELY", Outcome::skip));
  EXPECT_THAT(results, HasOutcome("TRANSPORT-OUTPUT-SIZE", Outcome::skip));
}

TEST(XapiRulings, OneValueIsNotJudgedOnBytesThatAreNotUtf8) {
  auto observations = testing::good_exec_volume();
  observations.calls[2] = exec_call(Method::diagnostics, 0, "\"caf\xe9\" trailing");
  const auto results = judge(observations);
  EXPECT_THAT(testing::ids_with(results, Outcome::fail), ElementsAre("TRANSPORT-UTF8"));
  EXPECT_EQ(testing::result_for(results, "TRANSPORT-ONE-VALUE").evidence, (std::vector<std::size_t>{0, 1}));
}

}  // namespace
}  // namespace smapi::suites
