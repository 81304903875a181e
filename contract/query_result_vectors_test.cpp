// Walks fixtures/vectors/query_result/: y_ files must be accepted by the xapi
// view, n_ files rejected for the reason kRejections names (the parser's
// error, or the decoder's finding kind and path), i_ files may go
// either way but must be handled without a crash and with a reason when
// rejected. Decisions recorded by i_ files: a duplicate key keeps the last
// value (Boost.JSON); a UTF-8 BOM, a trailing comma, invalid UTF-8 and a
// trailing NUL are rejected by the parser; nesting past 64 levels is rejected.

#include "contract/json_text.h"
#include "contract/plugin_values.h"
#include "contract/testing/matchers.h"
#include "contract/testing/vectors.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace smapi::contract {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> vector_files(char prefix) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(testing::vectors_dir() / "query_result")) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() > 2 && name[0] == prefix && name[1] == '_' &&
        name.ends_with(".json")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string vector_name(const fs::path& file) {
  return "query_result/" + file.filename().string();
}

TEST(QueryResultVectorsTest, AcceptedFilesAreAcceptedByXapi) {
  const auto files = vector_files('y');
  ASSERT_GE(files.size(), 8u) << "the y_ vectors are missing";
  for (const auto& file : files) {
    SCOPED_TRACE(file.filename().string());
    JsonParse p = parse_one_json_value(testing::read_vector(vector_name(file)));
    ASSERT_TRUE(p.value) << p.error;
    EXPECT_THAT(decode_query_result(*p.value, View::xapi), IsAccepted());
  }
}

// What each n_ vector must be rejected for: the parser's error (its start),
// or the decoder's finding, kind and path. Every finding of the file is of
// that kind (n_empty_object misses all ten keys).
struct Rejection {
  std::string_view file;
  std::string_view parse_error;  // non-empty: the parser refuses the text
  FindingKind kind = FindingKind::wrong_type;
  std::string_view path;
};

constexpr Rejection kRejections[] = {
    {"n_array.json", "", FindingKind::wrong_type, "$"},
    {"n_configuration_pairs.json", "", FindingKind::wrong_type, "$.configuration"},
    {"n_configuration_value_number.json", "", FindingKind::wrong_type, "$.configuration.device"},
    {"n_empty.json", "empty output", {}, ""},
    {"n_empty_object.json", "", FindingKind::missing_key, "$.plugin"},
    {"n_features_element_number.json", "", FindingKind::wrong_type, "$.features[2]"},
    {"n_features_string.json", "", FindingKind::wrong_type, "$.features"},
    {"n_missing_required_cluster_stack.json", "", FindingKind::missing_key, "$.required_cluster_stack"},
    {"n_missing_vendor.json", "", FindingKind::missing_key, "$.vendor"},
    {"n_number_overflow.json", "number out of range at $.extra", {}, ""},
    {"n_plugin_null.json", "", FindingKind::wrong_type, "$.plugin"},
    {"n_required_cluster_stack_null.json", "", FindingKind::wrong_type, "$.required_cluster_stack"},
    {"n_string.json", "", FindingKind::wrong_type, "$"},
    {"n_truncated.json", "invalid JSON at byte 178: incomplete JSON", {}, ""},
    {"n_two_values.json", "more than one JSON value", {}, ""},
    {"n_vendor_number.json", "", FindingKind::wrong_type, "$.vendor"},
};

TEST(QueryResultVectorsTest, EveryRejectedFileNamesWhyAndNoReasonLacksAFile) {
  std::vector<std::string> named;
  for (const auto& rejection : kRejections) named.emplace_back(rejection.file);
  std::vector<std::string> on_disk;
  for (const auto& file : vector_files('n')) on_disk.push_back(file.filename().string());
  EXPECT_EQ(on_disk, named) << "add the new n_ file to kRejections (kept in name order)";
}

