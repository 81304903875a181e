#include "mock_plugin/server.h"

#include "mock_plugin/admin.h"
#include "mock_plugin/body_protocol.h"
#include "mock_plugin/call_log.h"
#include "mock_plugin/fault_scope.h"
#include "mock_plugin/handler.h"
#include "mock_plugin/host_guard.h"
#include "mock_plugin/journal.h"
#include "mock_plugin/xmlrpc_handler.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <future>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <unordered_set>
#include <vector>

namespace smapi::mock {
namespace {

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

std::string endpoint_text(const tcp::endpoint& ep) {
  const auto addr = ep.address();
  std::string host = addr.to_string();
  if (addr.is_v6()) host = "[" + host + "]";
  return host + ":" + std::to_string(ep.port());
}

// Loopback: 127.0.0.0/8, ::1, and 127.0.0.0/8 mapped into IPv6.
bool is_loopback(const asio::ip::address& addr) {
  if (addr.is_v4()) return addr.to_v4().is_loopback();
  const auto v6 = addr.to_v6();
  if (v6.is_v4_mapped()) return asio::ip::make_address_v4(asio::ip::v4_mapped, v6).is_loopback();
  return v6.is_loopback();
}

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

HeaderFields header_fields(const Request& req) {
  HeaderFields out;
  for (const auto& f : req) {
    switch (f.name()) {
      case http::field::content_type:
        if (!out.content_type) out.content_type = f.value();
        break;
      case http::field::expect:
        if (!out.expect) out.expect = f.value();
        break;
      case http::field::host:
        if (!out.host) out.host = f.value();
        break;
      case http::field::origin:
        if (!out.origin) out.origin = f.value();
        break;
      case http::field::connection: out.has_connection = true; break;
      default: break;
    }
  }
  return out;
}

// Peer facts a session learns once, at accept.
struct Peer {
  std::string text;  // for the journal and the log
  bool local = false;
  bool unix_socket = false;
  std::string local_address;  // TCP: the address the connection came in on
};

Peer peer_of(const Socket<tcp>& socket) {
  beast::error_code ec;
  auto ep = socket.remote_endpoint(ec);
  if (ec) return {"?", false, false, {}};
  Peer peer{endpoint_text(ep), is_loopback(ep.address()), false, {}};
  auto local = socket.local_endpoint(ec);
  if (!ec) peer.local_address = local.address().to_string();
  return peer;
}

Peer peer_of(const Socket<unix_socket>&) { return {"unix", true, true, {}}; }

// One client connection over a stream of Protocol (TCP or a Unix socket):
// read a request, answer it, repeat while kept alive.
template <class Protocol>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Protocol>> {
 public:
  Session(Socket<Protocol> socket, std::shared_ptr<Shared> shared)
      : stream_(std::move(socket)), delay_(stream_.get_executor()), shared_(std::move(shared)) {
    shared_->live.insert(this);
    peer_ = peer_of(stream_.socket());
    // write_reply() writes synchronously first: that must never block.
    beast::error_code ec;
    stream_.socket().non_blocking(true, ec);
    write_at_once_ = !ec;
  }
  ~Session() override { shared_->live.erase(this); }

  void run() { do_read(); }

  void close() override {
    if (closed_) return;
    closed_ = true;
    delay_.cancel();
    beast::error_code ec;
    stream_.socket().shutdown(asio::socket_base::shutdown_both, ec);
    stream_.close();
  }

 private:
  using Self = Session<Protocol>;
  std::shared_ptr<Self> self() { return this->shared_from_this(); }
  const ServerSettings& settings() const { return shared_->settings; }

  void do_read() {
    if (closed_) return;
    parser_.reset();  // frees the last request's fields, so the arena can be reused
    field_arena_.reset();
    parser_.emplace(std::piecewise_construct, std::make_tuple(),
                    std::make_tuple(FieldAllocator<char>(&field_arena_)));
    parser_->body_limit(settings().max_body_bytes);
    parser_->header_limit(settings().header_limit);
    stream_.expires_after(first_ ? settings().read_timeout : settings().idle_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [s = self()](beast::error_code ec, std::size_t) { s->on_read_header(ec); });
  }

  void on_read_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    if (!first_) stream_.expires_after(settings().read_timeout);
    auto& req = parser_->get();
    fields_ = header_fields(req);
    if (fields_.expect && media_type_is(*fields_.expect, "100-continue")) {
      interim_.emplace(http::status::continue_, req.version());
      http::async_write(stream_, *interim_, [s = self()](beast::error_code wec, std::size_t) {
        if (wec) return s->on_read_error(wec);
        s->read_body();
      });
      return;
    }
    read_body();
  }

