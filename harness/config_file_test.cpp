// --config FILE: run flags from a JSON object, typed by the flag table; every
// run flag is accepted; the command line overrides the file; a bad file is
// one line naming the JSON path.

#include "harness/config_file.h"

#include "harness/command_tables.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>

namespace smapi::harness {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

namespace json = boost::json;

// The error config_arguments gives for `text` against run's table; "" for none.
std::string config_error(std::string_view text) {
  try {
    config_arguments(text, "ci.json", run_table());
  } catch (const cli::UsageError& error) {
    return error.what();
  }
  return "";
}

// A value of the type a flag takes in a config file, and the argument text it gives.
std::pair<json::value, std::string> sample_value(const cli::Flag& flag) {
  const auto type = config_type(flag);
  if (type == "true or false") return {true, ""};
  if (!flag.choices.empty()) {
    const auto choice = std::string(cli::choices_of(flag).back());
    return {json::string(choice), choice};
  }
  if (type == "a number") return {2.5, "2.5"};
  if (type.find("number") != std::string::npos) return {7, "7"};
  return {json::array{"one", "two"}, "two"};
}

TEST(ConfigFile, EveryRunFlagIsAcceptedUnderItsOwnName) {
  std::size_t flags = 0;
  for (const auto& group : run_table().groups)
    for (const auto& flag : group.flags) {
      if (flag.name == kConfigFlag) continue;
      ++flags;
      const std::string key(flag.name.substr(2));
      auto [value, text] = sample_value(flag);
      if (!flag.repeatable && value.is_array()) value = value.as_array().back();
      json::object config{{key, value}};
      if (!flag.needs.empty()) config[std::string(flag.needs.substr(2))] = "out";
      if (flag.name != "--target") config["target"] = "exec:plugin";
      std::vector<std::string> args;
      ASSERT_NO_THROW(args = config_arguments(json::serialize(config), "ci.json", run_table())) << key;
      const auto parsed = cli::parse(run_table(), args);
      EXPECT_TRUE(parsed.has(flag.name)) << key;
      EXPECT_EQ(parsed.value(flag.name).value_or("?"), text) << key;
    }
  EXPECT_GE(flags, 15u) << "run's table read whole";
}

TEST(ConfigFile, EachFlagsTypeComesFromItsTableRow) {
  const auto type = [](std::string_view name) { return config_type(*cli::find_flag(run_table(), name)); };
  EXPECT_EQ(type("--quiet"), "true or false");
  EXPECT_EQ(type("--timeout"), "a number");
  EXPECT_EQ(type("--repeat"), "a whole number");
  EXPECT_EQ(type("--max-output"), "a whole number");
  EXPECT_EQ(type("--profile"), "a string");
  EXPECT_EQ(type("--waivers"), "a string");
  EXPECT_EQ(type("--only"), "an array of strings or a string");
}

TEST(ConfigFile, ValuesBecomeArgumentsInTheFilesOrder) {
  EXPECT_THAT(config_arguments(R"({"target": "exec:p", "timeout": 1.5, "repeat": 3, "quiet": true,
                                   "no-probes": false, "only": ["area:query", "LS-*"], "skip": "DIAG-SIZE"})",
                               "ci.json", run_table()),
              ElementsAre("--target=exec:p", "--timeout=1.5", "--repeat=3", "--quiet", "--only=area:query",
                          "--only=LS-*", "--skip=DIAG-SIZE"));
}

