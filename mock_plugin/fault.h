#pragma once
// The ways smapi-mock misbehaves on one call, decided by the engine together
// with the answer and carried out by the transport that applies them:
// the HTTP server (delay, connection, status), the reply writers (body
// mutations, for JSON-RPC, XML-RPC and exec stdout alike) and exec mode
// (exit code, stderr, signal, a child left holding stdout). A
// default-constructed Fault is a well-behaved call.

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace smapi::mock {

struct Fault {
  // Time to wait before answering; timer-based in the server, sleep in exec mode.
  std::chrono::milliseconds delay{0};

  // What happens to the connection (HTTP) or the process (exec) instead of
  // an answer. exec: hang sleeps forever; close/reset exit with no output.
  enum class Connection {
    answer,  // send the (possibly mutated) reply
    hang,    // never answer; keep the connection open
    close,   // close the connection without a response
    reset,   // abort the connection (TCP RST via SO_LINGER 0)
  };
  Connection connection = Connection::answer;

  // HTTP status sent instead of 200 (the body is still the reply).
  std::optional<int> http_status;

  // What is sent instead of a good body.
  enum class Body {
    intact,
    garbage,           // bytes that are not JSON/XML at all
    truncated,         // the reply cut in half
    wrong_id,          // JSON-RPC: an id that is not the request's
    both_members,      // JSON-RPC: result and error both non-null
    trailing_garbage,  // a second value after the reply
    empty,             // nothing at all
  };
  Body body = Body::intact;

  // query_result (or any object result) edits, applied to the result value
  // before encoding: remove a member, give it a value of the wrong type
  // (a number for a string, a string for an array), or rename it.
  std::optional<std::string> remove_field;
  std::optional<std::string> retype_field;
  std::optional<std::string> rename_field_from;
  std::string rename_field_to;
  // Members set (added, or replaced) on an object result after the edits
  // above, e.g. {"required_api_version": "2.0"}.
  std::vector<std::pair<std::string, boost::json::value>> set_fields;
  // HTTP: for a call answered with an error, the JSON-RPC error member (and
  // the XML-RPC ErrorDescription) sent instead of [code, params...], e.g. [5].
  std::optional<boost::json::array> error_value;
  // A byte that is not UTF-8 (kInvalidUtf8Byte, mutation.h) appended to a
  // string result, or to each string member of an object result.
  bool invalid_utf8 = false;

  // Storage methods (SR.*, Volume.*, ...): after answering, the plugin
  // restarts and forgets which SRs were attached (the in-memory storage keeps
  // its SRs and volumes; every SR needs SR.attach again).
  bool restart = false;

  // exec mode only.
  std::optional<int> exit_code;        // replaces 0 / 1
  std::string stderr_text;             // written to stderr before answering
  bool no_output = false;              // print nothing on stdout
  std::optional<int> signal;           // kill itself with this signal after answering
  bool leave_child = false;            // leave a child holding stdout open

  friend bool operator==(const Fault&, const Fault&) = default;
};

}  // namespace smapi::mock
