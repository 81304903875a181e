#include "contract/xapi_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace smapi::contract {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// Each text as xapi's reader (Yojson.Safe + rpclib json_to_rpc) judges it:
// the verdicts were taken from xapi's own decoder run on the same texts.
struct Case {
  const char* name;
  std::string text;
  bool xapi_reads;
  bool standard;  // RFC 8259 JSON, nothing noted
};

class XapiJsonTable : public ::testing::TestWithParam<Case> {};

TEST_P(XapiJsonTable, ReadsAsXapiReads) {
  const auto& c = GetParam();
  const auto read = read_xapi_json(c.text);
  EXPECT_EQ(read.value.has_value(), c.xapi_reads) << read.error;
  EXPECT_EQ(read.error.empty(), c.xapi_reads);
  if (c.xapi_reads) {
    EXPECT_EQ(read.non_standard.empty(), c.standard) << ::testing::PrintToString(read.non_standard);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Oracle, XapiJsonTable,
    ::testing::Values(
        Case{"plain", R"({"a": [1, "x", null, true, false, -0, 1.5e3]})", true, true},
        Case{"leading_zero", R"({"a": 01})", false, false},
        Case{"dot_without_digits", R"({"a": 1.})", false, false},
        Case{"dot_first", R"({"a": .5})", false, false},
        Case{"plus_sign", R"({"a": +1})", false, false},
        Case{"hex", R"({"a": 0x10})", false, false},
        Case{"huge_double", R"({"a": 1e400})", true, false},
        Case{"tiny_double", R"({"a": 1e-400})", true, true},
        Case{"nan", R"({"a": NaN})", true, false},
        Case{"minus_nan", R"({"a": -NaN})", false, false},
        Case{"infinity", R"({"a": Infinity, "b": -Infinity})", true, false},
        Case{"plus_infinity", R"({"a": +Infinity})", false, false},
        Case{"lowercase_nan", R"({"a": nan})", false, false},
        Case{"int64_max", R"({"a": 9223372036854775807})", true, true},
        Case{"int64_min", R"({"a": -9223372036854775808})", true, true},
        Case{"past_int64_max", R"({"a": 9223372036854775808})", false, false},
        Case{"past_int64_min", R"({"a": -9223372036854775809})", false, false},
        Case{"uint64_max", R"({"a": 18446744073709551615})", false, false},
        Case{"big_float_is_fine", R"({"a": 123456789012345678901234567890.0})", true, true},
        Case{"single_quotes", R"({"a": 'x'})", false, false},
        Case{"bad_escape", R"({"a": "\q"})", false, false},
        Case{"lone_high_surrogate", R"({"a": "x\ud800y"})", false, false},
        Case{"high_then_high", R"({"a": "\ud800\ud800"})", false, false},
        Case{"surrogate_pair", R"({"a": "\ud83d\ude00"})", true, true},
        Case{"lone_low_surrogate", R"({"a": "\udc00"})", true, false},
        Case{"escaped_nul", R"({"a": "a\u0000"})", true, true},
        Case{"raw_control", "{\"a\": \"a\x01b\"}", true, false},
        Case{"raw_newline", "{\"a\": \"a\nb\"}", true, false},
        Case{"trailing_comma_array", R"({"a": [1,]})", false, false},
        Case{"trailing_comma_object", R"({"a": 1,})", false, false},
        Case{"bare_key", R"({a_9: 1})", true, false},
        Case{"bare_key_digit_first", R"({9a: 1})", false, false},
        Case{"bare_key_dash", R"({no-te: 1})", false, false},
        Case{"bare_value", R"({"a": abc})", false, false},
        Case{"block_comment", "/* x */{\"a\": 1}", true, false},
        Case{"comment_inside", "{/*c*/ \"a\": 1 // c\n}", true, false},
        Case{"line_comment_at_end", "{\"a\": 1}//", true, false},
        Case{"hash_comment", "{\"a\": 1}# x", false, false},
        Case{"unterminated_comment", "{\"a\": 1}/* x", false, false},
        Case{"nested_comment_close", "{\"a\": 1}/* /* */ */", false, false},
        Case{"lone_slash", "{\"a\": 1}/", false, false},
        Case{"bom", "\xef\xbb\xbf{\"a\": 1}", false, false},
        Case{"form_feed", "\f{\"a\": 1}", false, false},
        Case{"vertical_tab_after", "{\"a\": 1}\v", false, false},
        Case{"nul_after", std::string("{\"a\": 1}\0", 9), false, false},
        Case{"crlf", "\r\n{\"a\": 1}\r\n", true, true},
        Case{"empty", "", false, false},
        Case{"blank", "  \n", false, false},
        Case{"two_values", "{} {}", false, false},
        Case{"tuple", R"({"a": (1, 2)})", false, false},
        Case{"variant", R"({"a": <"A">})", false, false},
        Case{"duplicate_keys", R"({"a": 1, "a": 2})", true, true}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(XapiJson, ReadsTenThousandLevelsAndKeepsTheTreeShallow) {
  const std::string deep = "{\"d\": " + std::string(10'000, '[') + std::string(10'000, ']') + "}";
  const auto read = read_xapi_json(deep);
  ASSERT_TRUE(read.value) << read.error;
  std::size_t depth = 0;
  const boost::json::value* at = &read.value->at("d");
  while (at->is_array() && !at->get_array().empty()) {
    at = &at->get_array()[0];
    ++depth;
  }
  EXPECT_LT(depth, XapiJsonLimits{}.max_tree_depth);
}

TEST(XapiJson, RefusesNestingPastItsLimitWithoutCrashing) {
  XapiJsonLimits limits;
  limits.max_depth = 50;
  const auto read = read_xapi_json(std::string(51, '[') + std::string(51, ']'), {}, limits);
  EXPECT_FALSE(read.value);
  EXPECT_THAT(read.error, HasSubstr("nesting deeper than 50 levels"));
}

TEST(XapiJson, KeepsTheFirstOfRepeatedKeysAndRecordsTheRest) {
  const auto read = read_xapi_json(R"({"Vendor": 5, "vendor": "x", "c": {"d": "a", "d": 1}, "vendor": 7})");
  ASSERT_TRUE(read.value) << read.error;
  EXPECT_EQ(read.value->at("vendor"), "x");
  ASSERT_THAT(read.duplicates, SizeIs(2));
  EXPECT_EQ(read.duplicates[0].object_path, "$.c");
  EXPECT_EQ(read.duplicates[0].key, "d");
  EXPECT_EQ(read.duplicates[0].value, 1);
  EXPECT_EQ(read.duplicates[1].object_path, "$");
  EXPECT_EQ(read.duplicates[1].position, 3u);

  const auto members = members_in_document_order(read.value->as_object(), "$", read.duplicates);
  std::vector<std::string> keys;
  for (const auto& [key, value] : members) keys.emplace_back(key);
  EXPECT_THAT(keys, ElementsAre("Vendor", "vendor", "c", "vendor"));
  EXPECT_EQ(*members[3].second, 7);
}

TEST(XapiJson, NotesEachKindOfDepartureOnceWithItsOffset) {
  const auto read = read_xapi_json("/* a */ {b: NaN, c: NaN} // z");
  ASSERT_TRUE(read.value) << read.error;
  EXPECT_THAT(read.non_standard, ElementsAre("a /* comment */ at byte 0", "a bare (unquoted) key at byte 9",
                                             "NaN at byte 12", "a // comment at byte 25"));
  EXPECT_TRUE(std::isnan(read.value->at("b").as_double()));
}

TEST(XapiJson, SameJsonTreatsNanAsEqualToItself) {
  const auto a = read_xapi_json(R"({"x": [NaN, 1], "y": "s"})");
  const auto b = read_xapi_json(R"({"y": "s", "x": [NaN, 1]})");
  const auto c = read_xapi_json(R"({"y": "s", "x": [NaN, 2]})");
  EXPECT_TRUE(same_json(*a.value, *b.value));
  EXPECT_FALSE(same_json(*a.value, *c.value));
}

TEST(XapiJson, ReportsErrorsWithTheirByteOffset) {
  EXPECT_EQ(read_xapi_json("{\"a\": 1} x").error, "invalid JSON at byte 9: unexpected text after the value");
  EXPECT_EQ(read_xapi_json("{\"a\": 1}\n{}").error, "more than one JSON value: a second value starts at byte 9");
  EXPECT_THAT(read_xapi_json(R"({"a": 9223372036854775808})").error, HasSubstr("outside the signed 64-bit range"));
  EXPECT_EQ(read_xapi_json("").error, "empty output");
}

TEST(XapiJson, FindsStringsTheDatabaseWouldCut) {
  EXPECT_FALSE(first_unstorable_string(*read_xapi_json(R"({"a": "tab\t nl\n é ☃ 😀"})").value));
  const auto control = first_unstorable_string(*read_xapi_json(R"({"n": "ok", "m": ["a\u0001"]})").value);
  ASSERT_TRUE(control);
  EXPECT_EQ(control->path, "$.m[0]");
  EXPECT_EQ(control->offset, 1u);
  EXPECT_THAT(control->what, HasSubstr("U+0001"));
  const auto surrogate = first_unstorable_string(*read_xapi_json(R"({"d": "\udc00"})").value);
  ASSERT_TRUE(surrogate);
  EXPECT_THAT(surrogate->what, HasSubstr("lone surrogate"));
  const auto key = first_unstorable_string(*read_xapi_json(R"({"k\u0002": 1})").value);
  ASSERT_TRUE(key);
  EXPECT_THAT(key->path, HasSubstr("its key"));
}

TEST(XapiJson, RefusesTextOverTheSizeLimit) {
  JsonLimits limits;
  limits.max_bytes = 4;
  EXPECT_THAT(read_xapi_json("[1, 2]", limits).error, HasSubstr("text too long"));
}

}  // namespace
}  // namespace smapi::contract