  void read_body() {
    if (closed_) return;
    beast::error_code ec;
    if (parse_buffered_body(ec)) return on_read(ec);
    http::async_read(stream_, buffer_, *parser_,
                     [s = self()](beast::error_code ec, std::size_t) { s->on_read(ec); });
  }

  // A small call usually arrives in one segment, its body read along with
  // the header. When the rest of the message (a Content-Length body) is
  // in buffer_ already, it is parsed here, without another asynchronous read
  // and the timer and posted completion that come with one. Returns false
  // to leave the rest to async_read; true with the parse's error, if any.
  bool parse_buffered_body(beast::error_code& ec) {
    auto& parser = *parser_;
    if (parser.is_done()) return true;
    const auto remaining = parser.content_length_remaining();
    if (parser.chunked() || !remaining || *remaining > buffer_.size()) return false;
    const std::size_t used = parser.put(buffer_.data(), ec);
    buffer_.consume(used);
    if (ec == http::error::need_more) {
      ec = {};
      return false;
    }
    return ec || parser.is_done();
  }

  void on_read_error(beast::error_code ec) {
    if (closed_ || ec == asio::error::operation_aborted) return;
    if (ec == http::error::end_of_stream) return shutdown_quietly();
    if (ec == http::error::body_limit) {
      return send_error(http::status::payload_too_large,
                        "request body larger than " + std::to_string(settings().max_body_bytes) +
                            " bytes");
    }
    if (ec == http::error::header_limit) {
      return send_error(http::status::request_header_fields_too_large,
                        "request header larger than " + std::to_string(settings().header_limit) +
                            " bytes");
    }
    if (ec == beast::error::timeout) {
      shared_->write_log(peer_.text + " timed out");
      return close();
    }
    if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
        ec != http::error::partial_message) {
      return send_error(http::status::bad_request, "malformed HTTP request: " + ec.message());
    }
    close();  // reset, partial message, ...: nothing useful to say
  }

  // Starts the response to the request just read, with the usual headers.
  // The header fields are reused from the last response when they can be
  // (each field set is an allocation); fields_dirty_ says they cannot.
  void begin_response(http::status status, std::string_view content_type) {
    const auto& req = parser_->get();
    if (fields_dirty_) {
      res_.clear();
      res_.set(http::field::server, kServerHeader);
      content_type_.clear();
      fields_dirty_ = false;
    }
    if (content_type_ != content_type) {
      res_.set(http::field::content_type, content_type);
      content_type_ = content_type;
    }
    res_.body().clear();
    res_.version(req.version());
    res_.result(status);
    res_.keep_alive(req.keep_alive());
  }

