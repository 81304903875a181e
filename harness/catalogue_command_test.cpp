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
    "IDL: SR.stat",
    suites::Applicability{.transports = suites::kExecTransport, .volume = true, .datapath = false,
                          .feature = "SR_STATS"},
    "mutant:SR-STATS-SHAPE", "xapi: a warn; strict: a fail",
    "SR.stat fails in xapi.", "xen-api@e2ee48d6 ocaml/xapi-storage/generator/lib/volume.ml SR.stat",
    "declare \"stat\"", "2.0.0"};

constexpr suites::CatalogueChange kChanges[] = {
    {"2.0.0", "SR-STATS-SHAPE", "new (SHOULD)", "Because.", "xen-api@e2ee48d6 ocaml/x.ml f"},
    {"2.0.0", "OLD-ROW", "removed", "Folded | elsewhere.", "ocaml-rpc@6fe5b650 src/lib/y.ml g"},
};

TEST(ListJson, IsOneObjectPerRequirementInCatalogueOrderWithTheSharedShape) {
  const auto value = json::parse(render_list(suites::catalogue(), ListFormat::json));
  const auto& list = value.as_array();
  ASSERT_EQ(list.size(), suites::catalogue().size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& entry = list[i].as_object();
    EXPECT_EQ(entry.at("id").as_string(), suites::catalogue()[i].id);
    for (const char* key : {"area", "level", "statement", "source", "proof", "profile_note", "consequence",
                            "citation", "quote", "since"})
      EXPECT_TRUE(entry.at(key).is_string()) << key;
    EXPECT_EQ(json::serialize(entry.at("api_versions")), R"(["3.0","5.0"])");
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
  EXPECT_EQ(entry.at("consequence").as_string(), "SR.stat fails in xapi.");
  EXPECT_EQ(entry.at("citation").as_string(), "xen-api@e2ee48d6 ocaml/xapi-storage/generator/lib/volume.ml SR.stat");
  EXPECT_EQ(entry.at("quote").as_string(), "declare \"stat\"");
  EXPECT_EQ(entry.at("since").as_string(), "2.0.0");
  const auto all = json::parse(render_list(suites::catalogue(), ListFormat::json));
  EXPECT_EQ(json::serialize(all.as_array().at(0).at("applies")),
            R"({"transports":["exec","jsonrpc","xmlrpc"],"kinds":["volume","datapath"],"feature":""})");
}

TEST(ListText, HasAHeaderAndOneLinePerRequirement) {
  const auto text = render_list(suites::catalogue(), ListFormat::text);
  EXPECT_THAT(text, StartsWith("ID "));
  EXPECT_EQ(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')),
            suites::catalogue().size() + 1);
  EXPECT_THAT(text, StartsWith("ID  "));
  EXPECT_THAT(text, HasSubstr("LEVEL   AREA         SINCE  STATEMENT\n"));
  EXPECT_THAT(text, ::testing::ContainsRegex("\nQUERY-KEYS-EXACT +SHOULD  query +1\\.0\\.0  query_result keys"));
  EXPECT_THAT(text, ::testing::ContainsRegex("\nDIAG-SUCCEEDS +SHOULD  diagnostics +2\\.0\\.0  "));
}

TEST(ListMarkdown, EscapesTableCellsAndTagsAndNamesEverything) {
  const auto text = render_list({&kStats, 1}, ListFormat::markdown);
  EXPECT_THAT(text, HasSubstr("| [SR-STATS-SHAPE](#sr-stats-shape) | SHOULD | sr | "
                              "SR.stat answers with a \\| in it &lt;x&gt;. |"));
  EXPECT_THAT(text, HasSubstr("### SR-STATS-SHAPE"));
  EXPECT_THAT(text, HasSubstr("- Applies to: exec only; Volume plugins only; plugins that declare SR_STATS"));
  EXPECT_THAT(text, HasSubstr("- Profiles: xapi: a warn; strict: a fail"));
  EXPECT_THAT(text, HasSubstr("- Proof: smapi-mock mutant SR-STATS-SHAPE"));
  EXPECT_THAT(text, HasSubstr("- Consequence: SR.stat fails in xapi."));
  EXPECT_THAT(text, HasSubstr("- Citation: xen-api@e2ee48d6 ocaml/xapi-storage/generator/lib/volume.ml SR.stat"));
  EXPECT_THAT(text, HasSubstr("- Quote: declare \"stat\""));
  EXPECT_THAT(text, HasSubstr("- Since: 2.0.0; API versions: 3.0, 5.0"));
  EXPECT_THAT(text, HasSubstr("1 requirements: 0 MUST, 1 SHOULD."));
  EXPECT_THAT(text, HasSubstr("Catalogue version 2.0.0"));
  EXPECT_THAT(text, Not(HasSubstr("<x>")));
  EXPECT_THAT(text, Not(HasSubstr("## Changelog")));
}

TEST(ListMarkdown, EndsWithTheChangelogByVersion) {
  const auto text = render_list({&kStats, 1}, ListFormat::markdown, kChanges);
  EXPECT_THAT(text, HasSubstr("\n## Changelog\n\n"));
  EXPECT_THAT(text, HasSubstr("\n### 2.0.0\n\n"
                              "- **SR-STATS-SHAPE**: new (SHOULD). Because. (xen-api@e2ee48d6 ocaml/x.ml f)\n"
                              "- **OLD-ROW**: removed. Folded | elsewhere. (ocaml-rpc@6fe5b650 src/lib/y.ml g)\n"));
  std::ostringstream out;
  ASSERT_EQ(list_command({"--format", "markdown"}, out), 0);
  EXPECT_THAT(out.str(), HasSubstr("\n### 2.0.0\n"));
  EXPECT_THAT(out.str(), HasSubstr("- **ERROR-BACKTRACE**: removed"));
}

TEST(Explain, SaysEverythingAboutOneRequirement) {
  const auto text = render_explain(suites::requirement("QUERY-KEYS-EXACT"));
  EXPECT_THAT(text, StartsWith("QUERY-KEYS-EXACT (SHOULD, area query)\n"));
  EXPECT_THAT(text, HasSubstr("statement:    query_result keys are spelled exactly"));
  EXPECT_THAT(text, HasSubstr("level:        SHOULD\n"));
  EXPECT_THAT(text, HasSubstr("consequence:  None in xapi today: rpclib lower-cases keys"));
  EXPECT_THAT(text, HasSubstr("citation:     ocaml-rpc@6fe5b650 src/lib/rpcmarshal.ml unmarshal"));
  EXPECT_THAT(text, HasSubstr("quote:        let keys = List.map"));
  EXPECT_THAT(text, HasSubstr("since:        catalogue 1.0.0 (this is 2.0.0)\n"));
  EXPECT_THAT(text, HasSubstr("api versions: 3.0, 5.0\n"));
  EXPECT_THAT(text, HasSubstr("applies to:   every transport; Volume and Datapath plugins"));
  EXPECT_THAT(text, HasSubstr("profiles:     xapi: a misspelled, repeated or unknown key is a warn"));
  EXPECT_THAT(text, HasSubstr("proof:        fixture plugin fixtures/plugins/defects/query-keys-exact/"));
  EXPECT_THAT(text, HasSubstr("only with --fail-on should"));
  EXPECT_THAT(render_explain(suites::requirement("QUERY-ANSWERS")),
              HasSubstr("profiles:     xapi and strict judge it alike"));
  EXPECT_THAT(render_explain(suites::requirement("DIAG-SUCCEEDS")),
              HasSubstr("applies to:   every transport; Volume plugins only"));
}

// Every row shows its evidence, and only public sources: a user has the IDL,
// xen-api and rpclib, not this project's private notes.
TEST(Explain, EveryIdShowsAStatementAConsequenceAndAPublicCitation) {
  for (const auto& requirement : suites::catalogue()) {
    std::ostringstream out, err;
    ASSERT_EQ(explain_command({std::string(requirement.id)}, out, err), 0) << requirement.id;
    const std::string text = out.str();
    const auto field = [&](std::string_view name) {
      const auto at = text.find("  " + std::string(name) + ":");
      if (at == std::string::npos) return std::string();
      const auto start = text.find_first_not_of(' ', at + name.size() + 3);
      return text.substr(start, text.find('\n', start) - start);
    };
    EXPECT_FALSE(field("statement").empty()) << requirement.id;
    EXPECT_FALSE(field("consequence").empty()) << requirement.id;
    const std::string citation = field("citation");
    EXPECT_THAT(citation, ::testing::AnyOf(HasSubstr("xen-api"), HasSubstr("ocaml-rpc"), HasSubstr("rpclib"),
                                           HasSubstr("ocaml/xapi-storage/generator/lib/")))
        << requirement.id;
    EXPECT_THAT(text, Not(HasSubstr("CONTRACT"))) << requirement.id;
    EXPECT_THAT(text, Not(HasSubstr("seeds/"))) << requirement.id;
    EXPECT_THAT(text, Not(HasSubstr("../shared"))) << requirement.id;
  }
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

// Both used to be usage errors.
TEST(ListCommand, HelpPrintsItsUsage) {
  std::ostringstream out;
  EXPECT_EQ(list_command({"--help"}, out), 0);
  EXPECT_THAT(out.str(), StartsWith("usage: smapi-conform list [options]\n"));
  EXPECT_THAT(out.str(), HasSubstr("--format text|json|markdown"));
}

TEST(ExplainCommand, HelpPrintsItsUsage) {
  std::ostringstream out, err;
  EXPECT_EQ(explain_command({"-h"}, out, err), 0);
  EXPECT_THAT(out.str(), StartsWith("usage: smapi-conform explain ID\n"));
  EXPECT_EQ(err.str(), "");
}

}  // namespace
}  // namespace smapi::harness
