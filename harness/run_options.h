#pragma once
// The command line of smapi-conform, parsed into values. Pure: argv in,
// options or a usage error out.

#include "cli/flag_table.h"
#include "harness/selection.h"
#include "suites/fleet.h"
#include "suites/observation.h"
#include "suites/result.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace smapi::harness {

// A bad command line; the message names the flag and what was wrong. Exit status 2.
using UsageError = cli::UsageError;

// Defaults and bounds of the run command's settings.
inline constexpr std::chrono::milliseconds kDefaultTimeout{30'000};
inline constexpr double kMaxTimeoutSeconds = 3600;
inline constexpr std::size_t kDefaultMaxOutputBytes = 16 * 1024 * 1024;
inline constexpr std::size_t kMaxMaxOutputBytes = 1024 * 1024 * 1024;
// Bounds of --repeat and --concurrency (defaults: suites::kDefaultRepeat,
// suites::kDefaultConcurrency); they keep a run's length and thread count sane.
inline constexpr unsigned kMaxRepeat = 1000;
inline constexpr unsigned kMaxConcurrency = 64;
// Bound of --jobs, the plugins of a fleet judged at once (default: the
// number of CPUs, default_jobs()).
inline constexpr unsigned kMaxJobs = 256;

struct TargetSpec {
  // tree: a directory holding volume/ and/or datapath/ (harness/plugin_tree.h),
  // judged as a fleet of the plugins in it.
  enum class Kind { exec, http, tree };
  Kind kind = Kind::exec;
  std::string text;                // as given
  std::filesystem::path directory; // exec, tree
  std::string url;                 // http: http://HOST[:PORT][/PATH] or unix:SOCKET[:/PATH]
};

struct RunOptions {
  // The first --target: the one plugin of a single run.
  TargetSpec target;
  // Every --target, in order (target is the first). Several, a plugin tree
  // among them, or --shard make a fleet run (harness/fleet_plan.h).
  std::vector<TargetSpec> targets;
  // --jobs N: how many plugins of a fleet are judged at once (the parser's
  // default: default_jobs()).
  unsigned jobs = 1;
  // --shard K/N: this run judges share K of N of the fleet (harness/shard.h).
  std::optional<suites::Shard> shard;
  std::optional<suites::PluginKind> kind;  // unset: inferred from the directory
  suites::Profile profile = suites::Profile::xapi;
  std::chrono::milliseconds timeout = kDefaultTimeout;
  std::optional<std::filesystem::path> report_dir;
  // --format LIST: the reports written into report_dir, as
  // reports::parse_format_list reads it; unset: json, junit, html.
  std::optional<std::string> formats;
  // --sarif-root DIR: the directory SARIF paths are relative to (exec
  // targets only; harness/sarif_paths.h); unset: the working directory, or
  // the plugin directory's parent when the plugin is outside it.
  std::optional<std::filesystem::path> sarif_root;
  // How an http target is spoken to (--protocol): jsonrpc_v1 (jsonrpc),
  // jsonrpc_v2 (jsonrpc2) or xmlrpc. Never exec.
  suites::Transport protocol = suites::Transport::jsonrpc_v1;
  std::size_t max_output_bytes = kDefaultMaxOutputBytes;
  // --waivers FILE: known failures that do not count (harness/waivers.h).
  std::optional<std::filesystem::path> waivers;
  // --fail-on must|should: which failed requirements make the run non-conformant.
  suites::FailOn fail_on = suites::FailOn::must;
  // Robustness probing: --repeat N, --concurrency K, --seed N, --no-probes.
  unsigned repeat = suites::kDefaultRepeat;
  unsigned concurrency = suites::kDefaultConcurrency;
  std::uint64_t seed = suites::kDefaultSeed;
  bool probes = true;
  // --quiet: no progress line on stderr.
  bool quiet = false;
  // --only, --skip, --rerun-failed: the terms, checked against the catalogue
  // (the file is read when the run starts: harness/rerun_failed.h).
  SelectionTerms selection;
};

// Whether these options judge a fleet rather than one plugin.
bool is_fleet(const RunOptions& options);

// The default of --jobs: the number of CPUs (1 when unknown), at most kMaxJobs.
unsigned default_jobs();

// exec:DIR, http://HOST[:PORT][/PATH], unix:SOCKET[:/PATH] (an HTTP server
// on a Unix socket; see parse_unix_target), or a plain path to a directory.
TargetSpec parse_target(const std::string& text);

// Parses the arguments after "run" (harness/command_tables.h run_table()).
// A help request is not options: check cli::parse(run_table(), args).help first.
RunOptions parse_run_options(const std::vector<std::string>& args);

// The options a run-table parse holds; certify's table holds run's flags too.
RunOptions run_options_from(const cli::ParsedArgs& parsed);

}  // namespace smapi::harness