  void on_read(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    call_log_.clear();
    auto& req = parser_->get();
    const bool admin = is_admin_target(req.target());
    if (!shared_->host_policy.token_set) {
      const HostFacts facts{fields_.host, fields_.origin, peer_.unix_socket, peer_.local_address};
      if (std::string why = refuse_foreign_host(facts, shared_->host_policy); !why.empty()) {
        return refuse_foreign(admin, std::move(why));
      }
    }
    if (admin) return serve_admin();
    if (req.method() != http::verb::post) {
      begin_response(http::status::method_not_allowed, "text/plain");
      res_.set(http::field::allow, "POST");
      fields_dirty_ = true;
      res_.body() = "only POST is served (and the admin API under /_mock/)\n";
      return respond();
    }
    const BodyProtocol protocol = body_protocol(fields_.content_type, req.body());
    if (protocol == BodyProtocol::unsupported) {
      begin_response(http::status::unsupported_media_type, "text/plain");
      res_.body() = kUnsupportedBodyMessage;
      return respond();
    }
    call_started_ = Clock::now();
    call_time_ = std::chrono::system_clock::now();
    if (protocol == BodyProtocol::xmlrpc) {
      call_transport_ = Transport::xmlrpc;
      set_reply(handle_xmlrpc(shared_->engine, req.body()));
    } else {
      call_transport_ = jsonrpc_transport_of(req.body());
      set_reply(handle_jsonrpc(shared_->engine, req.body()));
    }
    if (settings().log_requests) call_log_ = describe_call(reply_.method, reply_.args);
    const Fault& fault = reply_.fault;
    if (fault.connection == Fault::Connection::hang) {
      log_unanswered("hang");
      journal_call(0);
      return hang();
    }
    if (fault.delay.count() > 0) {
      delay_.expires_after(fault.delay);
      delay_.async_wait([s = self()](beast::error_code wec) {
        if (wec || s->closed_) return;
        s->deliver();
      });
      return;
    }
    deliver();
  }

  // Takes the handler's reply by destroying the last one and constructing
  // in place: its json::value's move assignment (a storage check and a
  // swap) costs more, per call, than this.
  void set_reply(HandlerReply&& reply) noexcept {
    static_assert(std::is_nothrow_move_constructible_v<HandlerReply>);
    std::destroy_at(&reply_);
    std::construct_at(&reply_, std::move(reply));
  }

  // Sends the reply (after any delay), or breaks the connection as the fault says.
  void deliver() {
    const Fault& fault = reply_.fault;
    if (fault.connection == Fault::Connection::close) {
      log_unanswered("close");
      journal_call(0);
      return close();
    }
    if (fault.connection == Fault::Connection::reset) {
      log_unanswered("reset");
      journal_call(0);
      return reset();
    }
    const int status = fault.http_status.value_or(200);
    const std::string_view content_type = call_transport_ == Transport::xmlrpc ? kXmlType : kJsonType;
    if (status == 200 && plain_keep_alive()) {
      journal_call(status);
      return write_reply(content_type);
    }
    begin_response(http::status::ok, content_type);
    res_.result(static_cast<unsigned>(status));
    // 1xx, 204 and 304 responses carry no body in HTTP/1.1 (Beast refuses
    // to frame one): the status alone is the fault then.
    const bool bodiless = status < 200 || status == 204 || status == 304;
    if (!bodiless) res_.body() = std::move(reply_.body);
    journal_call(status);
    respond();
  }

