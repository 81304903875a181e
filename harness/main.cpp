// smapi-conform: the conformance harness's command line.

#include "harness/catalogue_command.h"
#include "harness/command_tables.h"
#include "harness/diff_command.h"
#include "harness/certify_command.h"
#include "harness/config_file.h"
#include "harness/exec_target.h"
#include "harness/fleet_command.h"
#include "harness/fleet_plan.h"
#include "harness/http_target.h"
#include "harness/merge_command.h"
#include "harness/orphans.h"
#include "harness/plan_command.h"
#include "harness/progress.h"
#include "harness/rerun_failed.h"
#include "harness/run.h"
#include "harness/run_options.h"
#include "harness/sarif_paths.h"
#include "harness/static_runtime.h"
#include "harness/stop_signals.h"
#include "harness/waivers.h"
#include "harness/xmlrpc_target.h"
#include "reports/json_report.h"
#include "reports/junit_report.h"
#include "reports/report_dir.h"
#include "reports/report_formats.h"
#include "reports/terminal_summary.h"
#include "suites/catalogue.h"

#include <csignal>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

namespace {

using namespace smapi;

struct Prepared {
  std::unique_ptr<harness::Target> target;
  suites::RunSubject subject;
};

Prepared prepare(const harness::RunOptions& options) {
  // A fleet is judged plugin by plugin (harness/fleet_command.h), each prepared alone.
  if (harness::is_fleet(options))
    throw harness::UsageError("--target: this command takes one plugin, not a plugin tree or several targets");
  Prepared prepared;
  auto& subject = prepared.subject;
  subject.target = options.target.text;
  subject.profile = options.profile;
  subject.timeout = options.timeout;
  subject.repeat = options.repeat;
  subject.concurrency = options.concurrency;
  subject.seed = options.seed;
  subject.probes = options.probes;
  subject.not_selected = harness::not_selected_by(options.selection, std::cerr);
  if (options.target.kind == harness::TargetSpec::Kind::exec) {
    const auto& dir = options.target.directory;
    subject.transport = suites::Transport::exec;
    auto name = std::filesystem::absolute(dir).lexically_normal();
    if (!name.has_filename()) name = name.parent_path();
    subject.plugin_dir_name = name.filename().string();
    subject.method_files = harness::list_method_files(dir);
    auto source = harness::exec_source_paths(dir, subject.method_files, options.sarif_root,
                                             std::filesystem::current_path());
    subject.source_dir = std::move(source.dir);
    subject.resolved_method_files = std::move(source.resolved);
    const auto inferred = harness::infer_plugin_kind(dir);
    if (!options.kind && !inferred)
      std::cerr << "smapi-conform: note: cannot tell the plugin kind from " << dir
                << " (its parent is neither volume/ nor datapath/); judging it as a volume "
                   "plugin, set --kind to choose\n";
    subject.kind = options.kind.value_or(inferred.value_or(suites::PluginKind::volume));
    harness::ProcessLimits limits;
    limits.timeout = options.timeout;
    limits.max_stdout_bytes = options.max_output_bytes;
    prepared.target = std::make_unique<harness::ExecTarget>(dir, limits);
    return prepared;
  }
  harness::HttpEndpoint endpoint;
  std::string error;
  if (!harness::parse_endpoint(options.target.url, endpoint, error))
    throw harness::UsageError("--target: " + error);
  subject.transport = options.protocol;
  subject.kind = options.kind.value_or(suites::PluginKind::volume);
  subject.source_dir = harness::http_source_dir(endpoint);
  harness::HttpLimits limits;
  limits.timeout = options.timeout;
  limits.max_body_bytes = options.max_output_bytes;
  if (options.protocol == suites::Transport::xmlrpc) {
    prepared.target = std::make_unique<harness::XmlRpcTarget>(endpoint, limits);
  } else {
    const auto version = options.protocol == suites::Transport::jsonrpc_v2 ? contract::JsonRpcVersion::v2
                                                                           : contract::JsonRpcVersion::v1;
    prepared.target =
        std::make_unique<harness::JsonRpcTarget>(options.target.url, endpoint, version, limits);
  }
  return prepared;
}

// The formats --format names (or the default set); a usage error otherwise.
std::vector<reports::ReportFormat> report_formats(const harness::RunOptions& options) {
  if (!options.formats) return reports::default_report_formats();
  auto list = reports::parse_format_list(*options.formats);
  if (!list.error.empty()) throw harness::UsageError("--format: " + list.error);
  return list.formats;
}

// A report directory that cannot take the reports stops the run before it
// starts, not after the whole run (created here when absent).
void check_report_dir(const harness::RunOptions& options) {
  if (!options.report_dir) return;
  if (const auto problem = reports::prepare_report_dir(*options.report_dir); !problem.empty())
    throw harness::HarnessError("--report-dir: " + problem);
}

void write_reports(const suites::RunResult& run, const std::filesystem::path& dir,
                   const std::vector<reports::ReportFormat>& formats) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw harness::HarnessError("--report-dir: cannot create " + dir.string() + ": " + ec.message());
  std::cout << "reports:";
  for (const auto& file : reports::write_reports(run, suites::catalogue(), dir, formats))
    std::cout << " " << file.string();
  std::cout << "\n";
}

