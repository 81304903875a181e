#include "contract/finding.h"

#include <gtest/gtest.h>

namespace smapi::contract {
namespace {

TEST(FindingTest, KindsHaveTheirEnumeratorNames) {
  EXPECT_EQ(to_string(FindingKind::missing_key), "missing_key");
  EXPECT_EQ(to_string(FindingKind::wrong_type), "wrong_type");
  EXPECT_EQ(to_string(FindingKind::bad_value), "bad_value");
  EXPECT_EQ(to_string(FindingKind::unknown_key), "unknown_key");
  EXPECT_EQ(to_string(FindingKind::key_spelling), "key_spelling");
  EXPECT_EQ(to_string(FindingKind::malformed), "malformed");
}

TEST(FindingTest, WrongTypeSaysExpectedAndActual) {
  Finding f{FindingKind::wrong_type, "$.vendor", "string", "5"};
  EXPECT_EQ(f.describe(), "$.vendor: expected string, got 5");
}

TEST(FindingTest, BadValueSaysExpectedAndActual) {
  Finding f{FindingKind::bad_value, "$.required_api_version", "one of 3.0, 5.0", "\"4.0\""};
  EXPECT_EQ(f.describe(), "$.required_api_version: expected one of 3.0, 5.0, got \"4.0\"");
}

TEST(FindingTest, MissingKeySaysWhatWasExpected) {
  Finding f{FindingKind::missing_key, "$.vendor", "string", "absent"};
  EXPECT_EQ(f.describe(), "$.vendor: missing (expected string)");
}

TEST(FindingTest, UnknownKeyNamesTheKey) {
  Finding f{FindingKind::unknown_key, "$.extra", "", "1"};
  EXPECT_EQ(f.describe(), "$.extra: unknown key");
}

TEST(FindingTest, KeySpellingQuotesBothSpellings) {
  Finding f{FindingKind::key_spelling, "$.Plugin", "plugin", "Plugin"};
  EXPECT_EQ(f.describe(), "$.Plugin: key spelled \"Plugin\", the IDL says \"plugin\"");
}

TEST(FindingTest, MalformedWithoutExpectationPrintsTheProblem) {
  Finding f{FindingKind::malformed, "$", "", "empty output"};
  EXPECT_EQ(f.describe(), "$: empty output");
}

TEST(FindingTest, DecodedIsAcceptedExactlyWhenItHasAValue) {
  Decoded<int> rejected;
  rejected.findings.push_back(Finding{FindingKind::wrong_type, "$", "number", "\"x\""});
  EXPECT_FALSE(rejected.accepted());
  Decoded<int> accepted{3, {}};
  EXPECT_TRUE(accepted.accepted());
}

}  // namespace
}  // namespace smapi::contract
