#include "reports/detail/pretty_json.h"

#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

#include <limits>

namespace smapi::reports::detail {
namespace {

namespace json = boost::json;

TEST(PrettyJson, IndentsObjectsAndArrays) {
  const json::value value = json::parse(R"({"a":1,"b":[true,null,"x"],"c":{},"d":[]})");
  EXPECT_EQ(pretty_json(value),
            "{\n"
            "  \"a\": 1,\n"
            "  \"b\": [\n"
            "    true,\n"
            "    null,\n"
            "    \"x\"\n"
            "  ],\n"
            "  \"c\": {},\n"
            "  \"d\": []\n"
            "}\n");
}

TEST(PrettyJson, RoundTripsThroughParse) {
  const json::value value =
      json::parse(R"({"s":"quote \" backslash \\ ctrl \u0001 \u00e9","n":-3,"u":18446744073709551615,"nested":[[{"k":[1]}]]})");
  EXPECT_EQ(json::parse(pretty_json(value)), value);
}

TEST(PrettyJson, WritesNonFiniteNumbersAsNull) {
  json::array values{std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity(),
                     std::numeric_limits<double>::quiet_NaN(), 1.5};
  const std::string text = pretty_json(values);
  EXPECT_EQ(text.find("Infinity"), std::string::npos);
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  EXPECT_EQ(json::parse(text), json::parse("[null,null,null,1.5]"));
}

TEST(PrettyJson, KeepsContainersThatFitTheWidthOnOneLine) {
  const json::value value =
      json::parse(R"({"short":[1,2,3],"small":{"k":"v","e":[]},"long":["aaaaaaaaaa","bbbbbbbbbb","cccccccccc"]})");
  EXPECT_EQ(pretty_json(value, 30),
            "{\n"
            "  \"short\": [1, 2, 3],\n"
            "  \"small\": {\"k\": \"v\", \"e\": []},\n"
            "  \"long\": [\n"
            "    \"aaaaaaaaaa\",\n"
            "    \"bbbbbbbbbb\",\n"
            "    \"cccccccccc\"\n"
            "  ]\n"
            "}\n");
  EXPECT_EQ(json::parse(pretty_json(value, 30)), value);
  EXPECT_EQ(pretty_json(value, 200),
            R"({"short": [1, 2, 3], "small": {"k": "v", "e": []}, "long": ["aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc"]})"
            "\n");
}

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
