#pragma once
// smapi-mock inside your own process, for the tests of code that talks to a
// storage plugin (xapi, tools around it). An EmbeddedMock is a reference
// plugin served over HTTP JSON-RPC on an ephemeral loopback port, started by
// the constructor and stopped by the destructor:
//
//   smapi::mock::EmbeddedMock mock;                 // a conformant volume plugin
//   my_client.connect(mock.url());                  // "http://127.0.0.1:PORT/"
//
//   auto mock = smapi::mock::EmbeddedMock::from_json(
//       R"({"methods": {"Plugin.ls": {"unimplemented": true}}})");
//
// The same config can be laid out as an executable plugin directory
// (make_plugin_dir), for code that runs plugins the way xapi-storage-script
// does. Those scripts are links to the smapi-mock binary, found as
// EmbeddedMockOptions::mock_binary says.
//
// To script answers call by call from a test, attach a GoogleMock
// MockPlugin (gmock_plugin.h), or install a CallHook (any method) or an
// AnswerHook (Plugin methods) directly.

#include "mock_plugin/config.h"
#include "mock_plugin/engine.h"
#include "mock_plugin/server.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace smapi::mock {

namespace detail {
class HookSlot;
}

// The environment variable naming the smapi-mock binary that plugin
// directories link to, when EmbeddedMockOptions::mock_binary is empty.
inline constexpr std::string_view kMockBinaryEnv = "SMAPI_MOCK_BINARY";

// The loopback address an EmbeddedMock listens on by default: any free port.
inline constexpr std::string_view kEmbeddedListen = "127.0.0.1:0";

// How an EmbeddedMock is set up.
struct EmbeddedMockOptions {
  // What the mock answers; a conformant volume plugin by default.
  MockConfig config = default_config();
  // Limits and timeouts of the HTTP server.
  ServerSettings settings;
  // Where to listen, as smapi-mock serve --listen takes it. Port 0 picks a
  // free port; restart() then reuses the port it got, so url() holds.
  std::string listen = std::string(kEmbeddedListen);
  // The smapi-mock executable that make_plugin_dir links to. When empty:
  // $SMAPI_MOCK_BINARY, else the smapi-mock installed with this library
  // (<prefix>/bin/smapi-mock) if it exists.
  std::filesystem::path mock_binary;
};

// One in-process mock plugin; see the top of this file. Not copyable or
// movable (the server thread refers to it). Its methods are meant for the
// test's thread; the answers are given on the server's own thread.
class EmbeddedMock {
 public:
  // A conformant volume plugin.
  EmbeddedMock();
  // Answers as the config says.
  explicit EmbeddedMock(MockConfig config);
  explicit EmbeddedMock(EmbeddedMockOptions options);
  // Answers as the config text says (the smapi-mock config file format,
  // config.h). Throws std::invalid_argument with parse_config's one-line
  // error when the text is not a valid config.
  static std::unique_ptr<EmbeddedMock> from_json(std::string_view config_text);

  // Stops the server; calls in flight are cut off.
  ~EmbeddedMock();
  EmbeddedMock(const EmbeddedMock&) = delete;
  EmbeddedMock& operator=(const EmbeddedMock&) = delete;

  // The JSON-RPC endpoint, "http://127.0.0.1:PORT/". Valid while running.
  std::string url() const;
  // The bound "ADDR:PORT".
  std::string address() const;
  std::uint16_t port() const;
  bool running() const;
  const MockConfig& config() const { return options_.config; }

  // Stops the server: no more connections or answers. When stop() returns
  // the server thread is finished, so no answer hook is running or will run.
  // Idempotent.
  void stop();
  // Starts again after stop(), on the same port, with counters and
  // sequences reset and an empty storage. Throws std::runtime_error if the port is taken.
  // Does nothing while running.
  void restart();

  // The in-memory storage's SRs, volumes, datapaths and tasks, for a test's
  // assertions, as GET /_mock/state gives them; an empty state when stopped
  // (restart() starts with an empty storage, as a restarted plugin would).
  // Safe from the test's thread: it is read on the server's.
  boost::json::value state_json() const;
  // Seeds the storage, as PUT /_mock/state does; throws
  // std::invalid_argument naming the JSON path of what is wrong, and
  // std::logic_error when stopped.
  void load_state(const boost::json::value& state);

  // Lets the caller answer calls (see engine.h): the hook runs on the server
  // thread after the arguments were accepted, and nullopt falls back to the
  // config. Safe to call at any time, from any thread; an empty hook removes
  // it. While a hook call is in progress, replacing the hook waits for it.
  void set_answer_hook(AnswerHook hook);
  // The same for every method the mock serves, by wire name ("SR.attach",
  // "Volume.create", ...; engine.h CallHook): nullopt leaves a storage call
  // to the rules and the in-memory storage. Replaces set_answer_hook's hook.
  void set_call_hook(CallHook hook);

  // Creates or refreshes an executable plugin directory at `dir` (see
  // plugin_dir.h) answering from this mock's config, and returns its
  // absolute path. Exec calls run the smapi-mock binary: they see the
  // config, never the answer hook. Throws std::runtime_error naming the
  // problem (no binary found, the directory cannot be made).
  std::filesystem::path make_plugin_dir(const std::filesystem::path& dir) const;

  // The smapi-mock binary make_plugin_dir links to, resolved as
  // EmbeddedMockOptions::mock_binary says; empty when none is found.
  std::filesystem::path mock_binary() const;

 private:
  void start();

  EmbeddedMockOptions options_;
  std::shared_ptr<detail::HookSlot> hook_;
  std::unique_ptr<MockServer> server_;
  std::string address_;
  std::uint16_t port_ = 0;

  friend class MockPlugin;  // attaches itself through hook_
};

}  // namespace smapi::mock
