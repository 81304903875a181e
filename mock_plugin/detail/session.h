#pragma once
// One client connection of smapi-mock's HTTP server over a stream of
// Protocol (TCP or a Unix socket): read a request, answer it, repeat while
// kept alive. What a request is answered with is decided in
// server_routing.h; this file is the connection's I/O: timeouts, limits,
// faults on the wire (delay, hang, close, reset) and the reply's bytes.
// Private to the server; included by server.cpp only (built without Beast's
// asserts, see mock_plugin/CMakeLists.txt).

#include "mock_plugin/admin.h"
#include "mock_plugin/body_protocol.h"
#include "mock_plugin/call_log.h"
#include "mock_plugin/detail/server_routing.h"
#include "mock_plugin/detail/server_shared.h"
#include "mock_plugin/handler_reply.h"
#include "mock_plugin/host_guard.h"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace smapi::mock::detail {

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
    if (parse_buffered_body(*parser_, buffer_, ec)) return on_read(ec);
    http::async_read(stream_, buffer_, *parser_,
                     [s = self()](beast::error_code ec, std::size_t) { s->on_read(ec); });
  }

  void on_read_error(beast::error_code ec) {
    if (closed_ || ec == asio::error::operation_aborted) return;
    if (ec == http::error::end_of_stream) return shutdown_quietly();
    if (ec == beast::error::timeout) {
      shared_->write_log(peer_.text + " timed out");
      return close();
    }
    if (auto failure = read_failure_reply(ec, settings())) {
      return send_error(failure->status, std::move(failure->message));
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
    call_transport_ = transport_of(protocol, req.body());
    set_reply(answer_call(*shared_, call_transport_, req.body()));
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
    const CallFacts facts{call_time_, call_started_, call_transport_, peer_.text};
    record_call(*shared_, facts, reply_, status, parser_->get().body().size());
  }

  // 403 for a request the host guard refused (host_guard.h).
  void refuse_foreign(bool admin, std::string why) {
    shared_->write_log(peer_.text + " 403 " + why);
    begin_response(http::status::forbidden, admin ? "application/json" : "text/plain");
    res_.body() = refusal_body(admin, std::move(why));
    respond();
  }

  void serve_admin() {
    AdminResponse ares = answer_admin(*shared_, parser_->get(), peer_);
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
    format_ok_head(head_, content_type, reply_.body.size());
    if (settings().log_requests) {
      shared_->write_log(request_log_line(peer_, parser_->get(), 200, reply_.body.size(), call_log_));
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
      shared_->write_log(
          request_log_line(peer_, parser_->get(), res_.result_int(), res_.body().size(), call_log_));
    }
    write(!res_.keep_alive());
  }

  // The --log-requests line of a call answered by no response at all.
  void log_unanswered(std::string_view what) {
    if (!settings().log_requests) return;
    shared_->write_log(unanswered_log_line(peer_, parser_->get(), what, call_log_));
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
  std::optional<RequestParser> parser_;
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

}  // namespace smapi::mock::detail
