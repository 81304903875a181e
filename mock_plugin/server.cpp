#include "mock_plugin/server.h"

#include "mock_plugin/detail/server_shared.h"
#include "mock_plugin/detail/session.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <future>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

// The listeners and the server's life (start, stop, reconfigure). A
// connection's I/O is detail/session.h; what a request is answered with,
// detail/server_routing.h.
namespace smapi::mock {
namespace {

using namespace detail;  // the server's private pieces (detail/server_shared.h)

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

  // Runs fn on the io thread and returns what it returns (or throws what it
  // throws): at once when not serving or already there, else posted and
  // waited for.
  template <class Fn>
  auto call_on_io(Fn fn) -> decltype(fn(std::declval<Shared&>())) {
    const bool running = started_ && !stop_requested_.load();
    if (!running || ioc_->get_executor().running_in_this_thread()) return fn(*shared_);
    std::packaged_task<decltype(fn(std::declval<Shared&>()))()> task(
        [shared = shared_, fn = std::move(fn)]() mutable { return fn(*shared); });
    auto result = task.get_future();
    asio::post(*ioc_, [&task] { task(); });
    return result.get();
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

void MockServer::set_call_hook(CallHook hook) {
  impl_->run_on_io([hook = std::move(hook)](Shared& shared) mutable {
    shared.engine.set_call_hook(std::move(hook));
  });
}

void MockServer::replace_config(MockConfig config) {
  impl_->run_on_io([config = std::move(config)](Shared& shared) mutable {
    shared.engine.replace(std::move(config));
  });
}

boost::json::value MockServer::state_json() {
  return impl_->call_on_io([](Shared& shared) { return shared.storage.to_json(); });
}

void MockServer::load_state(const boost::json::value& state) {
  impl_->call_on_io([&state](Shared& shared) { shared.storage.load(state); });
}

std::string MockServer::start() { return impl_->start(); }

std::uint16_t MockServer::port() const { return impl_->port_; }

void MockServer::stop() {
  if (impl_->started_) impl_->stop();
}

}  // namespace smapi::mock
