#pragma once
// What the pieces of smapi-mock's HTTP server share (server.cpp's listeners,
// session.h's connections, server_routing.h's dispatch): the I/O types, the
// state every connection sees, and the request header facts a session reads.
// Private to the server.

#include "mock_plugin/engine.h"
#include "mock_plugin/host_guard.h"
#include "mock_plugin/journal.h"
#include "mock_plugin/server.h"
#include "mock_plugin/storage/storage.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace smapi::mock::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using unix_socket = asio::local::stream_protocol;
using Clock = std::chrono::steady_clock;

// Every I/O object uses the io_context's own executor type rather than the
// type-erased any_io_executor: no executor copies through a type-erased
// wrapper on the per-request path.
using Executor = asio::io_context::executor_type;
template <class Protocol>
using Socket = asio::basic_stream_socket<Protocol, Executor>;
template <class Protocol>
using Acceptor = asio::basic_socket_acceptor<Protocol, Executor>;
using Timer = asio::basic_waitable_timer<Clock, asio::wait_traits<Clock>, Executor>;

constexpr std::string_view kServerHeader = "smapi-mock";
constexpr std::string_view kJsonType = "application/json";
constexpr std::string_view kXmlType = "text/xml";

// What every session type offers the server: a way to close it at stop().
class SessionBase {
 public:
  virtual ~SessionBase() = default;
  // Closes the connection now; pending operations finish as aborted.
  virtual void close() = 0;
};

// State every session shares with the server. Touched only on the io thread.
struct Shared {
  explicit Shared(const ServerSettings& s)
      : settings(s),
        journal(JournalSettings{s.journal_capacity, s.journal_entry_bytes}),
        host_policy{!s.admin_token.empty(), s.allowed_hosts} {}

  Engine engine{default_config()};
  // The SRs, volumes and datapaths every connection sees; its simulated time
  // counts from the server's creation.
  storage::Storage storage;
  Clock::time_point created = Clock::now();
  ServerSettings settings;
  Journal journal;
  HostPolicy host_policy;  // who may address the mock (host_guard.h)
  ServerLog log;
  std::unordered_set<SessionBase*> live;  // open sessions, so stop() can close them
  // Where every session reads the bytes it discards (hang, linger): one
  // buffer for all, since the bytes are never looked at.
  std::array<char, 4096> discard_buffer{};

  void write_log(const std::string& line) const {
    if (log) log(line);
  }
};

std::string endpoint_text(const tcp::endpoint& ep);

// Loopback: 127.0.0.0/8, ::1, and 127.0.0.0/8 mapped into IPv6.
bool is_loopback(const asio::ip::address& addr);

// Memory for one request's header fields, reused by the next request:
// Beast allocates every field separately (three or more per request), and
// a connection reads one request at a time. What does not fit comes from
// the heap as usual.
class FieldArena {
 public:
  void* allocate(std::size_t bytes, std::size_t align) {
    std::size_t at = (used_ + align - 1) / align * align;
    if (at + bytes > bytes_.size()) return nullptr;
    used_ = at + bytes;
    return bytes_.data() + at;
  }
  bool owns(const void* p) const {
    const auto* b = static_cast<const unsigned char*>(p);
    return b >= bytes_.data() && b < bytes_.data() + bytes_.size();
  }
  // Only when nothing allocated here is still in use.
  void reset() { used_ = 0; }

 private:
  // Room for the fields of a usual request (a few hundred bytes).
  alignas(std::max_align_t) std::array<unsigned char, 1024> bytes_{};
  std::size_t used_ = 0;
};

// The allocator of a request's basic_fields: FieldArena first, then the heap.
template <class T>
struct FieldAllocator {
  using value_type = T;
  FieldArena* arena = nullptr;

  FieldAllocator() = default;
  explicit FieldAllocator(FieldArena* a) noexcept : arena(a) {}
  template <class U>
  FieldAllocator(const FieldAllocator<U>& other) noexcept : arena(other.arena) {}

  T* allocate(std::size_t n) {
    if (arena != nullptr) {
      if (void* p = arena->allocate(n * sizeof(T), alignof(T))) return static_cast<T*>(p);
    }
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (arena != nullptr && arena->owns(p)) return;  // reclaimed by reset()
    std::allocator<T>().deallocate(p, n);
  }
  template <class U>
  friend bool operator==(const FieldAllocator& a, const FieldAllocator<U>& b) noexcept {
    return a.arena == b.arena;
  }
};

using Fields = http::basic_fields<FieldAllocator<char>>;
using Request = http::request<http::string_body, Fields>;

// Peer facts a session learns once, at accept.
struct Peer {
  std::string text;  // for the journal and the log
  bool local = false;
  bool unix_socket = false;
  std::string local_address;  // TCP: the address the connection came in on
};
// The request fields the server reads, found in one walk over the header:
// each basic_fields::find is a tree search with case-insensitive compares,
// and this runs for every request. Where a field repeats, the first counts,
// as with find.
struct HeaderFields {
  std::optional<std::string_view> content_type;
  std::optional<std::string_view> expect;
  std::optional<std::string_view> host;
  std::optional<std::string_view> origin;
  bool has_connection = false;
};
HeaderFields header_fields(const Request& req);

using RequestParser = http::request_parser<http::string_body, FieldAllocator<char>>;

// A small call usually arrives in one segment, its body read along with
// the header. When the rest of the message (a Content-Length body) is
// in `buffer` already, it is parsed here, without another asynchronous read
// and the timer and posted completion that come with one. Returns false
// to leave the rest to async_read; true with the parse's error, if any.
bool parse_buffered_body(RequestParser& parser, beast::flat_buffer& buffer, beast::error_code& ec);

// The status and text a read error is answered with before the close
// (413, 431, 400); nullopt for one that gets no answer (reset, timeout, ...).
struct ReadFailure {
  http::status status;
  std::string message;
};
std::optional<ReadFailure> read_failure_reply(const beast::error_code& ec, const ServerSettings& settings);

// Formats into `head` (cleared first) the header of a 200 reply on a
// kept-alive HTTP/1.1 connection: the bytes Beast writes for it (Server,
// Content-Type, Content-Length; no Connection field).
void format_ok_head(std::string& head, std::string_view content_type, std::size_t body_bytes);

// The --log-requests line of an answered request, and of one answered by no
// response at all (hang, close, reset).
std::string request_log_line(const Peer& peer, const Request& req, unsigned status, std::size_t body_bytes,
                             std::string_view call_log);
std::string unanswered_log_line(const Peer& peer, const Request& req, std::string_view what,
                                std::string_view call_log);

Peer peer_of(const Socket<tcp>& socket);
Peer peer_of(const Socket<unix_socket>& socket);

}  // namespace smapi::mock::detail
