// smapi-mock: the reference fake plugin. Three ways to run it:
//   smapi-mock serve [--listen ADDR:PORT] [--listen-unix PATH] [--config FILE] ...
//   smapi-mock plugin-dir OUTDIR [--config FILE] [--kind volume|datapath] [--tree [--name NAME]]
//   smapi-mock mutants [--json]        (presets breaking one requirement; mutants.h)
//   <plugin dir>/Plugin.Query --json   (a link to smapi-mock; see exec_mode.h)
// Exit status: 0 success, 1 failure (bad config, cannot listen, ...), 2 usage.

#include "cli/flag_table.h"
#include "harness/static_runtime.h"
#include "mock_plugin/command_tables.h"
#include "mock_plugin/config.h"
#include "mock_plugin/exec_mode.h"
#include "mock_plugin/exec_storage.h"
#include "mock_plugin/fault_scope.h"
#include "mock_plugin/mutants.h"
#include "mock_plugin/plugin_dir.h"
#include "mock_plugin/plugin_tree.h"
#include "mock_plugin/record_command.h"
#include "mock_plugin/scenarios.h"
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
namespace cli = smapi::cli;

constexpr int kExitFailure = 1;

// Where serve reads the admin token when --admin-token is not given.
constexpr const char* kAdminTokenEnv = "SMAPI_MOCK_ADMIN_TOKEN";
// How often serve checks the --config file for changes.
constexpr std::chrono::milliseconds kReloadPoll{500};
// File descriptors serve needs besides its connections (listeners, stdio,
// the config file, signals).
constexpr std::size_t kReservedFileDescriptors = 32;
constexpr int kExitUsage = 2;