  void journal_call(int status) {
    JournalEntry entry;
    entry.time = call_time_;
    entry.transport = call_transport_;
    entry.peer = peer_.text;
    entry.method = std::move(reply_.method);
    entry.status = status;
    entry.fault = reply_.fault;
    entry.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - call_started_);
    shared_->journal.record(std::move(entry), std::move(reply_.args), parser_->get().body().size());
  }

  // 403 for a request the host guard refused (host_guard.h): JSON for the
  // admin API, like its other answers; text for a plugin call.
  void refuse_foreign(bool admin, std::string why) {
    shared_->write_log(peer_.text + " 403 " + why);
    begin_response(http::status::forbidden, admin ? "application/json" : "text/plain");
    if (admin) {
      boost::json::object o;
      o["error"] = why;
      res_.body() = boost::json::serialize(o) + "\n";
    } else {
      res_.body() = std::move(why) + "\n";
    }
    respond();
  }

  void serve_admin() {
    const auto& req = parser_->get();
    AdminRequest areq;
    areq.verb = req.method_string();
    areq.target = req.target();
    if (auto auth = req.find(http::field::authorization); auth != req.end()) areq.authorization = auth->value();
    areq.body = req.body();
    areq.peer_is_local = peer_.local;
    AdminState state{shared_->engine, shared_->journal, settings().admin_token};
    AdminResponse ares = handle_admin(areq, state);
    if (req.method() == http::verb::put && ares.status == 200) {
      // PUT /_mock/config loaded a config: warn of what serve will ignore, as at start.
      for (const std::string& w : ignored_faults(shared_->engine.config(), FaultTransport::http)) {
        shared_->write_log("warning: config: " + w);
      }
    }
    begin_response(http::status::ok, ares.content_type);
    res_.result(static_cast<unsigned>(ares.status));
    if (!ares.allow.empty()) {
      res_.set(http::field::allow, ares.allow);
      fields_dirty_ = true;
    }
    if (ares.ask_for_bearer) {
      res_.set(http::field::www_authenticate, "Bearer");
      fields_dirty_ = true;
    }
    res_.body() = std::move(ares.body);
    respond();
  }

  // Whether the request is HTTP/1.1 and keeps the connection alive: its
  // 200 reply then has exactly the fields write_reply() writes.
  bool plain_keep_alive() const {
    const auto& req = parser_->get();
    // Without a Connection field HTTP/1.1 keeps alive (what keep_alive() says).
    return req.version() == 11 && (!fields_.has_connection || req.keep_alive());
  }

  // The 200 reply to a plugin call on a kept-alive HTTP/1.1 connection,
  // without a Beast response object: the header is formatted into a reused
  // buffer and written with the body in one gathered write. The bytes are
  // those Beast writes for res_ in this case (Server, Content-Type,
  // Content-Length; no Connection field). This is the path every
  // well-behaved call takes, so it allocates nothing once warm.
  void write_reply(std::string_view content_type) {
    head_.clear();
    head_ += "HTTP/1.1 200 OK\r\nServer: ";
    head_ += kServerHeader;
    head_ += "\r\nContent-Type: ";
    head_ += content_type;
    head_ += "\r\nContent-Length: ";
    char digits[24];
    const auto written = std::to_chars(digits, digits + sizeof digits, reply_.body.size());
    head_.append(digits, written.ptr);
    head_ += "\r\n\r\n";
    if (settings().log_requests) {
      const auto& req = parser_->get();
      shared_->write_log(peer_.text + " " + std::string(req.method_string()) + " " +
                         std::string(req.target()) + " 200 " + std::to_string(reply_.body.size()) +
                         " bytes " + call_log_);
    }
    if (closed_) return;
    std::array<asio::const_buffer, 2> buffers{asio::buffer(head_), asio::buffer(reply_.body)};
    // A reply usually fits the socket's send buffer: it is written at once
    // (the socket is non-blocking: this never waits), and only what does
    // not fit is left to an asynchronous write under write_timeout.
    beast::error_code ec;
    std::size_t sent = write_at_once_ ? stream_.socket().write_some(buffers, ec) : 0;
    if (ec && ec != asio::error::would_block && ec != asio::error::try_again) return close();
    if (ec) sent = 0;
    for (auto& b : buffers) {
      const std::size_t n = std::min(sent, b.size());
      b += n;
      sent -= n;
    }
    if (buffers[0].size() + buffers[1].size() == 0) {
      // The next read starts from the queue, after what is already ready:
      // at once, it would find nothing yet (the client has only now been
      // sent its reply) and cost a failed recvmsg on nearly every call.
      return asio::post(stream_.get_executor(), [s = self()] { s->reply_written(); });
    }
    stream_.expires_after(settings().write_timeout);
    asio::async_write(stream_, buffers, [s = self()](beast::error_code wec, std::size_t) {
      if (wec) return s->close();
      s->reply_written();
    });
  }

  void reply_written() {
    first_ = false;
    do_read();
  }

  // Writes res_ and carries on as it says (keep alive or close).
  void respond() {
    res_.prepare_payload();
    if (settings().log_requests) {
      const auto& req = parser_->get();
      std::string line = peer_.text + " " + std::string(req.method_string()) + " " +
                         std::string(req.target()) + " " + std::to_string(res_.result_int()) + " " +
                         std::to_string(res_.body().size()) + " bytes";
      if (!call_log_.empty()) line += " " + call_log_;
      shared_->write_log(line);
    }
    write(!res_.keep_alive());
  }

  // The --log-requests line of a call answered by no response at all.
  void log_unanswered(std::string_view what) {
    if (!settings().log_requests) return;
    const auto& req = parser_->get();
    shared_->write_log(peer_.text + " " + std::string(req.method_string()) + " " +
                       std::string(req.target()) + " " + std::string(what) + " " + call_log_);
  }

  void send_error(http::status status, std::string message) {
    shared_->write_log(peer_.text + " " + std::to_string(static_cast<unsigned>(status)) + " " + message);
    fields_dirty_ = true;
    res_.clear();
    res_.version(11);
    res_.result(status);
    res_.set(http::field::server, kServerHeader);
    res_.set(http::field::content_type, "text/plain");
    res_.keep_alive(false);
    res_.body() = std::move(message) + "\n";
    res_.prepare_payload();
    write(true);
  }

  void write(bool close_after) {
    if (closed_) return;
    stream_.expires_after(settings().write_timeout);
    http::async_write(stream_, res_, [s = self(), close_after](beast::error_code ec, std::size_t) {
      if (ec) return s->close();
      if (close_after) return s->linger_close();
      s->first_ = false;
      s->do_read();
    });
  }

  // Never answers: reads and discards whatever the client still sends, with
  // no deadline, until it goes away or the server stops.
  void hang() {
    if (closed_) return;
    stream_.expires_never();
    stream_.async_read_some(asio::buffer(shared_->discard_buffer), [s = self()](beast::error_code ec, std::size_t) {
      if (ec) return s->close();
      s->hang();
    });
  }

  // Aborts the connection: with SO_LINGER 0 the close sends a TCP RST.
  void reset() {
    if (closed_) return;
    closed_ = true;
    delay_.cancel();
    beast::error_code ec;
    stream_.socket().set_option(asio::socket_base::linger(true, 0), ec);
    stream_.close();
  }

  void shutdown_quietly() {
    beast::error_code ec;
    stream_.socket().shutdown(asio::socket_base::shutdown_send, ec);
    close();
  }

  // Half-closes, then drains what the client still sends for close_linger,
  // so it reads our response instead of a connection reset.
  void linger_close() {
    if (closed_) return;
    beast::error_code ec;
    stream_.socket().shutdown(asio::socket_base::shutdown_send, ec);
    stream_.expires_after(settings().close_linger);
    drain();
  }

  void drain() {
    if (closed_) return;
    stream_.async_read_some(asio::buffer(shared_->discard_buffer), [s = self()](beast::error_code ec, std::size_t) {
      if (ec) return s->close();
      s->drain();
    });
  }

  beast::basic_stream<Protocol, Executor> stream_;
  Timer delay_;
  beast::flat_buffer buffer_;
  FieldArena field_arena_;  // parser_'s fields; declared first, destroyed last
  std::optional<http::request_parser<http::string_body, FieldAllocator<char>>> parser_;
  HeaderFields fields_;  // of parser_'s request, once its header is read
  std::optional<http::response<http::empty_body>> interim_;
  http::response<http::string_body> res_;
  std::string head_;           // write_reply()'s header, reused
  bool write_at_once_ = false; // the socket is non-blocking: write_reply() may write directly
  bool fields_dirty_ = true;   // res_'s fields must be built afresh
  std::string content_type_;   // res_'s Content-Type while !fields_dirty_
  std::shared_ptr<Shared> shared_;
  Peer peer_;
  // The plugin call being answered.
  HandlerReply reply_;
  std::string call_log_;  // with log_requests: describe_call() of it, for the log line
  Transport call_transport_ = Transport::jsonrpc;
  Clock::time_point call_started_;
  std::chrono::system_clock::time_point call_time_;
  bool first_ = true;
  bool closed_ = false;
};

