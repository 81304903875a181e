#include "mock_plugin/record_command.h"

#include "cli/flag_table.h"
#include "mock_plugin/command_tables.h"
#include "mock_plugin/record_client.h"
#include "mock_plugin/recording.h"

#include <boost/json/serialize.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace smapi::mock {
namespace {

namespace fs = std::filesystem;

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
// Bounds of --timeout and --max-output, as smapi-conform run's.
constexpr double kMaxTimeoutSeconds = 3600;
constexpr std::size_t kMaxOutputLimitBytes = 1024 * 1024 * 1024;

void err(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

struct RecordOptions {
  std::string target;
  std::string out;
  RecordProtocol protocol = RecordProtocol::jsonrpc;
  std::optional<PluginKind> kind;
  std::vector<std::string> srs;
  std::vector<std::string> probe_uris;
  RecordLimits limits;
};

RecordOptions options_from(const cli::ParsedArgs& parsed) {
  RecordOptions options;
  options.target = *parsed.value("--target");
  options.out = *parsed.value("--out");
  if (const auto protocol = parsed.value("--protocol")) {
    options.protocol = *protocol == "xmlrpc"     ? RecordProtocol::xmlrpc
                       : *protocol == "jsonrpc2" ? RecordProtocol::jsonrpc2
                                                 : RecordProtocol::jsonrpc;
  }
  if (const auto kind = parsed.value("--kind")) options.kind = plugin_kind_from_string(*kind);
  options.srs = parsed.values("--sr");
  options.probe_uris = parsed.values("--probe-uri");
  for (const std::string& sr : options.srs)
    if (sr.empty()) throw cli::UsageError("--sr: expected an SR, got an empty string");
  for (const std::string& uri : options.probe_uris)
    if (uri.empty()) throw cli::UsageError("--probe-uri: expected a URI, got an empty string");
  if (const auto text = parsed.value("--timeout")) {
    double seconds = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), seconds);
    if (ec != std::errc{} || end != text->data() + text->size() || !std::isfinite(seconds) || seconds <= 0 ||
        seconds > kMaxTimeoutSeconds)
      throw cli::UsageError("--timeout: expected seconds in (0, 3600], got \"" + *text + "\"");
    options.limits.timeout = std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000)));
  }
  if (const auto text = parsed.value("--max-output")) {
    std::size_t bytes = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), bytes);
    if (ec != std::errc{} || end != text->data() + text->size() || bytes == 0 || bytes > kMaxOutputLimitBytes)
      throw cli::UsageError("--max-output: expected a byte count in [1, " + std::to_string(kMaxOutputLimitBytes) +
                            "], got \"" + *text + "\"");
    options.limits.max_output_bytes = bytes;
  }
  return options;
}

bool is_http_target(const std::string& target) {
  return target.starts_with("http://") || target.starts_with("unix:");
}

// The plugin directory of an exec target (exec:DIR, or DIR), or empty.
fs::path exec_directory(const std::string& target) {
  fs::path dir = target.starts_with("exec:") ? fs::path(target.substr(5)) : fs::path(target);
  std::error_code ec;
  return fs::is_directory(dir, ec) ? dir : fs::path();
}

// volume/ or datapath/ as the directory's parent says, as smapi-conform reads it.
PluginKind kind_of(const fs::path& directory) {
  const std::string parent = fs::absolute(directory).lexically_normal().parent_path().filename().string();
  return parent == "datapath" ? PluginKind::datapath : PluginKind::volume;
}

std::string describe(const std::optional<contract::Reply>& reply) {
  if (!reply) return "no script";
  switch (reply->kind) {
    case contract::Reply::Kind::result: return "result";
    case contract::Reply::Kind::error: return "error " + reply->error.code;
    case contract::Reply::Kind::malformed: return "no usable answer: " + reply->problem;
  }
  return "?";
}

