#pragma once
// smapi-mock's HTTP/1.1 server (Boost.Beast, one io_context, one thread),
// listening on TCP, a Unix socket, or both. Connections are kept alive as
// the client asks. A POST to any path outside /_mock/ is a plugin call,
// handed to handle_jsonrpc (handler.h) or handle_xmlrpc (xmlrpc_handler.h),
// with the server's one in-memory storage (storage/storage.h) for the SR,
// Volume, Datapath and Data methods, as body_protocol (body_protocol.h) says: by the Content-Type when it names
// JSON or XML, else by the body's first byte. Calls, admin ones included,
// first pass the host guard (host_guard.h; 403 when it refuses them).
// The handler's Fault is carried out on the wire: a delay (a timer; the
// thread never blocks), hang (no answer; the connection stays open until the
// client goes or the server stops, and counts as one of max_connections),
// close (closed without a response), reset (SO_LINGER 0, so a TCP RST) or
// another HTTP status for the reply body. Each call enters the journal
// (journal.h). Paths under /_mock/ are the admin API (admin.h). Everything
// else gets a status and, where the stream can no longer be trusted, a close:
//   405 (Allow: POST) for other methods, keep-alive as asked
//   415 for a body that is neither JSON-RPC nor XML-RPC under another
//       Content-Type, keep-alive as asked
//   403 for a Host or Origin the host guard refuses, keep-alive as asked
//   413 + close when the body exceeds max_body_bytes
//   431 + close when the header exceeds header_limit
//   400 + close for malformed HTTP
// An "Expect: 100-continue" request gets its interim 100 before the body.

#include "mock_plugin/config.h"
#include "mock_plugin/engine.h"

#include <boost/json/value.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace smapi::mock {

// Connections served at once unless ServerSettings says otherwise.
inline constexpr std::size_t kDefaultMaxConnections = 4096;

// Limits, timeouts and options of the HTTP server.
struct ServerSettings {
  // Largest request body accepted; larger gets 413 and a close.
  std::size_t max_body_bytes = 1024 * 1024;
  // Largest request header (request line + fields); larger gets 431.
  std::uint32_t header_limit = 16 * 1024;
  // Time to read one request: for the first on a connection, header and
  // body counted from accept; for later ones, the body (the header falls
  // under idle_timeout).
  std::chrono::milliseconds read_timeout{30'000};
  // Time a kept-alive connection may wait for (and read the header of) its
  // next request before it is closed.
  std::chrono::milliseconds idle_timeout{15'000};
  // Time to write one response.
  std::chrono::milliseconds write_timeout{30'000};
  // Connections served at once, over TCP and the Unix socket together
  // (hanging ones included); one more is accepted and closed at once, so
  // idle clients cannot hold unbounded memory or file descriptors. Each
  // takes one file descriptor: see raise_open_file_limit().
  std::size_t max_connections = kDefaultMaxConnections;
  // Pause before accepting again after an accept error (e.g. EMFILE).
  std::chrono::milliseconds accept_backoff{100};
  // After an error response that closes the connection, how long unread
  // input is drained so the client sees the response rather than a reset.
  std::chrono::milliseconds close_linger{1'000};
  // Calls the journal keeps (oldest dropped and counted beyond it); 0 keeps
  // none. On by default: GET /_mock/journal and /_mock/verify read it.
  std::size_t journal_capacity = 1000;
  // Longest request text (args, dbg) the journal keeps per call, in bytes.
  std::size_t journal_entry_bytes = 1024;
  // When set, a Unix-domain socket path to listen on as well as (or, with an
  // empty listen address, instead of) TCP. A stale socket file there is
  // removed at start (anything else there is an error); the file is removed
  // at stop.
  std::string unix_socket_path;
  // When not empty, every admin call must carry "Authorization: Bearer
  // <admin_token>", and then peers other than loopback are admitted too,
  // and the host guard (host_guard.h) is off.
  std::string admin_token;
  // Host names the host guard admits besides loopback ones (--allow-host),
  // as Host and as Origin.
  std::vector<std::string> allowed_hosts;
  // Log one line per request (besides server events), naming a plugin
  // call's method and dbg (call_log.h). Off by default: it costs a
  // formatted line per call.
  bool log_requests = false;
};

// The process's open-file limit after raise_open_file_limit().
struct OpenFileLimit {
  std::uint64_t soft = 0;
  std::uint64_t hard = 0;
  std::string error;  // why it could not be read or raised, "" on success
};

// Raises the soft RLIMIT_NOFILE to the hard limit (every connection is a file
// descriptor; the default soft limit is often 1024) and returns the result.
OpenFileLimit raise_open_file_limit();

// Receives one log line (no newline) per request and per server event.
using ServerLog = std::function<void(std::string_view line)>;

// A listen address split into its parts.
struct ListenAddress {
  std::string host;  // an IP literal, without brackets
  std::uint16_t port = 0;
};

// Parses "127.0.0.1:8080", "[::1]:0" or "localhost:80" (= 127.0.0.1);
// on failure a message such as `listen address "x": expected ADDR:PORT`.
std::variant<ListenAddress, std::string> parse_listen_address(std::string_view text);

// The mock served over HTTP, in-process. Either owns its io_context and a
// thread (first constructor) or runs on a caller's single-threaded
// io_context (second), which must outlive the MockServer. `listen` is
// "ADDR:PORT" for TCP, or "" to listen only on settings.unix_socket_path.
class MockServer {
 public:
  MockServer(MockConfig config, ServerSettings settings, std::string listen);
  MockServer(boost::asio::io_context& ioc, MockConfig config, ServerSettings settings,
             std::string listen);
  ~MockServer();
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  // Where log lines go; set before start(). None by default.
  void set_log(ServerLog log);

  // Lets embedding code answer calls itself (Engine::set_answer_hook): every
  // call whose arguments are accepted asks the hook first. The hook runs on
  // the server's thread. Before start() it is set at once; after, the change
  // is handed to the server's thread (and, with an owned thread, this waits
  // until it is in place, so the next request sees it).
  void set_answer_hook(AnswerHook hook);
  // The same for every method, by wire name (Engine::set_call_hook): the
  // storage methods' calls ask it too.
  void set_call_hook(CallHook hook);

  // Replaces the config (as PUT /_mock/config does); counters start again,
  // the journal stays. Safe from any thread, like set_answer_hook.
  void replace_config(MockConfig config);

  // The in-memory storage's SRs, volumes, datapaths and tasks, as
  // GET /_mock/state gives them (storage::Storage::to_json).
  boost::json::value state_json();
  // Replaces them, as PUT /_mock/state does; throws std::invalid_argument
  // naming the JSON path of what is wrong (the state is kept then).
  // Both run on the server's thread and wait for it once it is serving:
  // call them from any thread, but with a caller's io_context only while
  // that context is being run (or from its thread).
  void load_state(const boost::json::value& state);

  // Binds, listens and starts accepting; returns the bound "ADDR:PORT"
  // (the real port when 0 was asked), or "unix:PATH" when only a Unix socket
  // was asked. Throws std::runtime_error naming the address and the reason
  // when it cannot listen (nothing is left listening then).
  std::string start();

  // The bound port; 0 before start().
  std::uint16_t port() const;

  // Stops accepting and closes every connection. With an owned thread it
  // returns once the thread has finished; on a caller's io_context the
  // caller's run() returns when the closing completes. Idempotent.
  void stop();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace smapi::mock
