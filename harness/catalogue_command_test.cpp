#include "harness/catalogue_command.h"

#include "harness/run_options.h"
#include "suites/catalogue.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

namespace smapi::harness {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

namespace json = boost::json;

constexpr suites::Requirement kStats{
    "SR-STATS-SHAPE", "sr", suites::Level::should, "SR.stat answers with a | in it <x>.",
    "CONTRACT.md 9",
    suites::Applicability{.transports = suites::kExecTransport, .volume = true, .datapath = false,
                          .feature = "SR_STATS"},
    "mutant:SR-STATS-SHAPE", "xapi: a warn; strict: a fail"};

TEST(ListJson, IsOneObjectPerRequirementInCatalogueOrderWithTheSharedShape) {
  const auto value = json::parse(render_list(suites::catalogue(), ListFormat::json));
  const auto& list = value.as_array();
  ASSERT_EQ(list.size(), suites::catalogue().size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& entry = list[i].as_object();
    EXPECT_EQ(entry.at("id").as_string(), suites::catalogue()[i].id);
    for (const char* key : {"area", "level", "statement", "source", "proof"})
      EXPECT_TRUE(entry.at(key).is_string()) << key;
    const auto& applies = entry.at("applies").as_object();
    EXPECT_TRUE(applies.at("transports").is_array());
    EXPECT_TRUE(applies.at("kinds").is_array());
    EXPECT_TRUE(applies.at("feature").is_string());
  }
}

TEST(ListJson, SpellsApplicabilityAsNames) {
  const auto value = json::parse(render_list({&kStats, 1}, ListFormat::json));
  const auto& entry = value.as_array().at(0).as_object();
  EXPECT_EQ(json::serialize(entry.at("applies")),
            R"({"transports":["exec"],"kinds":["volume"],"feature":"SR_STATS"})");
  EXPECT_EQ(entry.at("level").as_string(), "SHOULD");
  EXPECT_EQ(entry.at("proof").as_string(), "mutant:SR-STATS-SHAPE");
  EXPECT_EQ(entry.at("profile_note").as_string(), "xapi: a warn; strict: a fail");
  const auto all = json::parse(render_list(suites::catalogue(), ListFormat::json));
  EXPECT_EQ(json::serialize(all.as_array().at(0).at("applies")),
            R"({"transports":["exec","jsonrpc","xmlrpc"],"kinds":["volume","datapath"],"feature":""})");
}

TEST(ListText, HasAHeaderAndOneLinePerRequirement) {
  const auto text = render_list(suites::catalogue(), ListFormat::text);
  EXPECT_THAT(text, StartsWith("ID "));
  EXPECT_EQ(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')),
            suites::catalogue().size() + 1);
  EXPECT_THAT(text, ::testing::ContainsRegex("\nQUERY-KEYS-EXACT +SHOULD  query +query_result keys"));
}

TEST(ListMarkdown, EscapesTableCellsAndTagsAndNamesEverything) {
  const auto text = render_list({&kStats, 1}, ListFormat::markdown);
  EXPECT_THAT(text, HasSubstr("| [SR-STATS-SHAPE](#sr-stats-shape) | SHOULD | sr | "
                              "SR.stat answers with a \\| in it &lt;x&gt;. |"));
  EXPECT_THAT(text, HasSubstr("### SR-STATS-SHAPE"));
  EXPECT_THAT(text, HasSubstr("- Applies to: exec only; Volume plugins only; plugins that declare SR_STATS"));
  EXPECT_THAT(text, HasSubstr("- Profiles: xapi: a warn; strict: a fail"));
  EXPECT_THAT(text, HasSubstr("- Proof: smapi-mock mutant SR-STATS-SHAPE"));
  EXPECT_THAT(text, HasSubstr("1 requirements: 0 MUST, 1 SHOULD."));
  EXPECT_THAT(text, Not(HasSubstr("<x>")));
}

TEST(Explain, SaysEverythingAboutOneRequirement) {
  const auto text = render_explain(suites::requirement("QUERY-KEYS-EXACT"));
  EXPECT_THAT(text, StartsWith("QUERY-KEYS-EXACT (SHOULD, area query)\n"));
  EXPECT_THAT(text, HasSubstr("statement:  query_result keys are spelled exactly"));
  EXPECT_THAT(text, HasSubstr("source:     CONTRACT.md 3"));
  EXPECT_THAT(text, HasSubstr("applies to: every transport; Volume and Datapath plugins"));
  EXPECT_THAT(text, HasSubstr("profiles:   xapi: a misspelled or unknown key is a warn"));
  EXPECT_THAT(text, HasSubstr("proof:      fixture plugin fixtures/plugins/defects/query-keys-exact/"));
  EXPECT_THAT(text, HasSubstr("only with --fail-on should"));
  EXPECT_THAT(render_explain(suites::requirement("QUERY-ANSWERS")),
              HasSubstr("profiles:   xapi and strict judge it alike"));
}

TEST(Explain, AppliesInWordsNamesEachCondition) {
  EXPECT_EQ(applies_in_words({}), "every transport; Volume and Datapath plugins");
  EXPECT_EQ(applies_in_words({.transports = suites::kHttpTransports, .volume = false}),
            "jsonrpc, xmlrpc only; Datapath plugins only");
}

TEST(Explain, ClosestIdsRankByEditDistanceIgnoringCase) {
  EXPECT_THAT(closest_ids("query-key-exact", suites::catalogue(), 1), ElementsAre("QUERY-KEYS-EXACT"));
  EXPECT_THAT(closest_ids("EXEC-EXECUTBLE", suites::catalogue(), 1), ElementsAre("EXEC-EXECUTABLE"));
  EXPECT_EQ(closest_ids("X", suites::catalogue()).size(), kSuggestedIds);
}

TEST(ExplainCommand, UnknownIdExitsTwoSuggestingTheClosest) {
  std::ostringstream out, err;
  EXPECT_EQ(explain_command({"QUERY-ANSWER"}, out, err), 2);
  EXPECT_EQ(out.str(), "");
  EXPECT_THAT(err.str(), HasSubstr("no requirement \"QUERY-ANSWER\"; closest: QUERY-ANSWERS"));
}

TEST(ExplainCommand, KnownIdInAnyCasePrintsIt) {
  std::ostringstream out, err;
  EXPECT_EQ(explain_command({"ls-answers"}, out, err), 0);
  EXPECT_THAT(out.str(), StartsWith("LS-ANSWERS (MUST, area ls)"));
}

TEST(ExplainCommand, NeedsExactlyOneId) {
  std::ostringstream out, err;
  EXPECT_THROW(explain_command({}, out, err), UsageError);
  EXPECT_THROW(explain_command({"A", "B"}, out, err), UsageError);
}

TEST(ListCommand, ParsesTheFormat) {
  std::ostringstream out;
  EXPECT_EQ(list_command({"--format", "json"}, out), 0);
  EXPECT_THAT(out.str(), StartsWith("[\n  {\"id\":\"QUERY-ANSWERS\""));
  std::ostringstream md;
  EXPECT_EQ(list_command({"--format=markdown"}, md), 0);
  EXPECT_THAT(md.str(), StartsWith("# Requirements\n"));
  EXPECT_THROW(list_command({"--format", "yaml"}, out), UsageError);
  EXPECT_THROW(list_command({"--format"}, out), UsageError);
  EXPECT_THROW(list_command({"extra"}, out), UsageError);
}

}  // namespace
}  // namespace smapi::harness