// Accepts connections of one Protocol and starts a Session for each, within
// max_connections (shared with the other listener).
template <class Protocol>
class Listener : public std::enable_shared_from_this<Listener<Protocol>> {
 public:
  Listener(asio::io_context& ioc, std::shared_ptr<Shared> shared)
      : acceptor_(ioc), backoff_(ioc), shared_(std::move(shared)) {}

  Acceptor<Protocol>& acceptor() { return acceptor_; }

  void start() { do_accept(); }

  void stop() {
    stopped_ = true;
    boost::system::error_code ec;
    acceptor_.close(ec);
    backoff_.cancel();
  }

 private:
  void do_accept() {
    acceptor_.async_accept([self = this->shared_from_this()](boost::system::error_code ec,
                                                              Socket<Protocol> socket) {
      self->on_accept(ec, std::move(socket));
    });
  }

  void on_accept(boost::system::error_code ec, Socket<Protocol> socket) {
    if (stopped_ || ec == asio::error::operation_aborted) return;
    if (ec) {
      // Never stop serving on a transient error (EMFILE, ECONNABORTED...).
      shared_->write_log("accept failed: " + ec.message() + "; retrying");
      backoff_.expires_after(shared_->settings.accept_backoff);
      backoff_.async_wait([self = this->shared_from_this()](boost::system::error_code wec) {
        if (!wec && !self->stopped_) self->do_accept();
      });
      return;
    }
    if (shared_->live.size() >= shared_->settings.max_connections) {
      shared_->write_log("refused a connection: already serving " +
                         std::to_string(shared_->live.size()) + " (max_connections)");
      boost::system::error_code ignored;
      socket.close(ignored);
    } else {
      std::make_shared<Session<Protocol>>(std::move(socket), shared_)->run();
    }
    do_accept();
  }

