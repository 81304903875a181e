#include "contract/method.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::contract {
namespace {

using ::testing::Eq;
using ::testing::Optional;

TEST(MethodTest, WireNamesAreLowerCaseAfterTheDot) {
  EXPECT_EQ(wire_name(Method::query), "Plugin.query");
  EXPECT_EQ(wire_name(Method::ls), "Plugin.ls");
  EXPECT_EQ(wire_name(Method::diagnostics), "Plugin.diagnostics");
}

TEST(MethodTest, ScriptNamesUseTheDocsSpelling) {
  EXPECT_EQ(script_name(Method::query), "Plugin.Query");
  EXPECT_EQ(script_name(Method::ls), "Plugin.ls");
  EXPECT_EQ(script_name(Method::diagnostics), "Plugin.diagnostics");
}

TEST(MethodTest, NamesRoundTripForEveryMethod) {
  for (Method m : kAllMethods) {
    EXPECT_THAT(method_from_name(wire_name(m)), Optional(Eq(m))) << wire_name(m);
    EXPECT_THAT(method_from_name(script_name(m)), Optional(Eq(m))) << script_name(m);
  }
}

TEST(MethodTest, NamesMatchIgnoringCase) {
  EXPECT_THAT(method_from_name("plugin.QUERY"), Optional(Eq(Method::query)));
  EXPECT_THAT(method_from_name("PLUGIN.LS"), Optional(Eq(Method::ls)));
  EXPECT_THAT(method_from_name("Plugin.Diagnostics"), Optional(Eq(Method::diagnostics)));
}

TEST(MethodTest, OtherNamesAreNotMethods) {
  EXPECT_EQ(method_from_name(""), std::nullopt);
  EXPECT_EQ(method_from_name("query"), std::nullopt);
  EXPECT_EQ(method_from_name("Plugin.query "), std::nullopt);
  EXPECT_EQ(method_from_name("Plugin.queryx"), std::nullopt);
  EXPECT_EQ(method_from_name("SR.create"), std::nullopt);
  EXPECT_EQ(method_from_name(std::string_view("Plugin.ls\0", 10)), std::nullopt);
}

}  // namespace
}  // namespace smapi::contract
