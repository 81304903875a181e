#pragma once
// Which protocol handler a plugin call's body goes to, decided from its
// Content-Type and, where that does not settle it, from the body itself.
// Pure; the server (server.h) asks it once per POST.
//
//   application/json                  -> JSON-RPC
//   text/xml, application/xml         -> XML-RPC
//   anything else, or no Content-Type -> by the first non-space byte:
//                                        '{' or '[' JSON-RPC, '<' XML-RPC
// A body that starts with neither is JSON-RPC when no Content-Type was
// sent (the JSON-RPC handler answers it with a parse error) and refused
// (415) under another Content-Type. So `curl -d '{...}'`, which sends
// application/x-www-form-urlencoded, is served like a JSON-RPC client.

#include <optional>
#include <string_view>

namespace smapi::mock {

enum class BodyProtocol { jsonrpc, xmlrpc, unsupported };

// Whether a header value, without its parameters (after ';') and the
// spaces around it, is `type`, ignoring case: "Application/JSON;
// charset=utf-8" is application/json. Allocates nothing.
bool media_type_is(std::string_view value, std::string_view type);

// The protocol of a POST body (see above). Allocates nothing: it runs per call.
BodyProtocol body_protocol(std::optional<std::string_view> content_type, std::string_view body);

// The 415 answer's text for a body body_protocol refused.
inline constexpr std::string_view kUnsupportedBodyMessage =
    "the body is neither JSON-RPC (starting with '{' or '[') nor XML-RPC (starting with '<'), "
    "and its Content-Type is not application/json, text/xml or application/xml\n";

}  // namespace smapi::mock