  Acceptor<Protocol> acceptor_;
  Timer backoff_;
  std::shared_ptr<Shared> shared_;
  bool stopped_ = false;
};

// Whether a path names a Unix socket (not following a symlink).
bool is_socket_file(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode);
}

bool path_exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

}  // namespace

std::variant<ListenAddress, std::string> parse_listen_address(std::string_view text) {
  auto fail = [&](std::string_view why) {
    return "listen address \"" + std::string(text) + "\": " + std::string(why);
  };
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    std::size_t close = text.find("]:");
    if (close == std::string_view::npos) return fail("expected [IPV6]:PORT");
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return fail("expected ADDR:PORT");
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.find(':') != std::string_view::npos) return fail("write an IPv6 address as [ADDR]:PORT");
  }
  if (host.empty()) return fail("the address is empty");
  if (port.empty() || port.size() > 5) return fail("the port must be a number from 0 to 65535");
  unsigned value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return fail("the port must be a number from 0 to 65535");
    value = value * 10 + unsigned(c - '0');
  }
  if (value > 65535) return fail("the port must be a number from 0 to 65535");
  ListenAddress out;
  out.host = host == "localhost" ? std::string("127.0.0.1") : std::string(host);
  out.port = static_cast<std::uint16_t>(value);
  boost::system::error_code ec;
  asio::ip::make_address(out.host, ec);
  if (ec) return fail("\"" + std::string(host) + "\" is not an IP address");
  return out;
}

OpenFileLimit raise_open_file_limit() {
  OpenFileLimit out;
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) {
    out.error = std::string("getrlimit(RLIMIT_NOFILE): ") + std::strerror(errno);
    return out;
  }
  if (lim.rlim_cur < lim.rlim_max) {
    rlimit raised = lim;
    raised.rlim_cur = lim.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) {
      lim = raised;
    } else {
      out.error = std::string("setrlimit(RLIMIT_NOFILE): ") + std::strerror(errno);
    }
  }
  out.soft = static_cast<std::uint64_t>(lim.rlim_cur);
  out.hard = static_cast<std::uint64_t>(lim.rlim_max);
  return out;
}

