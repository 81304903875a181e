#pragma once
// The mock's admin API, served under /_mock/ on the same listeners as the
// plugin calls, as a pure function: request in, response out. The server
// (server.h) hands every request whose path starts with /_mock/ here; tests
// call it without sockets. Admin calls never reach the engine's answer logic
// and never enter the journal.
//
//   GET    /_mock/config   the config as JSON (config.h's to_json)
//   PUT    /_mock/config   replace it (parse_config); 400 + the one-line error
//                          on a bad one, the old config kept
//   POST   /_mock/reset    a fresh start with the same config: engine counters,
//                          the journal and the storage's SRs, volumes,
//                          datapaths and tasks are all cleared
//   GET    /_mock/state    the storage's SRs, volumes, datapaths and tasks
//                          (storage::Storage::to_json)
//   PUT    /_mock/state    seed them with what GET gave (or a hand-written
//                          state); 400 + the JSON path of what is wrong, the
//                          old state kept. The body is bounded like every
//                          request's (ServerSettings::max_body_bytes)
//   GET    /_mock/journal  journal.h's to_json; ?method=M&dbg=D&limit=N filter
//   DELETE /_mock/journal  clears it
//   GET    /_mock/verify   ?method=M[&dbg=D]&count=N | at_least=N | at_most=N
//                          (several may be combined; none means at_least=1):
//                          200 {"ok":true,...} when the journal holds that
//                          many matching calls, else 417 {"ok":false,
//                          "explanation", "near_misses":[...]} naming the
//                          calls that almost matched (a method spelled in
//                          another case, the same method with another dbg,
//                          other methods).
//
// Access: without a token only local peers (loopback TCP, Unix socket) are
// served, others get 403. With a token every call needs
// "Authorization: Bearer TOKEN" (401 otherwise, compared in constant time),
// and then any peer is served. Other paths under /_mock/ get 404, other
// verbs 405 with Allow.

#include "mock_plugin/engine.h"
#include "mock_plugin/journal.h"
#include "mock_plugin/storage/storage.h"

#include <string>
#include <string_view>

namespace smapi::mock {

// The path prefix of the admin API.
inline constexpr std::string_view kAdminPrefix = "/_mock/";

// Whether a request target (path and query) belongs to the admin API.
bool is_admin_target(std::string_view target);

// The parts of an HTTP request the admin API reads.
struct AdminRequest {
  std::string_view verb;           // "GET", "PUT", ...
  std::string_view target;         // "/_mock/journal?limit=2"
  std::string_view authorization;  // the Authorization header, "" when absent
  std::string_view body;
  bool peer_is_local = false;      // loopback TCP or a Unix socket
};

// What the admin API answers.
struct AdminResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string allow;             // for 405: the verbs the path takes
  bool ask_for_bearer = false;   // for 401: send WWW-Authenticate: Bearer
};

// What the admin API reads and changes.
struct AdminState {
  Engine& engine;
  Journal& journal;
  std::string_view token;  // "" = loopback-only access, no token needed
  storage::Storage* storage = nullptr;  // /_mock/state; null: 404 there
};

// Most near misses a failed verify lists.
inline constexpr std::size_t kMaxNearMisses = 10;

// Answers one admin request.
AdminResponse handle_admin(const AdminRequest& request, AdminState& state);

// Whether two secrets are equal, in time that depends only on their lengths.
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace smapi::mock
