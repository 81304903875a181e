#include "harness/http_target.h"

#include "harness/answer_limits.h"
#include "harness/http_call.h"

namespace smapi::harness {

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
  call.reproducer = curl_post_command(endpoint_, "application/json", call.request);

  auto exchange = http_post(endpoint_, "application/json", call.request, limits_);
  if (record_exchange(std::move(exchange), call)) {
    call.reply =
        contract::decode_jsonrpc_response(version_, call.reply_bytes, answer_json_limits(limits_.max_body_bytes));
    refuse_over_memory_limit(call);
  }
  return call;
}

}  // namespace smapi::harness
