#include "harness/run_options.h"

#include "harness/command_tables.h"
#include "harness/exec_target.h"
#include "suites/catalogue.h"
#include "harness/plugin_tree.h"
#include "harness/shard.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>
#include <system_error>
#include <thread>

namespace smapi::harness {

namespace {

// "127.0.0.1:8080", "localhost:8080/rpc", "[::1]:8080": an address given
// without its scheme. Returns the http:// URL meant, or "" when the text is
// not of that shape.
std::string url_for_bare_address(const std::string& text) {
  std::size_t colon = 0;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') return "";
    colon = close + 1;
  } else {
    colon = text.find(':');
    if (colon == std::string::npos || colon == 0) return "";
    for (std::size_t i = 0; i < colon; ++i)
      if (!std::isalnum(static_cast<unsigned char>(text[i])) && text[i] != '.' && text[i] != '-') return "";
  }
  const std::size_t slash = text.find('/', colon);
  const std::string port = text.substr(colon + 1, slash == std::string::npos ? std::string::npos : slash - colon - 1);
  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); }))
    return "";
  return "http://" + text + (slash == std::string::npos ? "/" : "");
}

// A directory above plugins that is no plugin tree (".../volume" itself) was
// judged as a plugin with no methods. Name the plugins it holds instead.
void refuse_parent_of_plugins(const std::string& path) {
  if (!list_method_files(path).empty()) return;
  const auto plugins = plugin_directories_below(path);
  if (plugins.empty()) return;
  constexpr std::size_t kNamed = 10;
  std::string names;
  for (std::size_t i = 0; i < plugins.size() && i < kNamed; ++i)
    names += (i ? ", " : "") + plugins[i].string();
  if (plugins.size() > kNamed) names += " and " + std::to_string(plugins.size() - kNamed) + " more";
  throw UsageError("--target: \"" + path +
                   "\" holds no Plugin.* method files: it is a directory of plugins, not a plugin; give one "
                   "plugin directory as --target: " + names +
                   " (or a plugin tree, the directory holding volume/ and datapath/, to judge them all)");
}

}  // namespace

TargetSpec parse_target(const std::string& text) {
  TargetSpec spec;
  spec.text = text;
  if (text.rfind("http://", 0) == 0 || text.rfind("HTTP://", 0) == 0 || text.rfind("unix:", 0) == 0) {
    spec.kind = TargetSpec::Kind::http;
    spec.url = text;
    return spec;
  }
  if (text.find("://") != std::string::npos)
    throw UsageError("--target: unsupported scheme in \"" + text +
                     "\" (use exec:DIR, http://... or unix:SOCKET)");
  std::string path = text.rfind("exec:", 0) == 0 ? text.substr(5) : text;
  if (path.empty()) throw UsageError("--target: exec: needs a directory");
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) {
    const bool exists = std::filesystem::exists(path, ec);
    const std::string url = exists || path != text ? "" : url_for_bare_address(text);
    throw UsageError("--target: \"" + path + "\" is not a directory" + (exists ? "" : " (it does not exist)") +
                     (url.empty() ? "" : "; for an HTTP endpoint, use --target " + url));
  }
  spec.directory = path;
  if (is_plugin_tree(path)) {
    spec.kind = TargetSpec::Kind::tree;
    return spec;
  }
  refuse_parent_of_plugins(path);
  spec.kind = TargetSpec::Kind::exec;
  return spec;
}

namespace {

std::chrono::milliseconds parse_timeout(const std::string& text) {
  double seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(seconds) ||
      seconds <= 0 || seconds > kMaxTimeoutSeconds)
    throw UsageError("--timeout: expected seconds in (0, 3600], got \"" + text + "\"");
  return std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000)));
}

std::size_t parse_bytes(const std::string& flag, const std::string& text) {
  std::size_t bytes = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), bytes);
  if (ec != std::errc{} || end != text.data() + text.size() || bytes == 0 || bytes > kMaxMaxOutputBytes)
    throw UsageError(flag + ": expected a byte count in [1, " + std::to_string(kMaxMaxOutputBytes) +
                     "], got \"" + text + "\"");
  return bytes;
}

unsigned parse_count(const std::string& flag, const std::string& text, unsigned max) {
  unsigned count = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (ec != std::errc{} || end != text.data() + text.size() || count == 0 || count > max)
    throw UsageError(flag + ": expected a whole number in [1, " + std::to_string(max) + "], got \"" + text + "\"");
  return count;
}