// The run's stop request, which SIGINT, SIGTERM and SIGHUP make
// (harness/stop_signals.h). Never destroyed: the signal thread may outlive main.
harness::Cancellation& stop_request() {
  static auto* cancel = new harness::Cancellation;
  return *cancel;
}

// Runs the target as `options` say and judges the run: waivers applied and
// the verdict under --fail-on. A stop signal ends it early, with the verdict
// interrupted. Certify signs such a run (without progress).
suites::RunResult judged_run(const harness::RunOptions& options, const harness::ProgressCallback& progress = {}) {
  const auto waivers = options.waivers ? harness::load_waivers(*options.waivers, suites::catalogue())
                                       : std::vector<harness::Waiver>{};
  auto prepared = prepare(options);
  auto run = harness::run_conformance(*prepared.target, prepared.subject, progress, &stop_request());
  harness::apply_waivers(run, waivers, harness::utc_today());
  run.policy = {options.fail_on};
  run.verdict = suites::verdict_of(run, run.policy);
  return run;
}

int run_command(const std::vector<std::string>& args) {
  const auto parsed = cli::parse(harness::run_table(), harness::with_config_file(harness::run_table(), args));
  if (parsed.help) {
    std::cout << cli::render_help(harness::conform_program(), harness::run_table());
    return 0;
  }
  auto options = harness::run_options_from(parsed);
  harness::load_rerun_request(options.selection, std::cerr);
  const auto formats = report_formats(options);
  check_report_dir(options);
  // Before any thread starts: every thread then inherits the blocked mask.
  harness::stop_on_signals(stop_request());
  if (harness::is_fleet(options))
    return harness::fleet_command(
        options, formats, [](const harness::RunOptions& member) { return judged_run(member); }, stop_request());
  const bool show_progress = !options.quiet && harness::stderr_is_tty();
  harness::ProgressLine progress(std::cerr, show_progress, options.timeout);
  suites::RunResult run;
  {
    std::optional<harness::ProgressTicker> ticker;
    if (show_progress) ticker.emplace(progress);
    run = judged_run(options, [&](std::size_t number, std::size_t total, std::string_view label) {
      progress.started(number, total, label);
    });
  }
  progress.clear();
  if (run.interruption)
    std::cerr << "smapi-conform: " << suites::signal_name(run.interruption->signal)
              << ": stopped the calls in flight; reporting the " << run.interruption->calls_made << " of "
              << run.interruption->calls_planned << " calls made\n";
  reports::print_summary(std::cout, run, reports::stdout_is_tty());
  if (options.report_dir) {
    write_reports(run, *options.report_dir, formats);
  }
  return suites::exit_status(run);
}

