#include "contract/json_text.h"

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace smapi::contract {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string nested_arrays(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

TEST(ParseOneJsonValueTest, AcceptsOneObject) {
  JsonParse p = parse_one_json_value(R"({"dbg":"debug"})");
  ASSERT_TRUE(p.value) << p.error;
  EXPECT_EQ(p.value->at("dbg").as_string(), "debug");
  EXPECT_TRUE(p.error.empty());
}

TEST(ParseOneJsonValueTest, AcceptsJsonWhitespaceAround) {
  JsonParse p = parse_one_json_value(" \t\r\n\"No diagnostic data to report\"\n \t\r");
  ASSERT_TRUE(p.value) << p.error;
  EXPECT_EQ(p.value->as_string(), "No diagnostic data to report");
}

TEST(ParseOneJsonValueTest, AcceptsTopLevelScalars) {
  EXPECT_EQ(parse_one_json_value("123").value, json::value(123));
  EXPECT_EQ(parse_one_json_value("null").value, json::value(nullptr));
  EXPECT_EQ(parse_one_json_value("true ").value, json::value(true));
}

TEST(ParseOneJsonValueTest, OnePointZeroIsADouble) {
  JsonParse p = parse_one_json_value("1.0");
  ASSERT_TRUE(p.value) << p.error;
  EXPECT_TRUE(p.value->is_double());
  EXPECT_EQ(json_type_name(*p.value), "number");
}

TEST(ParseOneJsonValueTest, DuplicateKeysKeepTheLastValue) {
  JsonParse p = parse_one_json_value(R"({"plugin":"first","plugin":"second"})");
  ASSERT_TRUE(p.value) << p.error;
  EXPECT_EQ(p.value->as_object().size(), 1u);
  EXPECT_EQ(p.value->at("plugin").as_string(), "second");
}

TEST(ParseOneJsonValueTest, RejectsEmptyText) {
  JsonParse p = parse_one_json_value("");
  EXPECT_FALSE(p.value);
  EXPECT_EQ(p.error, "empty output");
}

TEST(ParseOneJsonValueTest, RejectsOnlyWhitespace) {
  JsonParse p = parse_one_json_value(" \n\t");
  EXPECT_FALSE(p.value);
  EXPECT_THAT(p.error, StartsWith("empty output"));
}

TEST(ParseOneJsonValueTest, RejectsNonJsonWhitespace) {
  // Form feed and vertical tab are whitespace in C but not in JSON.
  JsonParse p = parse_one_json_value("\f{}");
  EXPECT_FALSE(p.value);
  EXPECT_THAT(p.error, StartsWith("invalid JSON at byte 0: "));
}

TEST(ParseOneJsonValueTest, RejectsTwoValuesAndSaysWhereTheSecondStarts) {
  JsonParse p = parse_one_json_value(R"({"a":1} {"b":2})");
  EXPECT_FALSE(p.value);
  EXPECT_EQ(p.error, "more than one JSON value: a second value starts at byte 8");
}

TEST(ParseOneJsonValueTest, RejectsTwoNumbers) {
  JsonParse p = parse_one_json_value("123 456");
  EXPECT_FALSE(p.value);
  EXPECT_EQ(p.error, "more than one JSON value: a second value starts at byte 4");
}

TEST(ParseOneJsonValueTest, RejectsTrailingGarbage) {
  JsonParse p = parse_one_json_value("{\"a\":1}\nTraceback (most recent call last):");
  EXPECT_FALSE(p.value);
  EXPECT_EQ(p.error, "invalid JSON at byte 8: unexpected text after the value");
}

TEST(ParseOneJsonValueTest, RejectsTrailingNul) {
  JsonParse p = parse_one_json_value(std::string_view("{}\0", 3));
  EXPECT_FALSE(p.value);
  EXPECT_EQ(p.error, "invalid JSON at byte 2: unexpected text after the value");
}

TEST(ParseOneJsonValueTest, SyntaxErrorNamesTheByte) {
  JsonParse p = parse_one_json_value(R"({"a" 1})");
  EXPECT_FALSE(p.value);
  EXPECT_THAT(p.error, StartsWith("invalid JSON at byte 5: "));
}

TEST(ParseOneJsonValueTest, SyntaxErrorOffsetCountsLeadingWhitespace) {
  JsonParse p = parse_one_json_value("   [1 2]");
  EXPECT_FALSE(p.value);
  EXPECT_THAT(p.error, StartsWith("invalid JSON at byte 6: "));
}

TEST(ParseOneJsonValueTest, TruncatedTextIsIncomplete) {
  JsonParse p = parse_one_json_value(R"({"dbg": )");
  EXPECT_FALSE(p.value);
  EXPECT_THAT(p.error, StartsWith("invalid JSON at byte 8: "));
  EXPECT_THAT(p.error, HasSubstr("incomplete"));
}

TEST(ParseOneJsonValueTest, RejectsTrailingCommaAndComments) {
  EXPECT_FALSE(parse_one_json_value(R"({"a":1,})").value);
  EXPECT_FALSE(parse_one_json_value("[1] // done").value);
  EXPECT_FALSE(parse_one_json_value("/* x */ [1]").value);
}

TEST(ParseOneJsonValueTest, RejectsInvalidUtf8) {
  JsonParse p = parse_one_json_value("\"\xff\"");
  EXPECT_FALSE(p.value);
  EXPECT_THAT(p.error, StartsWith("invalid JSON at byte 1: "));
}

TEST(ParseOneJsonValueTest, RejectsOverflowingNumberAtTopLevel) {
  JsonParse p = parse_one_json_value("1e400");
  EXPECT_FALSE(p.value);
  EXPECT_EQ(p.error, "number out of range at $ (it does not fit in a double)");
}

TEST(ParseOneJsonValueTest, RejectsOverflowingNumberAnywhereAndNamesItsPath) {
  JsonParse p = parse_one_json_value(R"({"a":[1,{"b c":-1e999}]})");
  EXPECT_FALSE(p.value);
  EXPECT_EQ(p.error, "number out of range at $.a[1][\"b c\"] (it does not fit in a double)");
}

TEST(ParseOneJsonValueTest, AcceptsLargeButFiniteNumbers) {
  JsonParse p = parse_one_json_value("[1e308, 18446744073709551615, -9223372036854775808]");
  ASSERT_TRUE(p.value) << p.error;
  EXPECT_TRUE(p.value->as_array()[1].is_uint64());
}

TEST(ParseOneJsonValueTest, AcceptsNestingUpToTheLimit) {
  JsonParse p = parse_one_json_value(nested_arrays(64));
  EXPECT_TRUE(p.value) << p.error;
}

TEST(ParseOneJsonValueTest, RejectsNestingBeyondTheLimitWithoutCrashing) {
  JsonParse p = parse_one_json_value(nested_arrays(100));
  EXPECT_FALSE(p.value);
  EXPECT_EQ(p.error, "nesting deeper than 64 levels (at byte 64)");
}

TEST(ParseOneJsonValueTest, SurvivesVeryDeepNesting) {
  JsonParse p = parse_one_json_value(std::string(1'000'000, '['));
  EXPECT_FALSE(p.value);
  EXPECT_THAT(p.error, StartsWith("nesting deeper than 64 levels"));
}

TEST(ParseOneJsonValueTest, DepthLimitIsASetting) {
  JsonLimits limits;
  limits.max_depth = 3;
  EXPECT_TRUE(parse_one_json_value(nested_arrays(3), limits).value);
  JsonParse p = parse_one_json_value(nested_arrays(4), limits);
  EXPECT_FALSE(p.value);
  EXPECT_THAT(p.error, StartsWith("nesting deeper than 3 levels"));
}

TEST(ParseOneJsonValueTest, RejectsTextLongerThanTheLimit) {
  JsonLimits limits;
  limits.max_bytes = 10;
  EXPECT_TRUE(parse_one_json_value("\"12345678\"", limits).value);
  JsonParse p = parse_one_json_value("\"123456789\"", limits);
  EXPECT_FALSE(p.value);
  EXPECT_EQ(p.error, "text too long: 11 bytes, the limit is 10");
}

TEST(JsonTypeNameTest, NamesEveryKind) {
  EXPECT_EQ(json_type_name(json::value("s")), "string");
  EXPECT_EQ(json_type_name(json::value(1)), "number");
  EXPECT_EQ(json_type_name(json::value(1u)), "number");
  EXPECT_EQ(json_type_name(json::value(1.5)), "number");
  EXPECT_EQ(json_type_name(json::value(json::object())), "object");
  EXPECT_EQ(json_type_name(json::value(json::array())), "array");
  EXPECT_EQ(json_type_name(json::value(true)), "boolean");
  EXPECT_EQ(json_type_name(json::value(nullptr)), "null");
}

TEST(JsonExcerptTest, ShortValuesAreCompactJson) {
  EXPECT_EQ(json_excerpt(json::value(5)), "5");
  EXPECT_EQ(json_excerpt(json::value("a\"b")), R"("a\"b")");
  EXPECT_EQ(json_excerpt(json::parse(R"({ "a" : [1, 2] })")), R"({"a":[1,2]})");
}

TEST(JsonExcerptTest, LongValuesAreCutWithEllipsis) {
  const std::string excerpt = json_excerpt(json::value(std::string(200, 'x')), 20);
  EXPECT_EQ(excerpt, "\"xxxxxxxxxxxxxxxx...");
  EXPECT_EQ(excerpt.size(), 20u);
}

TEST(JsonExcerptTest, TinyLimitsNeverExceedMaxChars) {
  EXPECT_EQ(json_excerpt(json::value("abcdef"), 0), "");
  EXPECT_EQ(json_excerpt(json::value("abcdef"), 2), "..");
  EXPECT_EQ(json_excerpt(json::value(12), 2), "12");
  EXPECT_EQ(json_excerpt(json::value("abcdef"), 4), "\"...");
}

TEST(JsonExcerptTest, ValueOfExactlyMaxCharsIsNotCut) {
  EXPECT_EQ(json_excerpt(json::value("abcd"), 6), "\"abcd\"");
}

TEST(JsonExcerptTest, CutsAtACharacterBoundary) {
  // Each "\xc3\xa9" is one two-byte character; a cut never splits one.
  const json::value value("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
  EXPECT_EQ(json_excerpt(value, 5), "\"...");
  EXPECT_EQ(json_excerpt(value, 6), "\"\xc3\xa9...");
  EXPECT_EQ(json_excerpt(value, 7), "\"\xc3\xa9...");
  EXPECT_EQ(json_excerpt(value, 8), "\"\xc3\xa9\xc3\xa9...");
}

TEST(JsonExcerptTest, NeverEmitsInfinity) {
  json::array arr{1, std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  EXPECT_EQ(json_excerpt(arr), "[1,null,null]");
  EXPECT_EQ(json_excerpt(json::value(std::numeric_limits<double>::quiet_NaN())), "null");
}

TEST(ToCompactJsonTest, WritesCompactAndNoNewline) {
  json::object args;
  args["dbg"] = "debug";
  EXPECT_EQ(to_compact_json(args), R"({"dbg":"debug"})");
}

TEST(ToCompactJsonTest, NeverEmitsInfinity) {
  json::object obj;
  obj["x"] = std::numeric_limits<double>::infinity();
  const std::string text = to_compact_json(obj);
  EXPECT_EQ(text, R"({"x":null})");
  EXPECT_TRUE(parse_one_json_value(text).value);
}

}  // namespace
}  // namespace smapi::contract