struct MockServer::Impl : std::enable_shared_from_this<MockServer::Impl> {
  Impl(asio::io_context* external, MockConfig config, ServerSettings settings, std::string listen)
      : listen_(std::move(listen)) {
    if (external == nullptr) {
      own_ioc_.emplace(1);
      ioc_ = &*own_ioc_;
    } else {
      ioc_ = external;
    }
    shared_ = std::make_shared<Shared>(settings);
    shared_->engine.replace(std::move(config));
  }

  std::string start() {
    if (listen_.empty() && shared_->settings.unix_socket_path.empty()) {
      throw std::runtime_error("nothing to listen on: give a TCP address or a Unix socket path");
    }
    std::string first_bound;
    try {
      if (!listen_.empty()) {
        first_bound = start_tcp();
      }
      if (!shared_->settings.unix_socket_path.empty()) {
        std::string unix_bound = start_unix();
        if (first_bound.empty()) first_bound = unix_bound;
      }
    } catch (...) {
      close_listeners();
      throw;
    }
    started_ = true;
    if (tcp_) tcp_->start();
    if (unix_) unix_->start();
    if (own_ioc_) {
      thread_ = std::thread([self = shared_from_this()] { self->run_owned(); });
    }
    return first_bound;
  }

  std::string start_tcp() {
    auto parsed = parse_listen_address(listen_);
    if (auto* error = std::get_if<std::string>(&parsed)) throw std::runtime_error(*error);
    const auto& addr = std::get<ListenAddress>(parsed);
    tcp::endpoint ep(asio::ip::make_address(addr.host), addr.port);
    auto check = [&](const boost::system::error_code& ec, const char* what) {
      if (ec) throw std::runtime_error("listen " + listen_ + ": " + what + ": " + ec.message());
    };
    tcp_ = std::make_shared<Listener<tcp>>(*ioc_, shared_);
    auto& acceptor = tcp_->acceptor();
    boost::system::error_code ec;
    acceptor.open(ep.protocol(), ec);
    check(ec, "open");
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    check(ec, "set_option");
    acceptor.bind(ep, ec);
    check(ec, "bind");
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
    check(ec, "listen");
    tcp::endpoint bound = acceptor.local_endpoint(ec);
    check(ec, "local_endpoint");
    port_ = bound.port();
    std::string text = endpoint_text(bound);
    shared_->write_log("listening on " + text);
    return text;
  }

