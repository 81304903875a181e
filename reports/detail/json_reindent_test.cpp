#include "reports/detail/json_reindent.h"

#include <gtest/gtest.h>

#include <string>

namespace smapi::reports::detail {
namespace {

TEST(ReindentJsonText, KeepsEveryTokenAsWritten) {
  const auto text = reindent_json_text(R"( {"a":1.0,"a":2,"s":"x\"y,[{","l":[1,"b"],"e":{},"n":[[1],{"k":null}]} )");
  ASSERT_TRUE(text);
  EXPECT_EQ(*text,
            "{\n"
            "  \"a\": 1.0,\n"
            "  \"a\": 2,\n"
            "  \"s\": \"x\\\"y,[{\",\n"
            "  \"l\": [1, \"b\"],\n"
            "  \"e\": {},\n"
            "  \"n\": [\n"
            "    [1],\n"
            "    {\n"
            "      \"k\": null\n"
            "    }\n"
            "  ]\n"
            "}");
}

TEST(ReindentJsonText, FillsLinesWithALongListOfScalars) {
  std::string list = "[";
  for (int i = 0; i < 12; ++i) list += std::string(i ? "," : "") + "\"FEATURE_" + std::to_string(i) + "\"";
  const auto text = reindent_json_text("{\"f\":" + list + "]}");
  ASSERT_TRUE(text);
  EXPECT_EQ(*text,
            "{\n"
            "  \"f\": [\n"
            "    \"FEATURE_0\", \"FEATURE_1\", \"FEATURE_2\", \"FEATURE_3\", \"FEATURE_4\",\n"
            "    \"FEATURE_5\", \"FEATURE_6\", \"FEATURE_7\", \"FEATURE_8\", \"FEATURE_9\",\n"
            "    \"FEATURE_10\", \"FEATURE_11\"\n"
            "  ]\n"
            "}");
}

TEST(ReindentJsonText, RefusesWhatIsNotOneJsonValue) {
  EXPECT_FALSE(reindent_json_text("{\"a\":"));
  EXPECT_FALSE(reindent_json_text("{} {}"));
  EXPECT_FALSE(reindent_json_text("<methodResponse/>"));
  EXPECT_FALSE(reindent_json_text(std::string(100, '[') + std::string(100, ']')));
  EXPECT_EQ(reindent_json_text("\"s\""), "\"s\"");
}

}  // namespace
}  // namespace smapi::reports::detail