// Writes `text` to `path` through a temporary file and a rename, so a reader
// never sees half a config. Returns an error message, empty on success.
std::string write_atomically(const fs::path& path, const std::string& text) {
  fs::path tmp = path;
  tmp += ".smapi-mock-record-tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      return "cannot write " + tmp.string();
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return "cannot write " + path.string() + ": " + ec.message();
  }
  return {};
}

int record(const RecordOptions& options) {
  std::unique_ptr<RecordClient> client;
  PluginKind kind = options.kind.value_or(PluginKind::volume);
  if (is_http_target(options.target)) {
    try {
      client = http_record_client(options.target, options.protocol, options.limits);
    } catch (const std::invalid_argument& error) {
      err("smapi-mock record: --target: " + std::string(error.what()) + "\n");
      return kExitUsage;
    }
  } else {
    const fs::path directory = exec_directory(options.target);
    if (directory.empty()) {
      err("smapi-mock record: --target: \"" + options.target +
          "\" is neither a plugin directory nor an http:// or unix: endpoint\n");
      return kExitUsage;
    }
    if (!options.kind) kind = kind_of(directory);
    client = exec_record_client(directory, options.limits);
  }

  std::vector<RecordedCall> recorded;
  auto make = [&](const PlannedCall& call) {
    recorded.push_back({call, client->call(call)});
    err("smapi-mock record: " + call.method + ": " + describe(recorded.back().reply) + "\n");
  };
  for (const PlannedCall& call : plugin_calls()) make(call);
  // The SRs Plugin.ls listed (planned before `recorded` grows again).
  const boost::json::value* listed = nullptr;
  for (const RecordedCall& call : recorded)
    if (call.call.method == "Plugin.ls" && call.reply && call.reply->kind == contract::Reply::Kind::result)
      listed = &call.reply->result;
  std::vector<std::string> skipped;
  const std::vector<PlannedCall> sr_plan = sr_calls(listed, options.srs, options.probe_uris, skipped);
  for (const std::string& line : skipped) err("smapi-mock record: " + line + "\n");
  for (const PlannedCall& call : sr_plan) make(call);

  const std::optional<std::vector<std::string>> files = client->script_files();
  const ConfigFromRecording made = config_from_recording(kind, recorded, client->error_form(),
                                                         files ? scripts_lacking(kind, *files) : std::vector<std::string>{});
  for (const std::string& note : made.notes) err("smapi-mock record: note: " + note + "\n");
  if (!made.problems.empty()) {
    for (const RecordingProblem& problem : made.problems) err("smapi-mock record: " + problem.message + "\n");
    err("smapi-mock record: nothing written: the mock can answer only what the plugin answered\n");
    return kExitFailure;
  }
  const std::string text = boost::json::serialize(made.config) + "\n";
  // The config must be one the mock loads, or the recording is of no use.
  if (const ConfigLoad load = parse_config(text); !load.config) {
    err("smapi-mock record: the recorded config does not load: " + load.error + "\n");
    return kExitFailure;
  }
  if (const std::string error = write_atomically(options.out, text); !error.empty()) {
    err("smapi-mock record: " + error + "\n");
    return kExitFailure;
  }
  std::printf("%s\n", options.out.c_str());
  return 0;
}

}  // namespace

int run_record(int argc, char** argv) {
  RecordOptions options;
  try {
    const auto parsed = cli::parse(record_table(), std::vector<std::string>(argv + 2, argv + argc));
    if (parsed.help) {
      const std::string help = cli::render_help(mock_program(), record_table());
      std::fwrite(help.data(), 1, help.size(), stdout);
      return 0;
    }
    options = options_from(parsed);
  } catch (const cli::UsageError& error) {
    err("smapi-mock record: " + std::string(error.what()) + "\n" + cli::usage_hint(mock_program(), "record") + "\n");
    return kExitUsage;
  }
  return record(options);
}

}  // namespace smapi::mock