TEST(QueryResultVectorsTest, RejectedFilesAreRejectedByXapiForTheirNamedReason) {
  ASSERT_GE(std::size(kRejections), 10u);
  for (const auto& rejection : kRejections) {
    SCOPED_TRACE(std::string(rejection.file));
    JsonParse p = parse_one_json_value(testing::read_vector("query_result/" + std::string(rejection.file)));
    if (!rejection.parse_error.empty()) {
      EXPECT_FALSE(p.value);
      EXPECT_THAT(p.error, ::testing::HasSubstr(std::string(rejection.parse_error)));
      continue;
    }
    ASSERT_TRUE(p.value) << p.error;
    Decoded<QueryResult> d = decode_query_result(*p.value, View::xapi);
    EXPECT_FALSE(d.accepted());
    EXPECT_THAT(d, HasFinding(rejection.kind, std::string(rejection.path)));
    for (const auto& finding : d.findings) EXPECT_EQ(finding.kind, rejection.kind) << finding.describe();
  }
}

TEST(QueryResultVectorsTest, ImplementationDefinedFilesAreHandled) {
  const auto files = vector_files('i');
  ASSERT_GE(files.size(), 5u) << "the i_ vectors are missing";
  for (const auto& file : files) {
    SCOPED_TRACE(file.filename().string());
    JsonParse p = parse_one_json_value(testing::read_vector(vector_name(file)));
    if (!p.value) {
      EXPECT_FALSE(p.error.empty());
      continue;
    }
    for (View view : {View::xapi, View::strict}) {
      Decoded<QueryResult> d = decode_query_result(*p.value, view);
      EXPECT_EQ(d.accepted(), d.findings.empty());
    }
  }
}

TEST(QueryResultVectorsTest, StrictViewAcceptsTheFieldTranscriptsExceptDummyv5) {
  for (std::string name : {"y_ext4ng.json", "y_zfsvol.json", "y_tapdisk.json", "y_gfs2_api3.json"}) {
    JsonParse p = parse_one_json_value(testing::read_vector("query_result/" + name));
    ASSERT_TRUE(p.value) << name;
    EXPECT_THAT(decode_query_result(*p.value, View::strict), IsAccepted()) << name;
  }
  JsonParse dummy = parse_one_json_value(testing::read_vector("query_result/y_dummyv5_extra_key.json"));
  ASSERT_TRUE(dummy.value);
  EXPECT_THAT(decode_query_result(*dummy.value, View::strict),
              HasFinding(FindingKind::unknown_key, "$.supported_image_formats"));
}

TEST(QueryResultVectorsTest, ImplementationDefinedDecisions) {
  JsonParse dup = parse_one_json_value(testing::read_vector("query_result/i_duplicate_key.json"));
  ASSERT_TRUE(dup.value) << dup.error;
  Decoded<QueryResult> d = decode_query_result(*dup.value, View::xapi);
  ASSERT_THAT(d, IsAccepted());
  EXPECT_EQ(d.value->plugin, "second");

  EXPECT_THAT(parse_one_json_value(testing::read_vector("query_result/i_deep_nesting_100.json")).error,
              ::testing::StartsWith("nesting deeper than 64 levels"));
  EXPECT_THAT(parse_one_json_value(testing::read_vector("query_result/i_utf8_bom.json")).error,
              ::testing::StartsWith("invalid JSON at byte 0"));
  EXPECT_FALSE(parse_one_json_value(testing::read_vector("query_result/i_trailing_comma.json")).value);
  EXPECT_FALSE(parse_one_json_value(testing::read_vector("query_result/i_invalid_utf8.json")).value);
  EXPECT_FALSE(parse_one_json_value(testing::read_vector("query_result/i_trailing_nul.json")).value);

  JsonParse nul = parse_one_json_value(testing::read_vector("query_result/i_nul_in_string_duplicate_feature.json"));
  ASSERT_TRUE(nul.value) << nul.error;
  Decoded<QueryResult> n = decode_query_result(*nul.value, View::strict);
  ASSERT_THAT(n, IsAccepted());
  EXPECT_EQ(n.value->plugin, std::string("p\0x", 3));
  EXPECT_EQ(n.value->features.size(), 2u);  // duplicates are the suites' business
}

}  // namespace
}  // namespace smapi::contract
