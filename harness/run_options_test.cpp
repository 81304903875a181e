#include "harness/run_options.h"

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
                  "directory as --target: " + (volume / "org.xen.xapi.storage.ext4-ng").string());
  }
  EXPECT_THAT([&] {
    try {
      parse_target(volume.parent_path().string());
    } catch (const UsageError& error) {
      return std::string(error.what());
    }
    return std::string();
  }(), HasSubstr("/ext4-ng/volume/org.xen.xapi.storage.ext4-ng"));
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

TEST(RunUsage, DocumentsTheTargetsAndProtocols) {
  const std::string usage = kRunUsage;
  EXPECT_THAT(usage, HasSubstr("unix:SOCKET[:/PATH]"));
  EXPECT_THAT(usage, HasSubstr("--protocol jsonrpc|jsonrpc2|xmlrpc"));
  EXPECT_THAT(usage, HasSubstr("--sarif-root DIR"));
}

}  // namespace
}  // namespace smapi::harness
