#pragma once
// Hot reload of `smapi-mock serve --config FILE`: watches the file (polling
// its identity: inode, size and modification time) and reloads it when it
// changes, and on request (SIGHUP). A new config that does not load is
// logged with its one-line error and the previous config stays in force.
// Runs on the server's io_context; the caller hands each good config to
// MockServer::replace_config.

#include "mock_plugin/config.h"
#include "mock_plugin/server.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace boost::asio {
class io_context;
}

namespace smapi::mock {

// What to watch and how often.
struct ConfigReloadSettings {
  std::string path;                 // the --config file
  std::optional<PluginKind> kind;   // --kind, applied to every reload as at start
  // How often the file's identity is checked. Polling (not inotify) keeps it
  // simple and works on every filesystem; a change is seen within one period.
  std::chrono::milliseconds poll{500};
};

// Receives each config that loaded after a change.
using ConfigApply = std::function<void(MockConfig config)>;

class ConfigWatcher {
 public:
  ConfigWatcher(boost::asio::io_context& ioc, ConfigReloadSettings settings, ConfigApply apply,
                ServerLog log);
  ~ConfigWatcher();
  ConfigWatcher(const ConfigWatcher&) = delete;
  ConfigWatcher& operator=(const ConfigWatcher&) = delete;

  // Notes the file as it is now (the config already in force) and starts
  // polling. Call on the io thread or before it runs.
  void start();

  // Reloads now, whether or not the file changed (SIGHUP); `why` goes into
  // the log line. On the io thread.
  void reload(std::string_view why);

  // Stops polling. Idempotent.
  void stop();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace smapi::mock
