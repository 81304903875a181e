#include "harness/http_call.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::harness {
namespace {

using suites::Delivery;

TEST(CurlPostCommand, TcpEndpoint) {
  EXPECT_EQ(curl_post_command(HttpEndpoint{"127.0.0.1", "8080", "/rpc"}, "text/xml", "<a>'b'</a>"),
            "curl -sS -X POST -H 'Content-Type: text/xml' --data-binary '<a>'\\''b'\\''</a>' "
            "'http://127.0.0.1:8080/rpc'");
  EXPECT_EQ(curl_post_command(HttpEndpoint{"::1", "81", "/"}, "application/json", "{}"),
            "curl -sS -X POST -H 'Content-Type: application/json' --data-binary '{}' 'http://[::1]:81/'");
}

TEST(CurlPostCommand, UnixSocketEndpoint) {
  HttpEndpoint endpoint;
  endpoint.target = "/";
  endpoint.unix_socket = "/run/my plugin.sock";
  EXPECT_EQ(curl_post_command(endpoint, "text/xml", "<x/>"),
            "curl -sS --unix-socket '/run/my plugin.sock' -X POST -H 'Content-Type: text/xml' "
            "--data-binary '<x/>' 'http://localhost/'");
}

TEST(RecordExchange, Http200IsForTheDecoder) {
  HttpExchange exchange;
  exchange.end = HttpExchange::End::answered;
  exchange.status = 200;
  exchange.body = "<x/>";
  suites::CallObservation call;
  EXPECT_TRUE(record_exchange(exchange, call));
  EXPECT_EQ(call.delivery, Delivery::answered);
  EXPECT_EQ(call.http_status, 200);
  EXPECT_EQ(call.reply_bytes, "<x/>");
}

TEST(RecordExchange, OtherStatusIsMalformedAlready) {
  HttpExchange exchange;
  exchange.end = HttpExchange::End::answered;
  exchange.status = 503;
  suites::CallObservation call;
  EXPECT_FALSE(record_exchange(exchange, call));
  EXPECT_EQ(call.reply.kind, contract::Reply::Kind::malformed);
  EXPECT_EQ(call.reply.problem, "HTTP status 503");
}

TEST(RecordExchange, EachEndHasItsDelivery) {
  const std::pair<HttpExchange::End, Delivery> cases[] = {
      {HttpExchange::End::timed_out, Delivery::timed_out},
      {HttpExchange::End::connect_failed, Delivery::unreachable},
      {HttpExchange::End::io_error, Delivery::io_error},
      {HttpExchange::End::body_limit, Delivery::output_limit},
  };
  for (const auto& [end, delivery] : cases) {
    HttpExchange exchange;
    exchange.end = end;
    exchange.error = "why";
    suites::CallObservation call;
    EXPECT_FALSE(record_exchange(exchange, call));
    EXPECT_EQ(call.delivery, delivery);
    EXPECT_EQ(call.delivery_detail, "why");
    EXPECT_FALSE(call.http_status);
  }
}

}  // namespace
}  // namespace smapi::harness

namespace smapi::harness {
namespace {

// An answered Plugin.query call with this status, content type and body.
suites::CallObservation answered(int status, const std::string& content_type, const std::string& body) {
  HttpExchange exchange;
  exchange.end = HttpExchange::End::answered;
  exchange.status = status;
  exchange.content_type = content_type;
  exchange.body = body;
  suites::CallObservation call;
  call.label = "Plugin.query";
  record_exchange(exchange, call);
  return call;
}

constexpr const char* kPythonPage =
    "<!DOCTYPE HTML>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Error response</title></head>"
    "<body><h1>Error response</h1><p>Error code: 501</p></body></html>\n";

// `python3 -m http.server` as --target got 24 skips and exit 1.
TEST(NotAnEndpoint, AWebPageIsNoJsonRpcOrXmlRpcAnswer) {
  const auto page = answered(501, "text/html;charset=utf-8", kPythonPage);
  EXPECT_EQ(page.http_content_type, "text/html;charset=utf-8");
  EXPECT_EQ(not_an_endpoint(page, suites::Transport::jsonrpc_v1),
            "not a JSON-RPC endpoint: got text/html (HTTP 501) in answer to Plugin.query: \"<!DOCTYPE HTML> "
            "<html lang=\"en\"> <head><meta charset=\"utf-8\"...\"; is --target the plugin's URL?");
  EXPECT_THAT(not_an_endpoint(page, suites::Transport::xmlrpc),
              ::testing::StartsWith("not an XML-RPC endpoint: got text/html (HTTP 501)"));
  EXPECT_THAT(not_an_endpoint(answered(200, "text/plain", "hello"), suites::Transport::jsonrpc_v2),
              ::testing::StartsWith("not a JSON-RPC endpoint: got text/plain (HTTP 200)"));
  EXPECT_THAT(not_an_endpoint(answered(200, "text/xml", "<methodResponse>"), suites::Transport::jsonrpc_v1),
              ::testing::EndsWith("; it answers XML: try --protocol xmlrpc"));
}

// A plugin's own bad answer stays the plugin's, to be judged.
TEST(NotAnEndpoint, APluginsBadAnswerIsJudgedNotRefused) {
  using suites::Transport;
  EXPECT_EQ(not_an_endpoint(answered(200, "application/json", "{not json"), Transport::jsonrpc_v1), "");
  EXPECT_EQ(not_an_endpoint(answered(500, "application/json; charset=utf-8", kPythonPage), Transport::jsonrpc_v1), "");
  EXPECT_EQ(not_an_endpoint(answered(200, "application/vnd.api+json", ""), Transport::jsonrpc_v1), "");
  EXPECT_EQ(not_an_endpoint(answered(200, "text/plain", "{\"result\":1}"), Transport::jsonrpc_v1), "");  // JSON body
  EXPECT_EQ(not_an_endpoint(answered(200, "", kPythonPage), Transport::jsonrpc_v1), "");  // no type: cannot tell
  EXPECT_EQ(not_an_endpoint(answered(200, "text/xml", "<methodResponse"), Transport::xmlrpc), "");
  EXPECT_EQ(not_an_endpoint(answered(200, "text/html", "<methodResponse/>"), Transport::xmlrpc), "");  // XML body
  HttpExchange timed_out;
  timed_out.end = HttpExchange::End::timed_out;
  suites::CallObservation call;
  record_exchange(timed_out, call);
  EXPECT_EQ(not_an_endpoint(call, Transport::jsonrpc_v1), "");
}

}  // namespace
}  // namespace smapi::harness