void out(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

void err(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

// One line naming what was wrong, then where the command's help is.
int usage_error(std::string_view command, const std::string& message) {
  err("smapi-mock" + (command.empty() ? std::string() : " " + std::string(command)) + ": " + message + "\n" +
      cli::usage_hint(mock_program(), command) + "\n");
  return kExitUsage;
}

// The options serve and plugin-dir share (plugin-dir's table has no serve flags).
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
  std::vector<std::string> scenarios;  // --scenario, in order
  // plugin-dir only:
  bool tree = false;
  std::optional<std::string> name;
  std::vector<std::string> positional;
};

// Adds the --scenario presets to a config; "" or the error.
std::string with_scenarios(const Options& opts, MockConfig& config) {
  for (const std::string& name : opts.scenarios) {
    if (std::string e = apply_scenario(config, name); !e.empty()) return "--scenario: " + e;
  }
  return {};
}

// The options a parse of serve's or plugin-dir's table holds; throws
// cli::UsageError naming the bad flag.
Options options_from(const cli::ParsedArgs& parsed) {
  Options opts;
  opts.listen = parsed.value("--listen");
  opts.listen_unix = parsed.value("--listen-unix");
  if (opts.listen_unix && opts.listen_unix->empty()) throw cli::UsageError("--listen-unix: expected a path");
  opts.admin_token = parsed.value("--admin-token");
  if (opts.admin_token && opts.admin_token->empty()) throw cli::UsageError("--admin-token: must not be empty");
  if (const auto value = parsed.value("--journal-capacity")) {
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
    if (ec != std::errc() || end != value->data() + value->size() || value->empty())
      throw cli::UsageError("--journal-capacity: expected a non-negative integer, got \"" + *value + "\"");
    opts.journal_capacity = n;
  }
  for (const std::string& host : parsed.values("--allow-host")) {
    if (host.empty() || host.find_first_of(":/ \t@") != std::string::npos)
      throw cli::UsageError("--allow-host takes a host name without scheme or port, got \"" + host + "\"");
    opts.allow_hosts.push_back(host);
  }
  opts.log_requests = parsed.has("--log-requests");
  opts.config_file = parsed.value("--config");
  if (const auto kind = parsed.value("--kind")) opts.kind = plugin_kind_from_string(*kind);
  if (const auto name = parsed.value("--mutant")) {
    opts.mutant = find_mutant(*name);
    if (!opts.mutant)
      throw cli::UsageError("--mutant: no mutant \"" + *name + "\" (expected one of " + mutant_names() + ")");
  }
  opts.scenarios = parsed.values("--scenario");
  opts.tree = parsed.has("--tree");
  opts.name = parsed.value("--name");
  opts.positional = parsed.positionals;
  return opts;
}

// Parses a command's arguments (argv[2..]) into `opts`. Returns an exit
// status when the command is done (its --help was printed, or a usage error).
std::optional<int> parse_command(const cli::Command& table, int argc, char** argv, Options& opts) {
  try {
    const auto parsed = cli::parse(table, std::vector<std::string>(argv + 2, argv + argc));
    if (parsed.help) {
      out(cli::render_help(mock_program(), table));
      return 0;
    }
    opts = options_from(parsed);
    return std::nullopt;
  } catch (const cli::UsageError& error) {
    return usage_error(table.name, error.what());
  }
}

std::optional<MockConfig> config_from(const Options& opts, std::string_view command, bool warn) {
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
  for (const std::string& w : warn ? ignored_faults(*load.config, transport) : std::vector<std::string>{}) {
    err("smapi-mock " + std::string(command) + ": warning: config: " + w + "\n");
  }
  return std::move(load.config);
}

// `warn`: say which of the config file's faults the transport ignores.
std::optional<MockConfig> effective_config(const Options& opts, std::string_view command, bool warn = true) {
  std::optional<MockConfig> config = config_from(opts, command, warn);
  if (!config) return config;
  if (std::string e = with_scenarios(opts, *config); !e.empty()) {
    err("smapi-mock " + std::string(command) + ": " + e + "\n");
    return std::nullopt;
  }
  return config;
}

int serve(int argc, char** argv) {
  Options opts;
  if (const auto done = parse_command(serve_table(), argc, argv, opts)) return *done;
  if (!opts.listen && !opts.listen_unix) return usage_error("serve", "--listen or --listen-unix is required");
  if (opts.mutant && !opts.mutant->transports.jsonrpc && !opts.mutant->transports.xmlrpc) {
    return usage_error("serve", "--mutant " + std::string(opts.mutant->name) +
                                    " applies to exec plugins only (use plugin-dir)");
  }
  if (opts.listen) {
    const auto listen = parse_listen_address(*opts.listen);
    if (const auto* bad = std::get_if<std::string>(&listen)) return usage_error("serve", "--listen: " + *bad);
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
    watcher.emplace(ioc, reload, [&server, &log, &opts](MockConfig c) {
      if (std::string e = with_scenarios(opts, c); !e.empty()) return log(e + "; the old config is kept");
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

// plugin-dir --tree: both plugins (or the --kind one), each with the config
// read for its own kind.
int plugin_tree(Options opts, const std::filesystem::path& root, const std::filesystem::path& binary) {
  TreeSpec spec;
  if (opts.name) spec.name = *opts.name;
  const std::optional<PluginKind> only = opts.kind;
  bool warned = false;  // the same file for both: its warnings once
  for (PluginKind kind : {PluginKind::volume, PluginKind::datapath}) {
    if (only && *only != kind) continue;
    opts.kind = kind;
    std::optional<MockConfig> config = effective_config(opts, "plugin-dir", !warned);
    warned = true;
    if (!config) return kExitFailure;
    (kind == PluginKind::volume ? spec.volume : spec.datapath) = std::move(config);
  }
  if (std::string e = make_plugin_tree(root, spec, binary); !e.empty()) {
    err("smapi-mock " + e + "\n");
    return kExitFailure;
  }
  for (const auto& dir : plugin_tree_dirs(root, spec)) out(dir.lexically_normal().string() + "\n");
  return 0;
}

int plugin_dir(int argc, char** argv) {
  Options opts;
  if (const auto done = parse_command(plugin_dir_table(), argc, argv, opts)) return *done;
  if (opts.mutant && opts.tree) {
    return usage_error("plugin-dir", "--mutant makes one plugin directory; it cannot be combined with --tree");
  }
  if (opts.mutant && !opts.mutant->transports.exec) {
    return usage_error("plugin-dir", "--mutant " + std::string(opts.mutant->name) + " applies to HTTP only (use serve)");
  }
  const std::filesystem::path binary = running_executable();
  if (binary.empty()) {
    err("smapi-mock plugin-dir: cannot read /proc/self/exe to find this binary\n");
    return kExitFailure;
  }
  std::error_code ec;
  std::filesystem::path outdir = std::filesystem::absolute(opts.positional.front(), ec);
  if (ec) outdir = opts.positional.front();
  if (opts.tree) return plugin_tree(opts, outdir, binary);
  std::optional<MockConfig> config = effective_config(opts, "plugin-dir");
  if (!config) return kExitFailure;
  const DirLayout layout = opts.mutant ? opts.mutant->layout : DirLayout::standard;
  if (std::string e = make_plugin_dir(outdir, *config, binary, layout); !e.empty()) {
    err("smapi-mock " + e + "\n");
    return kExitFailure;
  }
  out(outdir.lexically_normal().string() + "\n");
  return 0;
}

int list_mutants(int argc, char** argv) {
  try {
    const auto parsed = cli::parse(mutants_table(), std::vector<std::string>(argv + 2, argv + argc));
    if (parsed.help) {
      out(cli::render_help(mock_program(), mutants_table()));
      return 0;
    }
    out(parsed.has("--json") ? boost::json::serialize(mutants_json()) + "\n" : mutants_text());
    return 0;
  } catch (const cli::UsageError& error) {
    return usage_error("mutants", error.what());
  }
}

}  // namespace

int main(int argc, char** argv) {
  // Exec mode first, before anything else is set up: it must start fast.
  if (argc > 0) {
    if (auto method = exec_method_for(argv[0])) return run_exec_mode(*method, argc, argv);
    if (auto method = exec_storage_method_for(argv[0])) return run_exec_mode(*method, argc, argv);
  }
  if (argc < 2) {
    err(cli::render_program_help(mock_program()));
    return kExitUsage;
  }
  const std::string_view command = argv[1];
  if (command == cli::kHelpFlag || command == cli::kHelpShort || command == "help") {
    out(cli::render_program_help(mock_program()));
    return 0;
  }
  if (command == "--version") {
    out("smapi-mock " SMAPI_VERSION "\n");
    return 0;
  }
  if (command == "serve") return serve(argc, argv);
  if (command == "plugin-dir") return plugin_dir(argc, argv);
  if (command == "mutants") return list_mutants(argc, argv);
  if (command == "record") {
#ifdef SMAPI_STATIC_RUNTIME
    // The mock's one client: its http:// target may be a host name.
    smapi::harness::pin_host_lookup_to_builtin_services();
#endif
    return run_record(argc, argv);
  }
  if (command.size() > 1 && command.front() == '-') {
    return usage_error("", "unknown option \"" + std::string(command) + "\"");
  }
  return usage_error("", "unknown command \"" + std::string(command) + "\"");
}