TEST(ConfigFile, ABadFileIsOneLineNamingTheJsonPath) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"{\"timeout\": 1,", "--config ci.json: $: not valid JSON"},
      {"[1]", "--config ci.json: $: expected an object of run flags, got array"},
      {R"({"timout": 1})", "--config ci.json: $.timout: no such flag (did you mean \"timeout\"?)"},
      {R"({"colour": true})", "--config ci.json: $.colour: no such flag"},
      {R"({"timeout": "30"})", "--config ci.json: $.timeout: expected a number, got string \"30\""},
      {R"({"repeat": 2.5})", "--config ci.json: $.repeat: expected a whole number, got number 2.5"},
      {R"({"quiet": "yes"})", "--config ci.json: $.quiet: expected true or false, got string \"yes\""},
      {R"({"waivers": 5})", "--config ci.json: $.waivers: expected a string, got number 5"},
      {R"({"only": ["area:query", 3]})",
       "--config ci.json: $.only[1]: expected a string or an array of them, got number 3"},
      {R"({"profile": "lenient"})", "--config ci.json: $.profile: expected xapi or strict, got \"lenient\""},
      {R"({"config": "other.json"})", "--config ci.json: $.config: a config file cannot name another"},
      {R"({"a\nb": 1})", "--config ci.json: $[\"a\\nb\"]: no such flag"},
  };
  for (const auto& [text, expected] : cases) {
    const auto error = config_error(text);
    EXPECT_THAT(error, ::testing::StartsWith(expected)) << text;
    EXPECT_THAT(error, Not(HasSubstr("\n"))) << text;
  }
}

TEST(ConfigFile, AFlagTheCommandRefusesIsRefusedWithItsReason) {
  try {
    config_arguments(R"({"no-probes": true})", "ci.json", certify_table());
    ADD_FAILURE() << "no error";
  } catch (const cli::UsageError& error) {
    EXPECT_STREQ(error.what(),
                 "--config ci.json: $.no-probes: --no-probes is not allowed: a certification judges "
                 "every requirement");
  }
}

class ConfigOnCommandLine : public ::testing::Test {
 protected:
  void TearDown() override { std::filesystem::remove(file_); }
  std::string write(const std::string& text) {
    std::ofstream(file_) << text;
    return file_.string();
  }
  std::filesystem::path file_ = std::filesystem::temp_directory_path() /
                                ("config-" + std::to_string(::getpid()) + "-" +
                                 ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".json");
};

TEST_F(ConfigOnCommandLine, TheCommandLineOverridesTheFile) {
  const auto config = write(R"({"target": "exec:a", "timeout": 5, "only": ["area:query", "area:ls"], "quiet": true})");
  const auto parsed = cli::parse(
      run_table(), with_config_file(run_table(), {"--config", config, "--timeout", "9", "--only=LS-ANSWERS"}));
  EXPECT_EQ(parsed.value("--target"), "exec:a");
  EXPECT_EQ(parsed.value("--timeout"), "9");
  EXPECT_THAT(parsed.values("--only"), ElementsAre("LS-ANSWERS")) << "the command line's list replaces the file's";
  EXPECT_TRUE(parsed.has("--quiet"));
}

TEST_F(ConfigOnCommandLine, AFlagsValueThatLooksLikeAFlagIsNoOverride) {
  const auto config = write(R"({"target": "exec:a", "timeout": 5})");
  // "--timeout" here is --waivers' value, not a flag of its own.
  const auto parsed =
      cli::parse(run_table(), with_config_file(run_table(), {"--waivers", "--timeout", "--config=" + config}));
  EXPECT_EQ(parsed.value("--timeout"), "5");
  EXPECT_EQ(parsed.value("--waivers"), "--timeout");
}

TEST_F(ConfigOnCommandLine, WithoutConfigOrWithHelpTheArgumentsAreUnchanged) {
  const std::vector<std::string> plain{"--target", "x", "--quiet"};
  EXPECT_EQ(with_config_file(run_table(), plain), plain);
  const std::vector<std::string> help{"--config", "/nonexistent/ci.json", "--help"};
  EXPECT_EQ(with_config_file(run_table(), help), help);
}

TEST_F(ConfigOnCommandLine, AnUnreadableFileIsNamed) {
  try {
    with_config_file(run_table(), {"--config", "/nonexistent/ci.json"});
    ADD_FAILURE() << "no error";
  } catch (const cli::UsageError& error) {
    EXPECT_STREQ(error.what(), "--config /nonexistent/ci.json: cannot be read");
  }
  // An endless file is read no further than the limit.
  try {
    with_config_file(run_table(), {"--config=/dev/zero"});
    ADD_FAILURE() << "no error";
  } catch (const cli::UsageError& error) {
    EXPECT_EQ(error.what(), "--config /dev/zero: larger than " + std::to_string(kMaxConfigFileBytes) + " bytes");
  }
}

}  // namespace
}  // namespace smapi::harness
