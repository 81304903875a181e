// smapi-mock: the reference fake plugin. Three ways to run it:
//   smapi-mock serve --listen ADDR:PORT [--config FILE] [--kind volume|datapath]
//   smapi-mock plugin-dir OUTDIR [--config FILE] [--kind volume|datapath]
//   smapi-mock mutants [--json]        (presets breaking one requirement; mutants.h)
//   <plugin dir>/Plugin.Query --json   (a link to smapi-mock; see exec_mode.h)
// Exit status: 0 success, 1 failure (bad config, cannot listen, ...), 2 usage.

#include "mock_plugin/config.h"
#include "mock_plugin/exec_mode.h"
#include "mock_plugin/mutants.h"
#include "mock_plugin/plugin_dir.h"
#include "mock_plugin/server.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/json/serialize.hpp>

#include <csignal>
#include <cstdio>
#include <exception>
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
    "usage: smapi-mock serve --listen ADDR:PORT [--config FILE | --mutant NAME] [--kind volume|datapath]\n"
    "\n"
    "Serves Plugin.query, Plugin.ls and Plugin.diagnostics as JSON-RPC (v1 and v2)\n"
    "over HTTP POST. The first line on stdout is the bound ADDR:PORT (use port 0\n"
    "for any free port); log lines go to stderr. SIGINT/SIGTERM stop it (exit 0).\n"
    "\n"
    "  --listen ADDR:PORT  address to listen on, e.g. 127.0.0.1:0 or [::1]:8080\n"
    "  --config FILE       answers to give (JSON); defaults: a conformant plugin\n"
    "  --kind KIND         volume or datapath; overrides the config's kind\n"
    "  --mutant NAME       break exactly one requirement (see 'smapi-mock mutants');\n"
    "                      instead of --config\n";

constexpr std::string_view kPluginDirUsage =
    "usage: smapi-mock plugin-dir OUTDIR [--config FILE | --mutant NAME] [--kind volume|datapath]\n"
    "\n"
    "Creates OUTDIR (and parents) holding .smapi-mock.json (the effective config)\n"
    "and links Plugin.Query, Plugin.ls, Plugin.diagnostics to this binary, so\n"
    "OUTDIR runs as an executable plugin. Prints OUTDIR's absolute path.\n"
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
  std::optional<std::string> config_file;
  std::optional<PluginKind> kind;
  const Mutant* mutant = nullptr;
  std::vector<std::string> positional;
  bool help = false;
};

// Parses argv[first..]; returns "" or a message naming the bad flag.
std::string parse_options(int argc, char** argv, int first, bool allow_listen, Options& opts) {
  for (int i = first; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      opts.help = true;
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
                         (allow_listen && name == "--listen");
      if (!known) return "unknown flag " + std::string(name);
      if (!value) {
        if (i + 1 >= argc) return std::string(name) + " needs a value";
        value = argv[++i];
      }
      if (name == "--listen") {
        opts.listen = *value;
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
  if (!opts.listen) return usage_error("serve", "--listen is required", kServeUsage);
  if (opts.mutant && !opts.mutant->transports.jsonrpc && !opts.mutant->transports.xmlrpc) {
    return usage_error("serve", "--mutant " + std::string(opts.mutant->name) +
                                    " applies to exec plugins only (use plugin-dir)", kServeUsage);
  }
  const auto listen = parse_listen_address(*opts.listen);
  if (const auto* bad = std::get_if<std::string>(&listen)) {
    return usage_error("serve", "--listen: " + *bad, kServeUsage);
  }
  std::optional<MockConfig> config = effective_config(opts, "serve");
  if (!config) return kExitFailure;

  std::signal(SIGPIPE, SIG_IGN);
  boost::asio::io_context ioc(1);
  MockServer server(ioc, std::move(*config), ServerSettings{}, *opts.listen);
  server.set_log([](std::string_view line) { err("smapi-mock: " + std::string(line) + "\n"); });
  std::string bound;
  try {
    bound = server.start();
  } catch (const std::exception& e) {
    err(std::string("smapi-mock serve: ") + e.what() + "\n");
    return kExitFailure;
  }
  out(bound + "\n");

  boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signo) {
    if (ec) return;
    err("smapi-mock: signal " + std::to_string(signo) + ", shutting down\n");
    server.stop();
  });
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
