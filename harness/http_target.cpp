#include "harness/http_target.h"

#include "harness/shell_quote.h"

namespace smapi::harness {

using suites::Delivery;

JsonRpcTarget::JsonRpcTarget(std::string url, HttpEndpoint endpoint, contract::JsonRpcVersion version,
                             HttpLimits limits)
    : url_(std::move(url)), endpoint_(std::move(endpoint)), version_(version), limits_(limits) {}

suites::CallObservation JsonRpcTarget::call_with_text(contract::Method method,
                                                      std::string_view args_text) {
  suites::CallObservation call;
  call.method = method;
  call.label = std::string(contract::wire_name(method));
  const auto id = next_id_++;
  call.request = contract::encode_jsonrpc_request_text(version_, method, args_text, id);
  call.reproducer = "curl -sS -X POST -H 'Content-Type: application/json' --data-binary " +
                    shell_quote(call.request) + " " + shell_quote(url_);

  const auto exchange = http_post(endpoint_, "application/json", call.request, limits_);
  call.elapsed = exchange.elapsed;
  call.reply_bytes = exchange.body;
  call.delivery_detail = exchange.error;
  using End = HttpExchange::End;
  switch (exchange.end) {
    case End::answered:
      call.delivery = Delivery::answered;
      call.http_status = exchange.status;
      if (exchange.status == 200) {
        call.reply = contract::decode_jsonrpc_response(version_, exchange.body, id);
      } else {
        call.reply.kind = contract::Reply::Kind::malformed;
        call.reply.problem = "HTTP status " + std::to_string(exchange.status);
      }
      break;
    case End::timed_out: call.delivery = Delivery::timed_out; break;
    case End::connect_failed: call.delivery = Delivery::unreachable; break;
    case End::io_error: call.delivery = Delivery::io_error; break;
    case End::body_limit:
      call.delivery = Delivery::output_limit;
      call.reply_truncated = true;
      break;
  }
  return call;
}

}  // namespace smapi::harness
