// smapi-mock: the reference fake plugin. Three ways to run it:
//   smapi-mock serve [--listen ADDR:PORT] [--listen-unix PATH] [--config FILE] ...
//   smapi-mock plugin-dir OUTDIR [--config FILE] [--kind volume|datapath]
//   smapi-mock mutants [--json]        (presets breaking one requirement; mutants.h)
//   <plugin dir>/Plugin.Query --json   (a link to smapi-mock; see exec_mode.h)
// Exit status: 0 success, 1 failure (bad config, cannot listen, ...), 2 usage.

#include "mock_plugin/config.h"
#include "mock_plugin/exec_mode.h"
#include "mock_plugin/fault_scope.h"
#include "mock_plugin/mutants.h"
#include "mock_plugin/plugin_dir.h"
#include "mock_plugin/server.h"
#include "mock_plugin/server_reload.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#ifndef SMAPI_VERSION
#define SMAPI_VERSION "unknown"
#endif

namespace {

using namespace smapi::mock;

constexpr int kExitFailure = 1;

// Where serve reads the admin token when --admin-token is not given.
constexpr const char* kAdminTokenEnv = "SMAPI_MOCK_ADMIN_TOKEN";
// How often serve checks the --config file for changes.
constexpr std::chrono::milliseconds kReloadPoll{500};
// File descriptors serve needs besides its connections (listeners, stdio,
// the config file, signals).
constexpr std::size_t kReservedFileDescriptors = 32;
constexpr int kExitUsage = 2;

constexpr std::string_view kTopUsage =
    "usage: smapi-mock [--help] [--version] COMMAND ...\n"
    "\n"
    "The reference fake xapi-storage (SMAPIv3) plugin.\n"
    "\n"
    "commands:\n"
    "  serve       answer JSON-RPC over HTTP\n"
    "  plugin-dir  make an executable plugin directory backed by this binary\n"
    "  mutants     list the presets that break exactly one requirement (--mutant)\n"
    "\n"
    "Run 'smapi-mock COMMAND --help' for a command's options.\n";

constexpr std::string_view kServeUsage =
    "usage: smapi-mock serve [--listen ADDR:PORT] [--listen-unix PATH] [--config FILE]\n"
    "                        [--kind volume|datapath] [--mutant NAME] [--admin-token TOKEN]\n"
    "                        [--journal-capacity N] [--log-requests] [--allow-host NAME]...\n"
    "\n"
    "Serves Plugin.query, Plugin.ls and Plugin.diagnostics as JSON-RPC (v1 and v2)\n"
    "and XML-RPC over HTTP POST, on TCP, a Unix socket, or both (at least one).\n"
    "The first line on stdout is the bound ADDR:PORT (use port 0 for any free\n"
    "port); with --listen-unix the next line (the first, without --listen) is\n"
    "unix:PATH. Log lines go to stderr. The admin API is under /_mock/ (README).\n"
    "SIGINT/SIGTERM stop it (exit 0); SIGHUP reloads --config, which is also\n"
    "reloaded when the file changes (a bad file is logged, the old config kept).\n"
    "Without --admin-token, a TCP call whose Host is not localhost, a loopback\n"
    "address, the listen address or an --allow-host NAME, or whose Origin is not\n"
    "loopback, gets 403 (DNS rebinding: any web page could call the mock).\n"
    "\n"
    "  --listen ADDR:PORT    TCP address, e.g. 127.0.0.1:0 or [::1]:8080\n"
    "  --listen-unix PATH    Unix socket path (a stale socket there is replaced)\n"
    "  --config FILE         answers to give (JSON); defaults: a conformant plugin\n"
    "  --kind KIND           volume or datapath; overrides the config's kind\n"
    "  --mutant NAME         break exactly one requirement (see 'smapi-mock mutants');\n"
    "                        instead of --config\n"
    "  --admin-token TOKEN   admin calls need 'Authorization: Bearer TOKEN' and may\n"
    "                        then come from any peer (default: loopback only, no\n"
    "                        token); also read from SMAPI_MOCK_ADMIN_TOKEN; turns\n"
    "                        the Host and Origin checks off\n"
    "  --allow-host NAME     admit this Host (and Origin) name too, e.g. the name\n"
    "                        a container is reached by; repeatable\n"
    "  --journal-capacity N  calls the journal keeps (default 1000; 0 = none)\n"
    "  --log-requests        log one line per request to stderr (a call's method, dbg)\n";

constexpr std::string_view kPluginDirUsage =
    "usage: smapi-mock plugin-dir OUTDIR [--config FILE | --mutant NAME] [--kind volume|datapath]\n"
    "\n"
    "Creates OUTDIR (and parents) holding .smapi-mock.json (the effective config)\n"
    "and links Plugin.Query, Plugin.ls, Plugin.diagnostics to this binary, so\n"
    "OUTDIR runs as an executable plugin. Prints OUTDIR's absolute path.\n"
    "The plugin is named after OUTDIR (volume: org.xen.xapi.storage.X -> X;\n"
    "otherwise OUTDIR's own name) unless the config gives a Plugin.query answer.\n"
    "\n"
    "  --config FILE  answers to give (JSON); defaults: a conformant plugin\n"
    "  --kind KIND    volume or datapath; overrides the config's kind\n"
    "  --mutant NAME  break exactly one requirement (see 'smapi-mock mutants');\n"
    "                 instead of --config\n";

constexpr std::string_view kMutantsUsage =
    "usage: smapi-mock mutants [--json]\n"
    "\n"
    "Lists the mutants: presets that make the mock break exactly one conformance\n"
    "requirement, each named by that requirement's ID, with the transports it\n"
    "applies to. Use one with 'serve --mutant NAME' or 'plugin-dir OUTDIR --mutant NAME'.\n"
    "\n"
    "  --json  one JSON array, with the smapi-conform flags each mutant needs\n";

void out(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

void err(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

int usage_error(std::string_view command, const std::string& message, std::string_view usage) {
  err("smapi-mock" + (command.empty() ? std::string() : " " + std::string(command)) + ": " +
      message + "\n" + std::string(usage));
  return kExitUsage;
}

// The options serve and plugin-dir share.
struct Options {
  std::optional<std::string> listen;
  // serve only:
  std::optional<std::string> listen_unix;
  std::optional<std::string> admin_token;
  std::optional<std::size_t> journal_capacity;
  std::vector<std::string> allow_hosts;
  bool log_requests = false;
  std::optional<std::string> config_file;
  std::optional<PluginKind> kind;
  const Mutant* mutant = nullptr;
  std::vector<std::string> positional;
  bool help = false;
};

// Whether a flag is one of serve's own (allowed only with allow_listen).
bool is_serve_flag(std::string_view name) {
  return name == "--listen" || name == "--listen-unix" || name == "--admin-token" ||
         name == "--journal-capacity" || name == "--allow-host";
}

// Parses argv[first..]; returns "" or a message naming the bad flag.
std::string parse_options(int argc, char** argv, int first, bool allow_listen, Options& opts) {
  for (int i = first; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      opts.help = true;
      continue;
    }
    if (allow_listen && arg == "--log-requests") {
      opts.log_requests = true;
      continue;
    }
    if (arg.size() > 1 && arg.front() == '-') {
      std::string_view name = arg;
      std::optional<std::string> value;
      if (std::size_t eq = arg.find('='); eq != std::string_view::npos) {
        name = arg.substr(0, eq);
        value = std::string(arg.substr(eq + 1));
      }
      const bool known = name == "--config" || name == "--kind" || name == "--mutant" ||
                         (allow_listen && is_serve_flag(name));
      if (!known) return "unknown flag " + std::string(name);
      if (!value) {
        if (i + 1 >= argc) return std::string(name) + " needs a value";
        value = argv[++i];
      }
      if (name == "--listen") {
        opts.listen = *value;
      } else if (name == "--listen-unix") {
        if (value->empty()) return "--listen-unix needs a path";
        opts.listen_unix = *value;
      } else if (name == "--admin-token") {
        if (value->empty()) return "--admin-token must not be empty";
        opts.admin_token = *value;
      } else if (name == "--allow-host") {
        if (value->empty() || value->find_first_of(":/ \t@") != std::string::npos) {
          return "--allow-host takes a host name without scheme or port, got \"" + *value + "\"";
        }
        opts.allow_hosts.push_back(*value);
      } else if (name == "--journal-capacity") {
        std::size_t n = 0;
        auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
        if (ec != std::errc() || end != value->data() + value->size() || value->empty()) {
          return "--journal-capacity must be a non-negative integer, got \"" + *value + "\"";
        }
        opts.journal_capacity = n;
      } else if (name == "--config") {
        opts.config_file = *value;
      } else if (name == "--mutant") {
        opts.mutant = find_mutant(*value);
        if (!opts.mutant)
          return "--mutant: no mutant \"" + *value + "\" (expected one of " + mutant_names() + ")";
      } else {
        opts.kind = plugin_kind_from_string(*value);
        if (!opts.kind) return "--kind must be volume or datapath, got \"" + *value + "\"";
      }
      continue;
    }
    opts.positional.emplace_back(arg);
  }
  if (opts.mutant && opts.config_file) return "--mutant and --config cannot be combined";
  return {};
}

std::optional<MockConfig> effective_config(const Options& opts, std::string_view command) {
  if (opts.mutant) {
    ConfigLoad load = mutant_config(*opts.mutant, opts.kind.value_or(PluginKind::volume));
    if (!load.config) err("smapi-mock " + std::string(command) + ": " + load.error + "\n");
    return std::move(load.config);
  }
  if (!opts.config_file) return default_config(opts.kind.value_or(PluginKind::volume));
  ConfigLoad load = load_config_file(*opts.config_file, opts.kind);
  if (!load.config) {
    err("smapi-mock " + std::string(command) + ": " + load.error + "\n");
    return std::nullopt;
  }
  const auto transport = command == "serve" ? FaultTransport::http : FaultTransport::exec;
  for (const std::string& w : ignored_faults(*load.config, transport)) {
    err("smapi-mock " + std::string(command) + ": warning: config: " + w + "\n");
  }
  return std::move(load.config);
}

int serve(int argc, char** argv) {
  Options opts;
  if (std::string e = parse_options(argc, argv, 2, true, opts); !e.empty()) {
    return usage_error("serve", e, kServeUsage);
  }
  if (opts.help) {
    out(kServeUsage);
    return 0;
  }
  if (!opts.positional.empty()) {
    return usage_error("serve", "unexpected argument " + opts.positional.front(), kServeUsage);
  }
  if (!opts.listen && !opts.listen_unix) {
    return usage_error("serve", "--listen or --listen-unix is required", kServeUsage);
  }
  if (opts.mutant && !opts.mutant->transports.jsonrpc && !opts.mutant->transports.xmlrpc) {
    return usage_error("serve", "--mutant " + std::string(opts.mutant->name) +
                                    " applies to exec plugins only (use plugin-dir)", kServeUsage);
  }
  if (opts.listen) {
    const auto listen = parse_listen_address(*opts.listen);
    if (const auto* bad = std::get_if<std::string>(&listen)) {
      return usage_error("serve", "--listen: " + *bad, kServeUsage);
    }
  }
  std::optional<MockConfig> config = effective_config(opts, "serve");
  if (!config) return kExitFailure;

  ServerSettings settings;
  if (opts.listen_unix) settings.unix_socket_path = *opts.listen_unix;
  if (opts.admin_token) {
    settings.admin_token = *opts.admin_token;
  } else if (const char* env = std::getenv(kAdminTokenEnv); env != nullptr && *env != '\0') {
    settings.admin_token = env;
  }
  if (opts.journal_capacity) settings.journal_capacity = *opts.journal_capacity;
  settings.allowed_hosts = opts.allow_hosts;
  settings.log_requests = opts.log_requests;
  const ServerLog log = [](std::string_view line) { err("smapi-mock: " + std::string(line) + "\n"); };

  // Every connection is a file descriptor: lift the soft limit to the hard one.
  const OpenFileLimit limit = raise_open_file_limit();
  if (!limit.error.empty()) log(limit.error);
  if (limit.soft < settings.max_connections + kReservedFileDescriptors) {
    log("open-file limit " + std::to_string(limit.soft) + " is below max_connections (" +
        std::to_string(settings.max_connections) + ") + " + std::to_string(kReservedFileDescriptors) +
        "; connections beyond it are refused at accept");
  }

  std::signal(SIGPIPE, SIG_IGN);
  boost::asio::io_context ioc(1);
  // Taken over before the address is printed, so a signal sent as soon as a
  // client reads it is handled rather than fatal.
  boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
  boost::asio::signal_set hangups(ioc, SIGHUP);
  MockServer server(ioc, std::move(*config), settings, opts.listen.value_or(""));
  server.set_log(log);
  std::string bound;
  try {
    bound = server.start();
  } catch (const std::exception& e) {
    err(std::string("smapi-mock serve: ") + e.what() + "\n");
    return kExitFailure;
  }
  out(bound + "\n");
  if (opts.listen && opts.listen_unix) out("unix:" + *opts.listen_unix + "\n");

  std::optional<ConfigWatcher> watcher;
  if (opts.config_file) {
    ConfigReloadSettings reload;
    reload.path = *opts.config_file;
    reload.kind = opts.kind;
    reload.poll = kReloadPoll;
    watcher.emplace(ioc, reload, [&server, &log](MockConfig c) {
      for (const std::string& w : ignored_faults(c, FaultTransport::http)) log("warning: config: " + w);
      server.replace_config(std::move(c));
    }, log);
    watcher->start();
  }

  signals.async_wait([&](const boost::system::error_code& ec, int signo) {
    if (ec) return;
    err("smapi-mock: signal " + std::to_string(signo) + ", shutting down\n");
    if (watcher) watcher->stop();
    hangups.cancel();  // nothing left pending: run() returns once the server has closed
    server.stop();
  });
  std::function<void()> wait_hangup = [&] {
    hangups.async_wait([&](const boost::system::error_code& ec, int) {
      if (ec) return;
      if (watcher) {
        watcher->reload("SIGHUP");
      } else {
        log("SIGHUP: no --config file to reload");
      }
      wait_hangup();
    });
  };
  wait_hangup();
  ioc.run();
  return 0;
}

int plugin_dir(int argc, char** argv) {
  Options opts;
  if (std::string e = parse_options(argc, argv, 2, false, opts); !e.empty()) {
    return usage_error("plugin-dir", e, kPluginDirUsage);
  }
  if (opts.help) {
    out(kPluginDirUsage);
    return 0;
  }
  if (opts.positional.size() != 1) {
    return usage_error("plugin-dir",
                       opts.positional.empty() ? std::string("OUTDIR is required")
                                               : "unexpected argument " + opts.positional[1],
                       kPluginDirUsage);
  }
  if (opts.mutant && !opts.mutant->transports.exec) {
    return usage_error("plugin-dir", "--mutant " + std::string(opts.mutant->name) +
                                         " applies to HTTP only (use serve)", kPluginDirUsage);
  }
  std::optional<MockConfig> config = effective_config(opts, "plugin-dir");
  if (!config) return kExitFailure;
  const std::filesystem::path binary = running_executable();
  if (binary.empty()) {
    err("smapi-mock plugin-dir: cannot read /proc/self/exe to find this binary\n");
    return kExitFailure;
  }
  std::error_code ec;
  std::filesystem::path outdir = std::filesystem::absolute(opts.positional.front(), ec);
  if (ec) outdir = opts.positional.front();
  const DirLayout layout = opts.mutant ? opts.mutant->layout : DirLayout::standard;
  if (std::string e = make_plugin_dir(outdir, *config, binary, layout); !e.empty()) {
    err("smapi-mock " + e + "\n");
    return kExitFailure;
  }
  out(outdir.lexically_normal().string() + "\n");
  return 0;
}

int list_mutants(int argc, char** argv) {
  bool json = false;
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      out(kMutantsUsage);
      return 0;
    }
    if (arg != "--json") return usage_error("mutants", "unexpected argument " + std::string(arg), kMutantsUsage);
    json = true;
  }
  out(json ? boost::json::serialize(mutants_json()) + "\n" : mutants_text());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Exec mode first, before anything else is set up: it must start fast.
  if (argc > 0) {
    if (auto method = exec_method_for(argv[0])) return run_exec_mode(*method, argc, argv);
  }
  if (argc < 2) return usage_error("", "a command is required", kTopUsage);
  const std::string_view command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    out(kTopUsage);
    return 0;
  }
  if (command == "--version") {
    out("smapi-mock " SMAPI_VERSION "\n");
    return 0;
  }
  if (command == "serve") return serve(argc, argv);
  if (command == "plugin-dir") return plugin_dir(argc, argv);
  if (command == "mutants") return list_mutants(argc, argv);
  if (command.size() > 1 && command.front() == '-') {
    return usage_error("", "unknown flag " + std::string(command), kTopUsage);
  }
  return usage_error("", "unknown command " + std::string(command), kTopUsage);
}
