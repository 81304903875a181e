#include "harness/run_options.h"

#include "harness/exec_target.h"
#include "harness/flag_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <system_error>

namespace smapi::harness {

const char* const kRunUsage =
    "usage: smapi-conform run --target TARGET [options]\n"
    "\n"
    "Drives a storage plugin through the xapi-storage Plugin contract and judges it.\n"
    "\n"
    "TARGET:\n"
    "  exec:DIR               an executable plugin directory (DIR/Plugin.Query ...)\n"
    "  DIR                    the same, when DIR is an existing directory\n"
    "  http://HOST:PORT/PATH  a JSON-RPC or XML-RPC endpoint\n"
    "  unix:SOCKET[:/PATH]    the same over a Unix socket (request path default /)\n"
    "\n"
    "options:\n"
    "  --kind volume|datapath     plugin kind (default: from DIR's parent directory name)\n"
    "  --profile xapi|strict      xapi: what xapi accepts (default); strict: the IDL exactly\n"
    "  --protocol jsonrpc|jsonrpc2|xmlrpc\n"
    "                             how http and unix targets are spoken to (default jsonrpc,\n"
    "                             JSON-RPC v1; jsonrpc2 is v2; xmlrpc is XML-RPC)\n"
    "  --timeout SECONDS          limit per call (default 30; at most 3600)\n"
    "  --max-output BYTES         limit on each answer's size (default 16777216)\n"
    "  --report-dir DIR           write the reports (see --format) into DIR\n"
    "  --format LIST              reports for --report-dir, comma-separated: json (report.json),\n"
    "                             junit (junit.xml), html (report.html), markdown (summary.md),\n"
    "                             tap (report.tap), sarif (report.sarif), or all\n"
    "                             (default json,junit,html)\n"
    "  --sarif-root DIR           exec targets: report.sarif's paths are relative to DIR, the\n"
    "                             repository's root (default: the working directory, or the\n"
    "                             plugin directory's parent when the plugin is outside it)\n"
    "  --fail-on must|should      failed requirements that make the run non-conformant\n"
    "                             (default must; should: a failed SHOULD too)\n"
    "  --waivers FILE             known failures that do not count until they expire\n"
    "  --repeat N                 Plugin.query calls in a row for QUERY-STABLE (default 10; 1..1000)\n"
    "  --concurrency K            overlapping Plugin.query calls for QUERY-CONCURRENT (default 4;\n"
    "                             1..64; 1 makes none)\n"
    "  --seed N                   picks the input probes' order and values (default 20240601)\n"
    "  --no-probes                no dbg variants and no input probes\n"
    "  --quiet                    no progress line on stderr\n"
    "                             (JSON: {\"waivers\":[{\"id\",\"reason\",\"ticket\",\"expires\"}]})\n"
    "  --help                     this text\n"
    "\n"
    "exit status: 0 conformant, 1 non-conformant, 2 harness or usage error\n";

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

// A directory above plugins (".../volume", xapi-storage-script's own) was
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
                   "plugin directory as --target: " + names);
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
  refuse_parent_of_plugins(path);
  spec.kind = TargetSpec::Kind::exec;
  spec.directory = path;
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

RunOptions parse_run_options(const std::vector<std::string>& args) {
  RunOptions options;
  std::optional<std::string> target;
  FlagReader reader(args);
  while (reader.next()) {
    const std::string& flag = reader.flag();
    const auto value = [&reader] { return reader.value(); };
    if (flag == "--target") {
      target = value();
    } else if (flag == "--kind") {
      const auto kind = value();
      if (kind == "volume") options.kind = suites::PluginKind::volume;
      else if (kind == "datapath") options.kind = suites::PluginKind::datapath;
      else throw UsageError("--kind: expected volume or datapath, got \"" + kind + "\"");
    } else if (flag == "--profile") {
      const auto profile = value();
      if (profile == "xapi") options.profile = suites::Profile::xapi;
      else if (profile == "strict") options.profile = suites::Profile::strict;
      else throw UsageError("--profile: expected xapi or strict, got \"" + profile + "\"");
    } else if (flag == "--protocol") {
      const auto protocol = value();
      if (protocol == "jsonrpc") options.protocol = suites::Transport::jsonrpc_v1;
      else if (protocol == "jsonrpc2") options.protocol = suites::Transport::jsonrpc_v2;
      else if (protocol == "xmlrpc") options.protocol = suites::Transport::xmlrpc;
      else throw UsageError("--protocol: expected jsonrpc, jsonrpc2 or xmlrpc, got \"" + protocol + "\"");
    } else if (flag == "--timeout") {
      options.timeout = parse_timeout(value());
    } else if (flag == "--max-output") {
      options.max_output_bytes = parse_bytes(flag, value());
    } else if (flag == "--format") {
      options.formats = value();
    } else if (flag == "--report-dir") {
      const auto dir = value();
      if (dir.empty()) throw UsageError("--report-dir: expected a directory");
      options.report_dir = dir;
    } else if (flag == "--sarif-root") {
      const auto dir = value();
      if (dir.empty()) throw UsageError("--sarif-root: expected a directory");
      options.sarif_root = dir;
    } else if (flag == "--repeat") {
      options.repeat = parse_count(flag, value(), kMaxRepeat);
    } else if (flag == "--concurrency") {
      options.concurrency = parse_count(flag, value(), kMaxConcurrency);
    } else if (flag == "--seed") {
      options.seed = parse_seed(value());
    } else if (flag == "--no-probes") {
      options.probes = false;
    } else if (flag == "--quiet") {
      options.quiet = true;
    } else if (flag == "--fail-on") {
      const auto level = value();
      if (level == "must") options.fail_on = suites::FailOn::must;
      else if (level == "should") options.fail_on = suites::FailOn::should;
      else throw UsageError("--fail-on: expected must or should, got \"" + level + "\"");
    } else if (flag == "--waivers") {
      const auto file = value();
      if (file.empty()) throw UsageError("--waivers: expected a file");
      options.waivers = file;
    } else {
      throw UsageError("unknown option \"" + reader.arg() + "\"");
    }
  }
  if (!target) throw UsageError("--target is required");
  options.target = parse_target(*target);
  if (options.sarif_root && options.target.kind != TargetSpec::Kind::exec)
    throw UsageError("--sarif-root: applies to exec targets only (an HTTP target's findings are placed at "
                     "http/HOST/PORT/METHOD)");
  return options;
}

}  // namespace smapi::harness
