#include "harness/http_call.h"

#include "harness/shell_quote.h"

namespace smapi::harness {

using suites::Delivery;

std::string curl_post_command(const HttpEndpoint& endpoint, std::string_view content_type,
                              std::string_view body) {
  std::string command = "curl -sS ";
  std::string url;
  if (!endpoint.unix_socket.empty()) {
    command += "--unix-socket " + shell_quote(endpoint.unix_socket) + " ";
    url = "http://localhost" + endpoint.target;
  } else {
    const bool ipv6 = endpoint.host.find(':') != std::string::npos;
    url = "http://" + (ipv6 ? "[" + endpoint.host + "]" : endpoint.host) + ":" + endpoint.port +
          endpoint.target;
  }
  command += "-X POST -H " + shell_quote("Content-Type: " + std::string(content_type)) +
             " --data-binary " + shell_quote(body) + " " + shell_quote(url);
  return command;
}

bool record_exchange(HttpExchange exchange, suites::CallObservation& call) {
  call.elapsed = exchange.elapsed;
  call.reply_bytes = std::move(exchange.body);
  call.delivery_detail = exchange.error;
  using End = HttpExchange::End;
  switch (exchange.end) {
    case End::answered:
      call.delivery = Delivery::answered;
      call.http_status = exchange.status;
      if (exchange.status == 200) return true;
      call.reply.kind = contract::Reply::Kind::malformed;
      call.reply.problem = "HTTP status " + std::to_string(exchange.status);
      return false;
    case End::timed_out: call.delivery = Delivery::timed_out; break;
    case End::connect_failed: call.delivery = Delivery::unreachable; break;
    case End::io_error: call.delivery = Delivery::io_error; break;
    case End::body_limit:
      call.delivery = Delivery::output_limit;
      call.reply_truncated = true;
      break;
  }
  return false;
}

}  // namespace smapi::harness
