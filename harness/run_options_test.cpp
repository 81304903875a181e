#include "harness/run_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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

TEST(RunUsage, DocumentsTheTargetsAndProtocols) {
  const std::string usage = kRunUsage;
  EXPECT_THAT(usage, HasSubstr("unix:SOCKET[:/PATH]"));
  EXPECT_THAT(usage, HasSubstr("--protocol jsonrpc|jsonrpc2|xmlrpc"));
}

}  // namespace
}  // namespace smapi::harness
