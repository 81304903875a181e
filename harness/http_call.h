#pragma once
// What the HTTP targets (JSON-RPC, XML-RPC) share: the curl command that
// repeats a POST, and how an exchange's outcome is recorded in a call
// observation before the protocol's decoder reads the body.

#include "harness/http_client.h"
#include "suites/observation.h"

#include <string>
#include <string_view>

namespace smapi::harness {

// A one-line curl command that sends `body` as the given POST again:
//   curl -sS -X POST -H 'Content-Type: text/xml' --data-binary '<...>' 'http://h:1/'
// and for a Unix socket
//   curl -sS --unix-socket '/run/p.sock' -X POST ... 'http://localhost/'.
std::string curl_post_command(const HttpEndpoint& endpoint, std::string_view content_type,
                              std::string_view body);

// Copies how the exchange ended into the call: delivery, its detail, the
// HTTP status, the body and the time taken. Returns true when the plugin
// answered with HTTP 200 and the body is for the protocol's decoder to read;
// for any other status the reply is already set malformed ("HTTP status 500").
// The body moves into the call (pass the exchange as an rvalue): a copy
// would double the peak of a large answer.
bool record_exchange(HttpExchange exchange, suites::CallObservation& call);

// Why an answered call shows the target is no endpoint of `transport` at all:
// its Content-Type names another format (JSON-RPC: no "json" in it; XML-RPC:
// no "xml") and its body is not that format either, as a web server that is
// not a plugin answers (`python3 -m http.server`: 501, text/html). "" when
// it could be the plugin's answer, however bad: a plugin sending broken JSON
// as application/json is judged (TRANSPORT-*), not refused. The run asks it
// of its first call only.
std::string not_an_endpoint(const suites::CallObservation& call, suites::Transport transport);

}  // namespace smapi::harness