// `plan`: run's flags, and the calls and requirements a run would make,
// printed without calling the plugin (harness/plan_command.h).
int plan_command(const std::vector<std::string>& args) {
  const auto parsed = cli::parse(harness::plan_table(), harness::with_config_file(harness::plan_table(), args));
  if (parsed.help) {
    std::cout << cli::render_help(harness::conform_program(), harness::plan_table());
    return 0;
  }
  auto options = harness::run_options_from(parsed);
  harness::load_rerun_request(options.selection, std::cerr);
  const auto plan_of = [](const harness::RunOptions& one) {
    const auto subject = prepare(one).subject;
    return harness::render_plan(subject, harness::plan_calls(subject), suites::catalogue());
  };
  if (!harness::is_fleet(options)) {
    std::cout << plan_of(options);
    return 0;
  }
  // A fleet: each plugin's plan, under its name in the fleet.
  const auto fleet = harness::plan_fleet(options);
  std::cout << "fleet: " << fleet.members.size() << " of " << fleet.discovered.size() << " plugins discovered";
  if (fleet.shard) std::cout << " (shard " << fleet.shard->index << "/" << fleet.shard->count << ")";
  std::cout << "\n";
  for (const auto& member : fleet.members) std::cout << "\n== " << member.name << "\n" << plan_of(member.options);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
#ifdef SMAPI_STATIC_RUNTIME
  harness::pin_host_lookup_to_builtin_services();
#endif
  // A plugin that exits before reading stdin must not kill the harness.
  std::signal(SIGPIPE, SIG_IGN);
  // Plugin descendants that leave the plugin's process group are re-parented
  // to us when orphaned, so every call can stop them (harness/orphans.h).
  harness::adopt_orphaned_descendants();
  const std::vector<std::string> args(argv + 1, argv + argc);
  const auto& program = harness::conform_program();
  if (args.empty()) {
    std::cerr << cli::render_program_help(program);
    return 2;
  }
  const std::string& command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (command == cli::kHelpFlag || command == cli::kHelpShort || command == "help") {
      std::cout << cli::render_program_help(program);
      return 0;
    }
    if (command == "--version") {
      std::cout << "smapi-conform " << SMAPI_VERSION << "\n";
      return 0;
    }
    if (command == "run") return run_command(rest);
    if (command == "plan") return plan_command(rest);
    if (command == "list") return harness::list_command(rest, std::cout);
    if (command == "explain") return harness::explain_command(rest, std::cout, std::cerr);
    if (command == "diff") return harness::diff_command(rest, std::cout, std::cerr);
    if (command == "merge") return harness::merge_command(rest, std::cout, std::cerr, reports::stdout_is_tty());
    if (command == "certify")
      return harness::certify_command(
          harness::with_config_file(harness::certify_table(), rest),
          [](const std::vector<std::string>& run_args) {
            // --report-dir: the same run's reports (JUnit, SARIF ...) beside the bundle.
            const auto options = harness::parse_run_options(run_args);
            if (harness::is_fleet(options))
              throw harness::UsageError("--target: certify judges one plugin; give one plugin directory or endpoint");
            const auto formats = report_formats(options);
            check_report_dir(options);
            harness::stop_on_signals(stop_request());
            auto run = judged_run(options);
            if (options.report_dir) write_reports(run, *options.report_dir, formats);
            return run;
          },
          std::cout, std::cerr);
    if (command == "verify") return harness::verify_command(rest, std::cout, std::cerr);
    throw harness::UsageError((command.starts_with("-") ? "unknown option \"" : "unknown command \"") + command +
                              "\"");
  } catch (const harness::UsageError& error) {
    // One line naming what was wrong, then where the command's help is.
    const std::string_view name = cli::find_command(program, command) ? std::string_view(command) : "";
    std::cerr << "smapi-conform" << (name.empty() ? "" : " ") << name << ": " << error.what() << "\n"
              << cli::usage_hint(program, name) << "\n";
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "smapi-conform: error: " << error.what() << "\n";
    return 2;
  }
}
