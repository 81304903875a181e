#include "mock_plugin/embedded.h"

#include "mock_plugin/detail/hook_slot.h"
#include "mock_plugin/plugin_dir.h"
#include "mock_plugin/storage/storage.h"

#include <cstdlib>
#include <stdexcept>
#include <system_error>
#include <utility>

// Where `cmake --install` puts smapi-mock; set by the build.
#ifndef SMAPI_MOCK_INSTALLED_BINARY
#define SMAPI_MOCK_INSTALLED_BINARY ""
#endif

namespace smapi::mock {

namespace fs = std::filesystem;

EmbeddedMock::EmbeddedMock() : EmbeddedMock(EmbeddedMockOptions{}) {}

EmbeddedMock::EmbeddedMock(MockConfig config)
    : EmbeddedMock(EmbeddedMockOptions{.config = std::move(config)}) {}

EmbeddedMock::EmbeddedMock(EmbeddedMockOptions options)
    : options_(std::move(options)), hook_(std::make_shared<detail::HookSlot>()) {
  start();
}

std::unique_ptr<EmbeddedMock> EmbeddedMock::from_json(std::string_view config_text) {
  ConfigLoad load = parse_config(config_text);
  if (!load.config) throw std::invalid_argument(load.error);
  return std::make_unique<EmbeddedMock>(std::move(*load.config));
}

EmbeddedMock::~EmbeddedMock() { stop(); }

void EmbeddedMock::start() {
  // After the first start, listen where we were, so url() stays the same.
  const std::string listen = address_.empty() ? options_.listen : address_;
  auto server = std::make_unique<MockServer>(options_.config, options_.settings, listen);
  server->set_call_hook([slot = hook_](std::string_view wire_name, const boost::json::value& args) {
    return slot->call(wire_name, args);
  });
  address_ = server->start();
  port_ = server->port();
  server_ = std::move(server);
}

std::string EmbeddedMock::url() const { return "http://" + address_ + "/"; }

std::string EmbeddedMock::address() const { return address_; }

std::uint16_t EmbeddedMock::port() const { return port_; }

bool EmbeddedMock::running() const { return server_ != nullptr; }

boost::json::value EmbeddedMock::state_json() const {
  if (!server_) return storage::Storage().to_json();
  return server_->state_json();
}

void EmbeddedMock::load_state(const boost::json::value& state) {
  if (!server_) throw std::logic_error("EmbeddedMock::load_state: the mock is stopped");
  server_->load_state(state);
}

void EmbeddedMock::stop() {
  if (!server_) return;
  server_->stop();  // joins the server thread
  server_.reset();
}

void EmbeddedMock::restart() {
  if (server_) return;
  start();
}

void EmbeddedMock::set_answer_hook(AnswerHook hook) { hook_->set(plugin_call_hook(std::move(hook))); }

void EmbeddedMock::set_call_hook(CallHook hook) { hook_->set(std::move(hook)); }

fs::path EmbeddedMock::mock_binary() const {
  if (!options_.mock_binary.empty()) return options_.mock_binary;
  if (const char* env = std::getenv(kMockBinaryEnv.data()); env != nullptr && *env != '\0') {
    return env;
  }
  const fs::path installed = SMAPI_MOCK_INSTALLED_BINARY;
  std::error_code ec;
  if (!installed.empty() && fs::exists(installed, ec)) return installed;
  return {};
}

fs::path EmbeddedMock::make_plugin_dir(const fs::path& dir) const {
  fs::path binary = mock_binary();
  if (binary.empty()) {
    throw std::runtime_error(
        "plugin-dir: no smapi-mock binary to link to: set EmbeddedMockOptions::mock_binary or $" +
        std::string(kMockBinaryEnv));
  }
  std::error_code ec;
  binary = fs::absolute(binary, ec);
  if (ec || !fs::exists(binary, ec)) {
    throw std::runtime_error("plugin-dir: the smapi-mock binary " + binary.string() +
                             " does not exist");
  }
  fs::path outdir = fs::absolute(dir, ec);
  if (ec) outdir = dir;
  outdir = outdir.lexically_normal();
  if (std::string error = smapi::mock::make_plugin_dir(outdir, options_.config, binary);
      !error.empty()) {
    throw std::runtime_error(error);
  }
  return outdir;
}

}  // namespace smapi::mock
