// The server's pure per-request decisions: which protocol a body is
// (body_protocol.h), what a log line says of a call (call_log.h), and the
// host guard against DNS rebinding and cross-site calls (host_guard.h).

#include "mock_plugin/body_protocol.h"
#include "mock_plugin/call_log.h"
#include "mock_plugin/host_guard.h"

#include <boost/json/parse.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::mock {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

// --- body_protocol -------------------------------------------------------

TEST(BodyProtocol, DeclaredRpcTypesWinWhateverTheBody) {
  EXPECT_EQ(body_protocol("application/json", "<x/>"), BodyProtocol::jsonrpc);
  EXPECT_EQ(body_protocol("Application/JSON; charset=utf-8", "{}"), BodyProtocol::jsonrpc);
  EXPECT_EQ(body_protocol("text/xml", "{}"), BodyProtocol::xmlrpc);
  EXPECT_EQ(body_protocol("application/xml ;charset=utf-8", "<x/>"), BodyProtocol::xmlrpc);
}

// curl -d sends application/x-www-form-urlencoded: the body decides (this
// was a 415 before).
TEST(BodyProtocol, AnyOtherTypeIsDecidedByTheBodysFirstByte) {
  for (const char* type : {"application/x-www-form-urlencoded", "text/plain", "application/octet-stream", ""}) {
    SCOPED_TRACE(type);
    EXPECT_EQ(body_protocol(type, R"({"method":"Plugin.ls"})"), BodyProtocol::jsonrpc);
    EXPECT_EQ(body_protocol(type, " \r\n\t[1]"), BodyProtocol::jsonrpc);
    EXPECT_EQ(body_protocol(type, "\n <?xml version=\"1.0\"?><methodCall/>"), BodyProtocol::xmlrpc);
  }
}

TEST(BodyProtocol, AnotherTypeWithABodyThatIsNeitherIsUnsupported) {
  EXPECT_EQ(body_protocol("application/x-www-form-urlencoded", "method=Plugin.ls"), BodyProtocol::unsupported);
  EXPECT_EQ(body_protocol("text/plain", ""), BodyProtocol::unsupported);
  EXPECT_EQ(body_protocol("text/plain", "   "), BodyProtocol::unsupported);
}

TEST(BodyProtocol, WithoutContentTypeAnythingButXmlIsJsonRpc) {
  EXPECT_EQ(body_protocol(std::nullopt, "<methodCall/>"), BodyProtocol::xmlrpc);
  EXPECT_EQ(body_protocol(std::nullopt, "{}"), BodyProtocol::jsonrpc);
  EXPECT_EQ(body_protocol(std::nullopt, "garbage"), BodyProtocol::jsonrpc);
  EXPECT_EQ(body_protocol(std::nullopt, ""), BodyProtocol::jsonrpc);
}

// --- describe_call -------------------------------------------------------

TEST(DescribeCall, NamesTheMethodAndQuotesTheDbg) {
  EXPECT_EQ(describe_call("Plugin.ls", boost::json::parse(R"({"dbg":"ci-7"})")), R"(Plugin.ls dbg="ci-7")");
  EXPECT_EQ(describe_call("Plugin.ls", boost::json::parse(R"({"dbg":5})")), "Plugin.ls dbg=none");
  EXPECT_EQ(describe_call("Plugin.ls", boost::json::parse("[1]")), "Plugin.ls dbg=none");
  EXPECT_EQ(describe_call("", nullptr), "(no method) dbg=none");
}

TEST(DescribeCall, EscapesWhatCouldForgeALogLine) {
  EXPECT_EQ(describe_call("Plugin.ls", boost::json::parse(R"({"dbg":"a\nb\"c\\d\u001be"})")),
            R"(Plugin.ls dbg="a\nb\"c\\d\x1be")");
  EXPECT_EQ(describe_call("Plugin ls\n", nullptr), R"("Plugin ls\n" dbg=none)");
}

TEST(DescribeCall, CutsALongDbgAndGivesItsSize) {
  boost::json::object args;
  args["dbg"] = std::string(65536, 'x');
  const std::string line = describe_call("Plugin.query", args);
  EXPECT_EQ(line, "Plugin.query dbg=\"" + std::string(kLogDbgBytes, 'x') + "\"... (65536 bytes)");
}

// --- host guard ----------------------------------------------------------

HostFacts tcp_request(std::optional<std::string_view> host, std::optional<std::string_view> origin = std::nullopt,
                      std::string_view local_address = "127.0.0.1") {
  return HostFacts{host, origin, false, local_address};
}

TEST(HostOf, SplitsHostFromPortAndBrackets) {
  EXPECT_EQ(host_of("Example.COM:80"), "Example.COM");
  EXPECT_EQ(host_of("localhost"), "localhost");
  EXPECT_EQ(host_of("[::1]:8080"), "::1");
  EXPECT_EQ(host_of(" [::1] "), "::1");
  EXPECT_EQ(host_of("a:b"), std::nullopt);
  EXPECT_EQ(host_of("[::1"), std::nullopt);
  EXPECT_EQ(host_of(":80"), std::nullopt);
  EXPECT_EQ(host_of(""), std::nullopt);
}

