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

}  // namespace
}  // namespace smapi::reports::detail
