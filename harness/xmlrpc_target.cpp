#include "harness/xmlrpc_target.h"

#include "harness/answer_limits.h"
#include "harness/http_call.h"

namespace smapi::harness {

namespace {

// The content type of every request (XML-RPC's own, and what xapi sends).
constexpr std::string_view kXmlContentType = "text/xml";

}  // namespace

XmlRpcTarget::XmlRpcTarget(HttpEndpoint endpoint, HttpLimits limits)
    : endpoint_(std::move(endpoint)), limits_(limits) {}

suites::CallObservation XmlRpcTarget::call_with_text(contract::Method method,
                                                     std::string_view args_text) {
  suites::CallObservation call;
  call.method = method;
  call.label = std::string(contract::wire_name(method));
  call.request = contract::encode_xmlrpc_request_text(method, args_text);
  call.reproducer = curl_post_command(endpoint_, kXmlContentType, call.request);

  auto exchange = http_post(endpoint_, kXmlContentType, call.request, limits_);
  if (record_exchange(std::move(exchange), call)) {
    call.reply = contract::decode_xmlrpc_response(call.reply_bytes, answer_xml_limits(limits_.max_body_bytes));
    refuse_over_memory_limit(call);
  }
  return call;
}

}  // namespace smapi::harness
