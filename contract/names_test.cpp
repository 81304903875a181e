#include "contract/names.h"

#include <gtest/gtest.h>

namespace smapi::contract {
namespace {

TEST(Names, CaseInsensitiveComparisonIsAsciiOnly) {
  EXPECT_TRUE(equals_ignoring_case("Plugin.Query", "plugin.query"));
  EXPECT_TRUE(equals_ignoring_case("", ""));
  EXPECT_FALSE(equals_ignoring_case("plugin", "plugins"));
  EXPECT_FALSE(equals_ignoring_case("Plugin.ls", "Plugin.lt"));
  EXPECT_FALSE(equals_ignoring_case("\xc3\x89", "\xc3\xa9"));  // É and é are different bytes
}

}  // namespace
}  // namespace smapi::contract