TEST(IsLoopbackHost, NamesAndAddresses) {
  for (const char* yes : {"localhost", "LOCALHOST", "localhost.", "mock.localhost", "127.0.0.1", "127.1.2.3", "::1",
                          "::ffff:127.0.0.1"}) {
    EXPECT_TRUE(is_loopback_host(yes)) << yes;
  }
  for (const char* no : {"evil.example", "localhost.evil.example", "127.0.0.1.evil.example", ".localhost",
                         "10.0.0.1", "::2", "0.0.0.0", "2130706433", "notlocalhost"}) {
    EXPECT_FALSE(is_loopback_host(no)) << no;
  }
}

TEST(HostGuard, ServesLoopbackHostsAndRequestsWithoutHost) {
  const HostPolicy policy;
  for (const char* host : {"127.0.0.1:8080", "localhost:8080", "localhost", "[::1]:8080", "app.localhost:1"}) {
    EXPECT_THAT(refuse_foreign_host(tcp_request(host), policy), IsEmpty()) << host;
  }
  EXPECT_THAT(refuse_foreign_host(tcp_request(std::nullopt), policy), IsEmpty());
}

// DNS rebinding: evil.example resolves to 127.0.0.1, the page calls the mock.
TEST(HostGuard, RefusesAForeignHostNamingTheFlagsThatOpenIt) {
  const std::string why = refuse_foreign_host(tcp_request("evil.example:8080"), HostPolicy{});
  EXPECT_THAT(why, HasSubstr("Host \"evil.example:8080\""));
  EXPECT_THAT(why, HasSubstr("DNS rebinding"));
  EXPECT_THAT(why, HasSubstr("--admin-token"));
  EXPECT_THAT(why, HasSubstr("--allow-host"));
  EXPECT_THAT(refuse_foreign_host(tcp_request("bad host:x"), HostPolicy{}), HasSubstr("Host \"bad host:x\""));
}

TEST(HostGuard, ServesTheAddressTheConnectionCameInOn) {
  EXPECT_THAT(refuse_foreign_host(tcp_request("192.0.2.7:8080", std::nullopt, "192.0.2.7"), HostPolicy{}), IsEmpty());
  EXPECT_THAT(refuse_foreign_host(tcp_request("192.0.2.7:8080", std::nullopt, "::ffff:192.0.2.7"), HostPolicy{}),
              IsEmpty());
  EXPECT_THAT(refuse_foreign_host(tcp_request("192.0.2.8:8080", std::nullopt, "192.0.2.7"), HostPolicy{}),
              HasSubstr("192.0.2.8"));
}

TEST(HostGuard, AllowHostAdmitsThatNameAsHostAndOrigin) {
  HostPolicy policy;
  policy.allowed_hosts = {"mock.ci.internal"};
  EXPECT_THAT(refuse_foreign_host(tcp_request("MOCK.ci.internal:8080"), policy), IsEmpty());
  EXPECT_THAT(refuse_foreign_host(tcp_request("localhost", "http://mock.ci.internal:3000"), policy), IsEmpty());
  EXPECT_THAT(refuse_foreign_host(tcp_request("other.ci.internal"), policy), ::testing::Not(IsEmpty()));
}

TEST(HostGuard, RefusesAForeignOriginEvenWithALoopbackHost) {
  for (const char* origin : {"http://evil.example", "https://evil.example:8443", "null", "file://", "garbage"}) {
    const std::string why = refuse_foreign_host(tcp_request("127.0.0.1:8080", origin), HostPolicy{});
    EXPECT_THAT(why, HasSubstr("Origin \"" + std::string(origin) + "\"")) << origin;
    EXPECT_THAT(why, HasSubstr("--admin-token")) << origin;
  }
  for (const char* origin : {"http://localhost:3000", "http://127.0.0.1", "https://[::1]:8443", "http://x.localhost"}) {
    EXPECT_THAT(refuse_foreign_host(tcp_request("127.0.0.1:8080", origin), HostPolicy{}), IsEmpty()) << origin;
  }
}

// A Unix socket has no browser on the other end and no meaningful Host
// (curl --unix-socket sends the URL's); Origin still counts.
TEST(HostGuard, UnixSocketSkipsHostButNotOrigin) {
  HostFacts facts{"mock", std::nullopt, true, ""};
  EXPECT_THAT(refuse_foreign_host(facts, HostPolicy{}), IsEmpty());
  facts.origin = "http://evil.example";
  EXPECT_THAT(refuse_foreign_host(facts, HostPolicy{}), HasSubstr("Origin"));
}

TEST(HostGuard, AnAdminTokenTurnsTheChecksOff) {
  HostPolicy policy;
  policy.token_set = true;
  EXPECT_THAT(refuse_foreign_host(tcp_request("evil.example", "http://evil.example"), policy), IsEmpty());
}

}  // namespace
}  // namespace smapi::mock
