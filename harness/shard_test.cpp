#include "harness/shard.h"

#include "harness/run_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace smapi::harness {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> plugin_names(std::size_t count) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < count; ++i) names.push_back("volume/p" + std::string(i < 10 ? "0" : "") + std::to_string(i));
  return names;
}

std::string shard_error(const std::string& text) {
  try {
    parse_shard(text);
  } catch (const UsageError& error) {
    return error.what();
  }
  return "no error";
}

TEST(ParseShard, ReadsKOfN) {
  EXPECT_EQ(parse_shard("1/1"), (suites::Shard{1, 1}));
  EXPECT_EQ(parse_shard("2/3"), (suites::Shard{2, 3}));
  EXPECT_EQ(parse_shard("1000/1000"), (suites::Shard{1000, 1000}));
}

TEST(ParseShard, RefusesWhatIsNotKOfN) {
  for (const char* text : {"", "1", "/", "1/", "/2", "0/2", "3/2", "1/0", "a/2", "1/2x", "-1/2", "1 /2", "1/1001",
                           "99999999999/2"})
    EXPECT_THAT(shard_error(text), HasSubstr("--shard: expected K/N with 1 <= K <= N <= 1000, got \"" +
                                             std::string(text) + "\""))
        << text;
  EXPECT_THAT(shard_error("3/2"), HasSubstr("(K out of range)"));
  EXPECT_THAT(shard_error("1/0"), HasSubstr("(N out of range)"));
}

TEST(NamesInShard, DealsSortedNamesRoundRobin) {
  const auto names = plugin_names(5);
  EXPECT_THAT(names_in_shard(names, {1, 2}), ElementsAre("volume/p00", "volume/p02", "volume/p04"));
  EXPECT_THAT(names_in_shard(names, {2, 2}), ElementsAre("volume/p01", "volume/p03"));
  EXPECT_THAT(names_in_shard(names, {1, 1}), ::testing::ContainerEq(names));
  EXPECT_TRUE(names_in_shard(names, {7, 7}).empty());
}

// Every plugin in exactly one shard, and shard sizes within one of each other.
TEST(NamesInShard, SharesPartitionTheFleetAndAreBalanced) {
  for (std::size_t plugins : {0U, 1U, 2U, 7U, 10U, 33U})
    for (unsigned count = 1; count <= 12; ++count) {
      const auto names = plugin_names(plugins);
      std::map<std::string, int> seen;
      std::size_t smallest = plugins, largest = 0;
      for (unsigned index = 1; index <= count; ++index) {
        const auto share = names_in_shard(names, {index, count});
        EXPECT_TRUE(std::is_sorted(share.begin(), share.end()));
        for (const auto& name : share) ++seen[name];
        smallest = std::min(smallest, share.size());
        largest = std::max(largest, share.size());
      }
      EXPECT_EQ(seen.size(), plugins) << plugins << " plugins, " << count << " shards";
      for (const auto& [name, times] : seen) EXPECT_EQ(times, 1) << name;
      EXPECT_LE(largest - smallest, 1U) << plugins << " plugins, " << count << " shards";
    }
}

}  // namespace
}  // namespace smapi::harness
