#include "mock_plugin/mutants.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

namespace smapi::mock {
namespace {

using ::testing::HasSubstr;

TEST(Mutants, EachIsNamedByTheOneRequirementItBreaksAndNamesAreUnique) {
  std::set<std::string_view> names;
  for (const Mutant& m : mutants()) {
    EXPECT_EQ(m.name, m.requirement_id);
    EXPECT_TRUE(names.insert(m.name).second) << "duplicate " << m.name;
    EXPECT_FALSE(m.description.empty()) << m.name;
    EXPECT_TRUE(m.transports.exec || m.transports.jsonrpc || m.transports.xmlrpc) << m.name;
  }
  EXPECT_EQ(names.size(), mutants().size());
}

TEST(Mutants, EveryConfigLoadsForBothKindsAndChangesSomething) {
  for (const Mutant& m : mutants()) {
    for (PluginKind kind : {PluginKind::volume, PluginKind::datapath}) {
      ConfigLoad load = mutant_config(m, kind);
      ASSERT_TRUE(load.config) << load.error;
      EXPECT_EQ(load.config->kind, kind);
      const bool differs = !(*load.config == default_config(kind));
      EXPECT_TRUE(differs || m.layout != DirLayout::standard) << m.name << " changes nothing";
    }
  }
}

TEST(Mutants, FindByNameInAnyCase) {
  ASSERT_NE(find_mutant("LS-ANSWERS"), nullptr);
  EXPECT_EQ(find_mutant("LS-ANSWERS")->requirement_id, "LS-ANSWERS");
  // As `smapi-conform explain` reads requirement IDs.
  EXPECT_EQ(find_mutant("ls-answers"), find_mutant("LS-ANSWERS"));
  EXPECT_EQ(find_mutant("Query-Field-Types"), find_mutant("QUERY-FIELD-TYPES"));
  EXPECT_EQ(find_mutant("LS-ANSWER"), nullptr);
  EXPECT_EQ(find_mutant(""), nullptr);
  EXPECT_THAT(mutant_names(), HasSubstr("QUERY-ANSWERS, QUERY-RESULT-OBJECT, "));
}

TEST(Mutants, OversizedDiagnosticsIsBuiltFromTheTable) {
  const Mutant* m = find_mutant("TRANSPORT-OUTPUT-SIZE");
  ASSERT_NE(m, nullptr);
  ConfigLoad load = mutant_config(*m, PluginKind::volume);
  ASSERT_TRUE(load.config) << load.error;
  const Answer& a = load.config->answer(contract::Method::diagnostics);
  ASSERT_EQ(a.kind, Answer::Kind::result);
  EXPECT_EQ(a.result.as_string().size(), m->diagnostics_bytes);
}

TEST(Mutants, JsonListsEveryMutantWithItsTransportsAndFlags) {
  const auto list = mutants_json().as_array();
  ASSERT_EQ(list.size(), mutants().size());
  const auto* strict = find_mutant("QUERY-KEYS-EXACT");
  ASSERT_NE(strict, nullptr);
  for (const auto& entry : list) {
    if (entry.at("name") != "QUERY-KEYS-EXACT") continue;
    EXPECT_EQ(entry.at("conform_flags"), (boost::json::array{"--profile", "strict", "--fail-on", "should"}));
    EXPECT_EQ(entry.at("transports"), (boost::json::array{"exec", "jsonrpc", "xmlrpc"}));
  }
  for (const auto& entry : list) {
    if (entry.at("name") != "EXEC-EXECUTABLE") continue;
    EXPECT_EQ(entry.at("transports"), (boost::json::array{"exec"}));
    EXPECT_EQ(entry.at("layout"), "diagnostics_not_executable");
  }
}

}  // namespace
}  // namespace smapi::mock
