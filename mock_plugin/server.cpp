#include "mock_plugin/server.h"

#include "mock_plugin/handler.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <future>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace smapi::mock {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::string_view kServerHeader = "smapi-mock";
constexpr std::string_view kJsonType = "application/json";

class Session;

// State every session shares with the server. Touched only on the io thread.
struct Shared {
  Engine engine{default_config()};
  ServerSettings settings;
  ServerLog log;
  std::set<Session*> live;  // open sessions, so stop() can close them

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

// "application/json; charset=utf-8" -> "application/json"
std::string media_type(std::string_view value) {
  std::size_t semi = value.find(';');
  if (semi != std::string_view::npos) value = value.substr(0, semi);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  std::string out(value);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  return out;
}

// One client connection: read a request, answer it, repeat while kept alive.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<Shared> shared)
      : stream_(std::move(socket)), shared_(std::move(shared)) {
    shared_->live.insert(this);
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    peer_ = ec ? std::string("?") : endpoint_text(ep);
  }
  ~Session() { shared_->live.erase(this); }

  void run() { do_read(); }

  // Closes the connection now; pending operations finish as aborted.
  void close() {
    closed_ = true;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

 private:
  const ServerSettings& settings() const { return shared_->settings; }

  void do_read() {
    if (closed_) return;
    parser_.emplace();
    parser_->body_limit(settings().max_body_bytes);
    parser_->header_limit(settings().header_limit);
    stream_.expires_after(first_ ? settings().read_timeout : settings().idle_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              self->on_read_header(ec);
                            });
  }

  void on_read_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    if (!first_) stream_.expires_after(settings().read_timeout);
    auto& req = parser_->get();
    auto expect = req.find(http::field::expect);
    if (expect != req.end() && media_type(expect->value()) == "100-continue") {
      interim_.emplace(http::status::continue_, req.version());
      http::async_write(stream_, *interim_,
                        [self = shared_from_this()](beast::error_code wec, std::size_t) {
                          if (wec) return self->on_read_error(wec);
                          self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    if (closed_) return;
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       self->on_read(ec);
                     });
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
      shared_->write_log(peer_ + " timed out");
      return close();
    }
    if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
        ec != http::error::partial_message) {
      return send_error(http::status::bad_request, "malformed HTTP request: " + ec.message());
    }
    close();  // reset, partial message, ...: nothing useful to say
  }

  void on_read(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    const auto& req = parser_->get();
    auto res = std::make_shared<http::response<http::string_body>>();
    res->version(req.version());
    res->set(http::field::server, kServerHeader);
    res->keep_alive(req.keep_alive());
    if (req.method() != http::verb::post) {
      res->result(http::status::method_not_allowed);
      res->set(http::field::allow, "POST");
      res->set(http::field::content_type, "text/plain");
      res->body() = "only POST is served\n";
    } else if (auto ct = req.find(http::field::content_type);
               ct != req.end() && media_type(ct->value()) != kJsonType) {
      res->result(http::status::unsupported_media_type);
      res->set(http::field::content_type, "text/plain");
      res->body() = "Content-Type must be application/json\n";
    } else {
      res->result(http::status::ok);
      res->set(http::field::content_type, kJsonType);
      res->body() = handle_jsonrpc(shared_->engine, req.body()).body;
    }
    res->prepare_payload();
    shared_->write_log(peer_ + " " + std::string(req.method_string()) + " " +
                       std::string(req.target()) + " " + std::to_string(res->result_int()) + " " +
                       std::to_string(res->body().size()) + " bytes");
    const bool close_after = !res->keep_alive();
    write(std::move(res), close_after);
  }

  void send_error(http::status status, std::string message) {
    shared_->write_log(peer_ + " " + std::to_string(static_cast<unsigned>(status)) + " " + message);
    auto res = std::make_shared<http::response<http::string_body>>(status, 11);
    res->set(http::field::server, kServerHeader);
    res->set(http::field::content_type, "text/plain");
    res->keep_alive(false);
    res->body() = std::move(message) + "\n";
    res->prepare_payload();
    write(std::move(res), true);
  }

  void write(std::shared_ptr<http::response<http::string_body>> res, bool close_after) {
    if (closed_) return;
    stream_.expires_after(settings().write_timeout);
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res, close_after](beast::error_code ec,
                                                                    std::size_t) {
                        if (ec) return self->close();
                        if (close_after) return self->linger_close();
                        self->first_ = false;
                        self->do_read();
                      });
  }

  void shutdown_quietly() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    close();
  }

  // Half-closes, then drains what the client still sends for close_linger,
  // so it reads our response instead of a connection reset.
  void linger_close() {
    if (closed_) return;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(settings().close_linger);
    drain();
  }

  void drain() {
    if (closed_) return;
    stream_.async_read_some(asio::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->drain();
                            });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::empty_body>> interim_;
  std::array<char, 4096> drain_buffer_{};
  std::shared_ptr<Shared> shared_;
  std::string peer_;
  bool first_ = true;
  bool closed_ = false;
};

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

