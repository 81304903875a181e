#include "harness/run_options.h"

#include "harness/command_tables.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace smapi::harness {
namespace {

using ::testing::HasSubstr;

RunOptions parse(std::vector<std::string> args) { return parse_run_options(args); }

std::string usage_error(std::vector<std::string> args) {
  try {
    parse_run_options(args);
  } catch (const UsageError& error) {
    return error.what();
  }
  ADD_FAILURE() << "no usage error";
  return {};
}

TEST(ParseRunOptions, ProtocolDefaultsToJsonRpcV1) {
  EXPECT_EQ(parse({"--target", "http://127.0.0.1:1/"}).protocol, suites::Transport::jsonrpc_v1);
}

TEST(ParseRunOptions, ProtocolNamesEachHttpTransport) {
  EXPECT_EQ(parse({"--target", "http://h/", "--protocol", "jsonrpc"}).protocol,
            suites::Transport::jsonrpc_v1);
  EXPECT_EQ(parse({"--target", "http://h/", "--protocol=jsonrpc2"}).protocol,
            suites::Transport::jsonrpc_v2);
  EXPECT_EQ(parse({"--target", "http://h/", "--protocol", "xmlrpc"}).protocol, suites::Transport::xmlrpc);
  EXPECT_EQ(usage_error({"--target", "http://h/", "--protocol", "soap"}),
            "--protocol: expected jsonrpc, jsonrpc2 or xmlrpc, got \"soap\"");
}

TEST(ParseRunOptions, UnixTargetsAreHttpTargets) {
  const RunOptions options = parse({"--target", "unix:/run/plugin.sock:/rpc", "--protocol", "xmlrpc"});
  EXPECT_EQ(options.target.kind, TargetSpec::Kind::http);
  EXPECT_EQ(options.target.url, "unix:/run/plugin.sock:/rpc");
  EXPECT_EQ(options.target.text, "unix:/run/plugin.sock:/rpc");
}

TEST(ParseRunOptions, UnknownSchemeNamesTheForms) {
  EXPECT_THAT(usage_error({"--target", "ftp://h/"}),
              HasSubstr("(use exec:DIR, http://... or unix:SOCKET)"));
}

// `--target 127.0.0.1:8080` said only "is not a directory".
TEST(ParseTarget, ABareAddressGetsTheUrlItMeant) {
  const auto error = [](const std::string& text) {
    try {
      parse_target(text);
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no usage error");
  };
  EXPECT_EQ(error("127.0.0.1:8080"),
            "--target: \"127.0.0.1:8080\" is not a directory (it does not exist); for an HTTP endpoint, use "
            "--target http://127.0.0.1:8080/");
  EXPECT_THAT(error("localhost:8080/rpc"), HasSubstr("use --target http://localhost:8080/rpc"));
  EXPECT_THAT(error("[::1]:80"), HasSubstr("use --target http://[::1]:80/"));
  // Not addresses: no suggestion.
  for (const char* text : {"./plugins/ext4", "volume:x", "host:", ":8080", "a b:80", "h:123456", "exec:h:80"})
    EXPECT_THAT(error(text), ::testing::Not(HasSubstr("http://"))) << text;
}

// `--target .../volume`, the directory above plugins, was judged as a
// plugin with no methods (non-conformant, no hint).
TEST(ParseTarget, ADirectoryOfPluginsIsRefusedNamingThem) {
  const std::filesystem::path volume = std::string(SMAPI_SOURCE_DIR) + "/fixtures/plugins/good/ext4-ng/volume";
  try {
    parse_target(volume.string());
    ADD_FAILURE() << "no usage error";
  } catch (const UsageError& error) {
    EXPECT_EQ(std::string(error.what()),
              "--target: \"" + volume.string() +
                  "\" holds no Plugin.* method files: it is a directory of plugins, not a plugin; give one plugin "
                  "directory as --target: " + (volume / "org.xen.xapi.storage.ext4-ng").string() +
                  " (or a plugin tree, the directory holding volume/ and datapath/, to judge them all)");
  }
  // The directory above volume/ is a plugin tree: a fleet run judges every plugin in it.
  EXPECT_EQ(parse_target(volume.parent_path().string()).kind, TargetSpec::Kind::tree);
  EXPECT_EQ(parse_target((volume / "org.xen.xapi.storage.ext4-ng").string()).kind, TargetSpec::Kind::exec);
}

TEST(ParseRunOptions, RobustnessFlagsAndTheirDefaults) {
  const auto defaults = parse({"--target", "http://127.0.0.1:1/"});
  EXPECT_EQ(defaults.repeat, suites::kDefaultRepeat);
  EXPECT_EQ(defaults.concurrency, suites::kDefaultConcurrency);
  EXPECT_EQ(defaults.seed, suites::kDefaultSeed);
  EXPECT_TRUE(defaults.probes);
  EXPECT_FALSE(defaults.quiet);
  const auto set = parse({"--target", "http://127.0.0.1:1/", "--repeat", "3", "--concurrency=2", "--seed",
                          "18446744073709551615", "--no-probes", "--quiet"});
  EXPECT_EQ(set.repeat, 3u);
  EXPECT_EQ(set.concurrency, 2u);
  EXPECT_EQ(set.seed, 18446744073709551615ull);
  EXPECT_FALSE(set.probes);
  EXPECT_TRUE(set.quiet);
}

TEST(ParseRunOptions, RobustnessFlagsOutOfRangeNameTheFlag) {
  const std::vector<std::string> target{"--target", "http://127.0.0.1:1/"};
  const auto with = [&](std::vector<std::string> more) {
    auto args = target;
    args.insert(args.end(), more.begin(), more.end());
    return usage_error(args);
  };
  EXPECT_THAT(with({"--repeat", "0"}), HasSubstr("--repeat: expected a whole number in [1, 1000]"));
  EXPECT_THAT(with({"--repeat", "1001"}), HasSubstr("--repeat"));
  EXPECT_THAT(with({"--concurrency", "65"}), HasSubstr("--concurrency: expected a whole number in [1, 64]"));
  EXPECT_THAT(with({"--concurrency", "-1"}), HasSubstr("--concurrency"));
  EXPECT_THAT(with({"--seed", "x"}), HasSubstr("--seed"));
  EXPECT_THAT(with({"--seed", "18446744073709551616"}), HasSubstr("--seed"));
}

TEST(ParseRunOptions, SarifRootIsADirectoryForExecTargetsOnly) {
  const std::string dir = std::string(SMAPI_SOURCE_DIR) + "/fixtures/plugins/good/ext4-ng/volume/org.xen.xapi.storage.ext4-ng";
  EXPECT_FALSE(parse({"--target", dir}).sarif_root.has_value());
  EXPECT_EQ(parse({"--target", dir, "--sarif-root", "."}).sarif_root, std::filesystem::path("."));
  EXPECT_EQ(usage_error({"--target", dir, "--sarif-root="}), "--sarif-root: expected a directory");
  EXPECT_THAT(usage_error({"--target", "http://127.0.0.1:1/", "--sarif-root", "."}),
              HasSubstr("--sarif-root: applies to exec targets only"));
}

TEST(ParseRunOptions, FormatWithoutReportDirIsAUsageError) {
  // It used to be ignored: the run wrote nothing, and said nothing about it.
  EXPECT_EQ(usage_error({"--target", "http://h/", "--format", "json"}),
            "--format has no effect without --report-dir; give both");
  EXPECT_EQ(parse({"--target", "http://h/", "--format=json", "--report-dir", "out"}).formats, "json");
}

TEST(ParseRunOptions, ALaterFlagOverridesAnEarlierOne) {
  EXPECT_EQ(parse({"--target", "http://h/", "--timeout", "5", "--timeout=7"}).timeout, std::chrono::seconds(7));
}

std::string run_help() { return cli::render_help(conform_program(), run_table()); }

TEST(RunUsage, DocumentsTheTargetsAndProtocols) {
  const std::string usage = run_help();
  EXPECT_THAT(usage, HasSubstr("unix:SOCKET[:/PATH]"));
  EXPECT_THAT(usage, HasSubstr("--protocol jsonrpc|jsonrpc2|xmlrpc"));
  EXPECT_THAT(usage, HasSubstr("--sarif-root DIR"));
}

TEST(RunUsage, TheWaiversFormatSitsUnderWaivers) {
  // It sat under --quiet.
  const std::string usage = run_help();
  const auto waivers = usage.find("  --waivers FILE");
  const auto json = usage.find("{\"waivers\":[{\"id\"");
  ASSERT_NE(waivers, std::string::npos);
  ASSERT_NE(json, std::string::npos);
  EXPECT_GT(json, waivers);
  EXPECT_EQ(usage.find("\n  --", waivers + 1), usage.find("\n  --", json)) << "a flag between them:\n" << usage;
}

TEST(CommandTables, HaveNoProblems) { EXPECT_THAT(cli::table_problems(conform_program()), ::testing::IsEmpty()); }

// The defaults run --help shows are the ones a run without the flag gets.
TEST(CommandTables, RunDefaultsAreTheParsersDefaults) {
  const std::vector<std::string> target{"--target", "http://h/"};
  const RunOptions none = parse(target);
  std::size_t checked = 0;
  for (const auto& group : run_table().groups)
    for (const auto& flag : group.flags) {
      if (flag.default_value.empty() || flag.needs == "--report-dir") continue;
      auto args = target;
      args.insert(args.end(), {std::string(flag.name), std::string(flag.default_value)});
      const RunOptions shown = parse(args);
      EXPECT_EQ(shown.timeout, none.timeout) << flag.name;
      EXPECT_EQ(shown.max_output_bytes, none.max_output_bytes) << flag.name;
      EXPECT_EQ(shown.protocol, none.protocol) << flag.name;
      EXPECT_EQ(shown.profile, none.profile) << flag.name;
      EXPECT_EQ(shown.fail_on, none.fail_on) << flag.name;
      EXPECT_EQ(shown.repeat, none.repeat) << flag.name;
      EXPECT_EQ(shown.concurrency, none.concurrency) << flag.name;
      EXPECT_EQ(shown.seed, none.seed) << flag.name;
      ++checked;
    }
  EXPECT_EQ(checked, 8u);
}

}  // namespace
}  // namespace smapi::harness
