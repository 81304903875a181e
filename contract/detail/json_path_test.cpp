#include "contract/detail/json_path.h"

#include <gtest/gtest.h>

namespace smapi::contract::detail {
namespace {

TEST(JsonPathTest, IdentifierKeysUseDotNotation) {
  EXPECT_EQ(member_path("$", "vendor"), "$.vendor");
  EXPECT_EQ(member_path("$.configuration", "_key2"), "$.configuration._key2");
}

TEST(JsonPathTest, OtherKeysAreQuotedAndEscaped) {
  EXPECT_EQ(member_path("$", "odd key"), "$[\"odd key\"]");
  EXPECT_EQ(member_path("$", "2nd"), "$[\"2nd\"]");
  EXPECT_EQ(member_path("$", ""), "$[\"\"]");
  EXPECT_EQ(member_path("$", "a\"b"), "$[\"a\\\"b\"]");
  EXPECT_EQ(member_path("$", "dotted.key"), "$[\"dotted.key\"]");
}

TEST(JsonPathTest, IndexesUseBrackets) {
  EXPECT_EQ(index_path("$.features", 2), "$.features[2]");
  EXPECT_EQ(index_path("$", 0), "$[0]");
}

}  // namespace
}  // namespace smapi::contract::detail
