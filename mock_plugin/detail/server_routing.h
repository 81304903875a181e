#pragma once
// What smapi-mock's HTTP server answers a request with, apart from the
// connection it came on: a plugin call goes to the JSON-RPC or XML-RPC
// handler, an admin request to the admin API, and each call enters the
// journal. Session (session.h) does the I/O around these. Private to the
// server.

#include "mock_plugin/admin.h"
#include "mock_plugin/body_protocol.h"
#include "mock_plugin/detail/server_shared.h"
#include "mock_plugin/handler_reply.h"
#include "mock_plugin/journal.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace smapi::mock::detail {

// The transport a plugin call's body uses (JSON-RPC v1, v2 or XML-RPC).
Transport transport_of(BodyProtocol protocol, std::string_view body);

// Answers one plugin call from the shared engine and storage, by its
// transport's handler.
HandlerReply answer_call(Shared& shared, Transport transport, std::string_view body);

// Answers one admin request (admin.h); logs what a loaded config will ignore.
AdminResponse answer_admin(Shared& shared, const Request& req, const Peer& peer);

// The body of a 403 for a request the host guard refused: JSON for the admin
// API, like its other answers; text for a plugin call.
std::string refusal_body(bool admin, std::string why);

// What the journal records of a call besides the handler's reply.
struct CallFacts {
  std::chrono::system_clock::time_point time;
  Clock::time_point started;
  Transport transport;
  const std::string& peer;
};

// Enters a call in the journal; takes the reply's method and arguments.
void record_call(Shared& shared, const CallFacts& facts, HandlerReply& reply, int status,
                 std::size_t request_bytes);

}  // namespace smapi::mock::detail