struct MockServer::Impl : std::enable_shared_from_this<MockServer::Impl> {
  Impl(asio::io_context* external, MockConfig config, ServerSettings settings, std::string listen)
      : listen_(std::move(listen)) {
    if (external == nullptr) {
      own_ioc_.emplace(1);
      ioc_ = &*own_ioc_;
    } else {
      ioc_ = external;
    }
    acceptor_.emplace(*ioc_);
    backoff_.emplace(*ioc_);
    shared_ = std::make_shared<Shared>();
    shared_->engine.replace(std::move(config));
    shared_->settings = settings;
  }

  std::string start() {
    auto parsed = parse_listen_address(listen_);
    if (auto* error = std::get_if<std::string>(&parsed)) throw std::runtime_error(*error);
    const auto& addr = std::get<ListenAddress>(parsed);
    tcp::endpoint ep(asio::ip::make_address(addr.host), addr.port);
    auto check = [&](const boost::system::error_code& ec, const char* what) {
      if (ec) throw std::runtime_error("listen " + listen_ + ": " + what + ": " + ec.message());
    };
    boost::system::error_code ec;
    acceptor_->open(ep.protocol(), ec);
    check(ec, "open");
    acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
    check(ec, "set_option");
    acceptor_->bind(ep, ec);
    check(ec, "bind");
    acceptor_->listen(asio::socket_base::max_listen_connections, ec);
    check(ec, "listen");
    tcp::endpoint bound = acceptor_->local_endpoint(ec);
    check(ec, "local_endpoint");
    port_ = bound.port();
    bound_ = endpoint_text(bound);
    shared_->write_log("listening on " + bound_);
    do_accept();
    if (own_ioc_) {
      thread_ = std::thread([self = shared_from_this()] { self->run_owned(); });
    }
    return bound_;
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

  void do_accept() {
    acceptor_->async_accept([self = shared_from_this()](boost::system::error_code ec,
                                                         tcp::socket socket) {
      self->on_accept(ec, std::move(socket));
    });
  }

  void on_accept(boost::system::error_code ec, tcp::socket socket) {
    if (stopped_ || ec == asio::error::operation_aborted) return;
    if (ec) {
      // Never stop serving on a transient error (EMFILE, ECONNABORTED...).
      shared_->write_log("accept failed: " + ec.message() + "; retrying");
      backoff_->expires_after(shared_->settings.accept_backoff);
      backoff_->async_wait([self = shared_from_this()](boost::system::error_code wec) {
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
      std::make_shared<Session>(std::move(socket), shared_)->run();
    }
    do_accept();
  }

  void set_answer_hook(AnswerHook hook) {
    const bool running = port_ != 0 && !stop_requested_.load();
    if (!running || ioc_->get_executor().running_in_this_thread()) {
      shared_->engine.set_answer_hook(std::move(hook));
      return;
    }
    if (!own_ioc_) {
      asio::post(*ioc_, [shared = shared_, hook = std::move(hook)]() mutable {
        shared->engine.set_answer_hook(std::move(hook));
      });
      return;
    }
    std::promise<void> done;
    std::future<void> placed = done.get_future();
    asio::post(*ioc_, [shared = shared_, hook = std::move(hook), &done]() mutable {
      shared->engine.set_answer_hook(std::move(hook));
      done.set_value();
    });
    placed.wait();
  }

  // On the io thread.
  void do_stop() {
    if (stopped_) return;
    stopped_ = true;
    boost::system::error_code ec;
    acceptor_->close(ec);
    backoff_->cancel();
    // close() may destroy nothing synchronously, but copy to be safe.
    std::vector<Session*> sessions(shared_->live.begin(), shared_->live.end());
    for (Session* s : sessions) s->close();
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
  std::optional<tcp::acceptor> acceptor_;
  std::optional<asio::steady_timer> backoff_;
  std::shared_ptr<Shared> shared_;
  std::thread thread_;
  std::string bound_;
  std::uint16_t port_ = 0;
  bool stopped_ = false;
  std::atomic<bool> stop_requested_{false};
};

MockServer::MockServer(MockConfig config, ServerSettings settings, std::string listen)
    : impl_(std::make_shared<Impl>(nullptr, std::move(config), settings, std::move(listen))) {}

MockServer::MockServer(boost::asio::io_context& ioc, MockConfig config, ServerSettings settings,
                       std::string listen)
    : impl_(std::make_shared<Impl>(&ioc, std::move(config), settings, std::move(listen))) {}

MockServer::~MockServer() {
  if (impl_->port_ != 0) impl_->stop();
}

void MockServer::set_log(ServerLog log) { impl_->shared_->log = std::move(log); }

void MockServer::set_answer_hook(AnswerHook hook) { impl_->set_answer_hook(std::move(hook)); }

std::string MockServer::start() { return impl_->start(); }

std::uint16_t MockServer::port() const { return impl_->port_; }

void MockServer::stop() {
  if (impl_->port_ != 0) impl_->stop();
}

}  // namespace smapi::mock