std::uint64_t parse_seed(const std::string& text) {
  std::uint64_t seed = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty())
    throw UsageError("--seed: expected a whole number in [0, 2^64), got \"" + text + "\"");
  return seed;
}

}  // namespace

bool is_fleet(const RunOptions& options) {
  return options.targets.size() > 1 || options.shard ||
         std::any_of(options.targets.begin(), options.targets.end(),
                     [](const TargetSpec& spec) { return spec.kind == TargetSpec::Kind::tree; });
}

unsigned default_jobs() { return std::clamp(std::thread::hardware_concurrency(), 1U, kMaxJobs); }

namespace {

// A plugin tree takes each plugin's kind from its place, and a fleet names
// each target once.
void check_fleet_targets(const RunOptions& options) {
  std::set<std::string> seen;
  for (const auto& spec : options.targets) {
    if (spec.kind == TargetSpec::Kind::tree && options.kind)
      throw UsageError("--kind: does not apply to the plugin tree \"" + spec.text +
                       "\": each plugin's kind is the directory it is in, volume/ or datapath/");
    if (!seen.insert(spec.text).second) throw UsageError("--target: \"" + spec.text + "\" is given twice");
  }
}

}  // namespace

RunOptions run_options_from(const cli::ParsedArgs& parsed) {
  RunOptions options;
  // Choices were checked against the table already.
  if (const auto kind = parsed.value("--kind"))
    options.kind = *kind == "datapath" ? suites::PluginKind::datapath : suites::PluginKind::volume;
  if (parsed.value("--profile") == "strict") options.profile = suites::Profile::strict;
  if (const auto protocol = parsed.value("--protocol")) {
    if (*protocol == "jsonrpc2") options.protocol = suites::Transport::jsonrpc_v2;
    else if (*protocol == "xmlrpc") options.protocol = suites::Transport::xmlrpc;
  }
  if (parsed.value("--fail-on") == "should") options.fail_on = suites::FailOn::should;
  if (const auto timeout = parsed.value("--timeout")) options.timeout = parse_timeout(*timeout);
  if (const auto bytes = parsed.value("--max-output")) options.max_output_bytes = parse_bytes("--max-output", *bytes);
  if (const auto dir = parsed.value("--report-dir")) {
    if (dir->empty()) throw UsageError("--report-dir: expected a directory");
    options.report_dir = *dir;
  }
  options.formats = parsed.value("--format");
  if (const auto dir = parsed.value("--sarif-root")) {
    if (dir->empty()) throw UsageError("--sarif-root: expected a directory");
    options.sarif_root = *dir;
  }
  if (const auto file = parsed.value("--waivers")) {
    if (file->empty()) throw UsageError("--waivers: expected a file");
    options.waivers = *file;
  }
  if (const auto repeat = parsed.value("--repeat")) options.repeat = parse_count("--repeat", *repeat, kMaxRepeat);
  if (const auto concurrency = parsed.value("--concurrency"))
    options.concurrency = parse_count("--concurrency", *concurrency, kMaxConcurrency);
  if (const auto seed = parsed.value("--seed")) options.seed = parse_seed(*seed);
  options.probes = !parsed.has("--no-probes");
  options.quiet = parsed.has("--quiet");
  options.selection = selection_terms_from(parsed);
  check_terms(options.selection, suites::catalogue());
  for (const auto& text : parsed.values("--target")) options.targets.push_back(parse_target(text));
  if (options.targets.empty()) options.targets.push_back(parse_target(""));
  options.target = options.targets.front();
  options.jobs = default_jobs();
  if (const auto jobs = parsed.value("--jobs")) options.jobs = parse_count("--jobs", *jobs, kMaxJobs);
  if (const auto shard = parsed.value("--shard")) options.shard = parse_shard(*shard);
  check_fleet_targets(options);
  if (options.sarif_root && options.target.kind == TargetSpec::Kind::http)
    throw UsageError("--sarif-root: applies to exec targets only (an HTTP target's findings are placed at "
                     "http/HOST/PORT/METHOD)");
  return options;
}

RunOptions parse_run_options(const std::vector<std::string>& args) {
  return run_options_from(cli::parse(run_table(), args));
}

}  // namespace smapi::harness
