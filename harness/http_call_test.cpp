#include "harness/http_call.h"

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
