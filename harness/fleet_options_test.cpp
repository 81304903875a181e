// The run flags of a fleet: a repeated --target, a plugin tree, --jobs, --shard.

#include "harness/command_tables.h"
#include "harness/run_options.h"

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace smapi::harness {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const fs::path kGoodTree = fs::path(SMAPI_SOURCE_DIR) / "fixtures" / "plugins" / "good" / "ext4-ng";

std::string fleet_usage_error(std::vector<std::string> args) {
  try {
    parse_run_options(args);
  } catch (const UsageError& error) {
    return error.what();
  }
  return "no usage error";
}

TEST(FleetOptions, OnePluginIsNoFleet) {
  const auto options = parse_run_options({"--target", (kGoodTree / "volume" / "org.xen.xapi.storage.ext4-ng").string()});
  EXPECT_FALSE(is_fleet(options));
  EXPECT_EQ(options.targets.size(), 1U);
  EXPECT_EQ(options.jobs, default_jobs());
}

TEST(FleetOptions, ATreeARepeatedTargetOrAShardIsAFleet) {
  const auto tree = parse_run_options({"--target", "exec:" + kGoodTree.string()});
  EXPECT_TRUE(is_fleet(tree));
  EXPECT_EQ(tree.target.kind, TargetSpec::Kind::tree);
  EXPECT_EQ(tree.target.directory, kGoodTree);
  const auto list = parse_run_options({"--target", "http://a:1/", "--target", "unix:/run/b.sock"});
  EXPECT_TRUE(is_fleet(list));
  ASSERT_EQ(list.targets.size(), 2U);
  EXPECT_EQ(list.target.text, "http://a:1/");
  EXPECT_EQ(list.targets[1].text, "unix:/run/b.sock");
  EXPECT_TRUE(is_fleet(parse_run_options({"--target", "http://a:1/", "--shard", "1/1"})));
}

TEST(FleetOptions, JobsIsBounded) {
  EXPECT_EQ(parse_run_options({"--target", "http://a:1/", "--jobs", "3"}).jobs, 3U);
  for (const char* bad : {"0", "257", "two", "-1", ""})
    EXPECT_EQ(fleet_usage_error({"--target", "http://a:1/", "--jobs", bad}),
              "--jobs: expected a whole number in [1, 256], got \"" + std::string(bad) + "\"");
  EXPECT_GE(default_jobs(), 1U);
  EXPECT_LE(default_jobs(), kMaxJobs);
}

TEST(FleetOptions, AShardIsRead) {
  EXPECT_EQ(parse_run_options({"--target", "http://a:1/", "--shard", "2/3"}).shard, (suites::Shard{2, 3}));
  EXPECT_THAT(fleet_usage_error({"--target", "http://a:1/", "--shard", "4/3"}), HasSubstr("--shard: expected K/N"));
}

TEST(FleetOptions, KindDoesNotApplyToATree) {
  EXPECT_EQ(fleet_usage_error({"--target", kGoodTree.string(), "--kind", "datapath"}),
            "--kind: does not apply to the plugin tree \"" + kGoodTree.string() +
                "\": each plugin's kind is the directory it is in, volume/ or datapath/");
}

TEST(FleetOptions, ATargetGivenTwiceIsRefused) {
  EXPECT_EQ(fleet_usage_error({"--target", "http://a:1/", "--target", "http://a:1/"}),
            "--target: \"http://a:1/\" is given twice");
}

TEST(FleetOptions, RunHelpNamesTheFleetFlags) {
  const auto help = cli::render_help(conform_program(), run_table());
  EXPECT_THAT(help, HasSubstr("--jobs N"));
  EXPECT_THAT(help, HasSubstr("--shard K/N"));
  EXPECT_THAT(help, HasSubstr("round-robin"));
  EXPECT_THAT(help, HasSubstr("TREE, exec:TREE"));
  // certify judges one plugin: its --target is not repeatable, and it has no fleet flags.
  const auto certify = cli::render_help(conform_program(), certify_table());
  EXPECT_THAT(certify, ::testing::Not(HasSubstr("--jobs")));
  EXPECT_THAT(certify, ::testing::Not(HasSubstr("(repeatable)")));
}

}  // namespace
}  // namespace smapi::harness
