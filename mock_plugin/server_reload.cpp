#include "mock_plugin/server_reload.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace smapi::mock {
namespace {

// What tells one version of the file from another.
struct FileIdentity {
  bool exists = false;
  dev_t device = 0;
  ino_t inode = 0;
  off_t size = 0;
  timespec modified{};
  int error = 0;  // errno of a failed stat (not part of the identity)

  friend bool operator==(const FileIdentity& a, const FileIdentity& b) {
    return a.exists == b.exists && a.device == b.device && a.inode == b.inode && a.size == b.size &&
           a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec;
  }
};

FileIdentity identity_of(const std::string& path) {
  struct stat st {};
  FileIdentity id;
  if (::stat(path.c_str(), &st) != 0) {
    id.error = errno;
    return id;
  }
  id.exists = true;
  id.device = st.st_dev;
  id.inode = st.st_ino;
  id.size = st.st_size;
  id.modified = st.st_mtim;
  return id;
}

}  // namespace

struct ConfigWatcher::Impl : std::enable_shared_from_this<ConfigWatcher::Impl> {
  Impl(boost::asio::io_context& ioc, ConfigReloadSettings s, ConfigApply a, ServerLog l)
      : timer(ioc), settings(std::move(s)), apply(std::move(a)), log(std::move(l)) {}

  void write_log(const std::string& line) const {
    if (log) log(line);
  }

  void schedule() {
    if (stopped) return;
    timer.expires_after(settings.poll);
    timer.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (ec || self->stopped) return;
      self->poll();
      self->schedule();
    });
  }

  void poll() {
    FileIdentity now = identity_of(settings.path);
    if (now == seen) return;
    seen = now;
    if (!now.exists) {
      write_log("config " + settings.path + " is gone (" + std::strerror(now.error) +
                "); keeping the previous config");
      return;
    }
    reload("the file changed");
  }

  void reload(std::string_view why) {
    seen = identity_of(settings.path);
    ConfigLoad load = load_config_file(settings.path, settings.kind);
    if (!load.config) {
      write_log("config reload (" + std::string(why) + ") failed: " + load.error +
                "; keeping the previous config");
      return;
    }
    apply(std::move(*load.config));
    write_log("config reloaded from " + settings.path + " (" + std::string(why) + ")");
  }

  boost::asio::steady_timer timer;
  ConfigReloadSettings settings;
  ConfigApply apply;
  ServerLog log;
  FileIdentity seen;
  bool stopped = false;
};

ConfigWatcher::ConfigWatcher(boost::asio::io_context& ioc, ConfigReloadSettings settings,
                             ConfigApply apply, ServerLog log)
    : impl_(std::make_shared<Impl>(ioc, std::move(settings), std::move(apply), std::move(log))) {}

ConfigWatcher::~ConfigWatcher() { stop(); }

void ConfigWatcher::start() {
  impl_->stopped = false;
  impl_->seen = identity_of(impl_->settings.path);
  impl_->schedule();
}

void ConfigWatcher::reload(std::string_view why) { impl_->reload(why); }

void ConfigWatcher::stop() {
  impl_->stopped = true;
  impl_->timer.cancel();
}

}  // namespace smapi::mock
