#include "harness/http_call.h"

#include "contract/json_text.h"
#include "contract/xmlrpc_codec.h"
#include "harness/shell_quote.h"

#include <algorithm>
#include <cctype>

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
  call.http_content_type = exchange.content_type;
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

namespace {

// How much of a foreign body not_an_endpoint quotes.
constexpr std::size_t kQuotedBodyBytes = 60;

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower;
}

// The start of a body as one printable line: a run of white space shown as
// one space, other bytes that are not printable ASCII as '.'.
std::string quoted_start(std::string_view body) {
  std::string shown;
  std::size_t i = 0;
  for (; i < body.size() && shown.size() < kQuotedBodyBytes; ++i) {
    const auto c = static_cast<unsigned char>(body[i]);
    if (std::isspace(c)) {
      if (shown.empty() || shown.back() != ' ') shown += ' ';
    } else {
      shown += c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '.';
    }
  }
  return "\"" + shown + (i < body.size() ? "...\"" : "\"");
}

}  // namespace

std::string not_an_endpoint(const suites::CallObservation& call, suites::Transport transport) {
  if (call.delivery != Delivery::answered || !call.http_status || call.http_content_type.empty()) return "";
  const bool xml = transport == suites::Transport::xmlrpc;
  const std::string media = lowercase(call.http_content_type.substr(0, call.http_content_type.find(';')));
  if (media.find(xml ? "xml" : "json") != std::string::npos) return "";
  const bool body_fits = xml ? contract::xml_document_problem(call.reply_bytes).empty()
                             : contract::parse_one_json_value(call.reply_bytes).value.has_value();
  if (body_fits) return "";
  return std::string(xml ? "not an XML-RPC endpoint" : "not a JSON-RPC endpoint") + ": got " + media +
         " (HTTP " + std::to_string(*call.http_status) + ") in answer to " + call.label + ": " +
         quoted_start(call.reply_bytes) +
         (media.find(xml ? "json" : "xml") != std::string::npos
              ? std::string(xml ? "; it answers JSON: try --protocol jsonrpc" : "; it answers XML: try --protocol xmlrpc")
              : std::string("; is --target the plugin's URL?"));
}

}  // namespace smapi::harness