  std::string start_unix() {
    const std::string& path = shared_->settings.unix_socket_path;
    auto fail = [&](const std::string& why) {
      throw std::runtime_error("listen unix:" + path + ": " + why);
    };
    if (path.size() >= sizeof(sockaddr_un{}.sun_path)) {
      fail("the path is longer than " + std::to_string(sizeof(sockaddr_un{}.sun_path) - 1) + " bytes");
    }
    if (is_socket_file(path)) {
      if (::unlink(path.c_str()) != 0) fail(std::string("cannot remove the stale socket: ") + std::strerror(errno));
      shared_->write_log("removed the stale socket " + path);
    } else if (path_exists(path)) {
      fail("the path exists and is not a socket");
    }
    unix_ = std::make_shared<Listener<unix_socket>>(*ioc_, shared_);
    auto& acceptor = unix_->acceptor();
    boost::system::error_code ec;
    unix_socket::endpoint ep(path);
    acceptor.open(ep.protocol(), ec);
    if (ec) fail("open: " + ec.message());
    acceptor.bind(ep, ec);
    if (ec) fail("bind: " + ec.message());
    unix_bound_ = true;
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) fail("listen: " + ec.message());
    std::string text = "unix:" + path;
    shared_->write_log("listening on " + text);
    return text;
  }

  void close_listeners() {
    if (tcp_) tcp_->stop();
    if (unix_) unix_->stop();
    if (unix_bound_) {
      unix_bound_ = false;
      if (is_socket_file(shared_->settings.unix_socket_path)) {
        ::unlink(shared_->settings.unix_socket_path.c_str());
      }
    }
  }

  void run_owned() {
    for (;;) {
      try {
        own_ioc_->run();
        return;
      } catch (const std::exception& e) {
        shared_->write_log(std::string("handler failed: ") + e.what());
      }
    }
  }

  // Runs fn on the io thread: at once when not serving yet or already there;
  // else posted, and with an owned thread this waits until it has run.
  template <class Fn>
  void run_on_io(Fn fn) {
    const bool running = started_ && !stop_requested_.load();
    if (!running || ioc_->get_executor().running_in_this_thread()) {
      fn(*shared_);
      return;
    }
    if (!own_ioc_) {
      asio::post(*ioc_, [shared = shared_, fn = std::move(fn)]() mutable { fn(*shared); });
      return;
    }
    std::promise<void> done;
    std::future<void> placed = done.get_future();
    asio::post(*ioc_, [shared = shared_, fn = std::move(fn), &done]() mutable {
      fn(*shared);
      done.set_value();
    });
    placed.wait();
  }

  // On the io thread.
  void do_stop() {
    if (stopped_) return;
    stopped_ = true;
    close_listeners();
    // close() destroys nothing synchronously, but copy to be safe.
    std::vector<SessionBase*> sessions(shared_->live.begin(), shared_->live.end());
    for (SessionBase* s : sessions) s->close();
    shared_->write_log("stopped");
  }

  void stop() {
    if (stop_requested_.exchange(true)) {
      if (thread_.joinable() && std::this_thread::get_id() != thread_.get_id()) thread_.join();
      return;
    }
    if (ioc_->get_executor().running_in_this_thread()) {
      do_stop();
    } else {
      asio::post(*ioc_, [self = shared_from_this()] { self->do_stop(); });
    }
    if (thread_.joinable() && std::this_thread::get_id() != thread_.get_id()) thread_.join();
  }

  std::string listen_;
  std::optional<asio::io_context> own_ioc_;
  asio::io_context* ioc_ = nullptr;
  std::shared_ptr<Listener<tcp>> tcp_;
  std::shared_ptr<Listener<unix_socket>> unix_;
  std::shared_ptr<Shared> shared_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  bool unix_bound_ = false;  // the socket file is ours to remove
  bool started_ = false;
  bool stopped_ = false;
  std::atomic<bool> stop_requested_{false};
};

MockServer::MockServer(MockConfig config, ServerSettings settings, std::string listen)
    : impl_(std::make_shared<Impl>(nullptr, std::move(config), std::move(settings), std::move(listen))) {}

MockServer::MockServer(boost::asio::io_context& ioc, MockConfig config, ServerSettings settings,
                       std::string listen)
    : impl_(std::make_shared<Impl>(&ioc, std::move(config), std::move(settings), std::move(listen))) {}

MockServer::~MockServer() {
  if (impl_->started_) impl_->stop();
}

void MockServer::set_log(ServerLog log) { impl_->shared_->log = std::move(log); }

void MockServer::set_answer_hook(AnswerHook hook) {
  impl_->run_on_io([hook = std::move(hook)](Shared& shared) mutable {
    shared.engine.set_answer_hook(std::move(hook));
  });
}

void MockServer::replace_config(MockConfig config) {
  impl_->run_on_io([config = std::move(config)](Shared& shared) mutable {
    shared.engine.replace(std::move(config));
  });
}

std::string MockServer::start() { return impl_->start(); }

std::uint16_t MockServer::port() const { return impl_->port_; }

void MockServer::stop() {
  if (impl_->started_) impl_->stop();
}

}  // namespace smapi::mock
