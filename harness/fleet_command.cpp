#include "harness/fleet_command.h"

#include "harness/fleet_progress.h"
#include "harness/progress.h"
#include "harness/run.h"
#include "reports/fleet_reports.h"
#include "reports/fleet_summary.h"
#include "reports/terminal_summary.h"
#include "suites/catalogue.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

namespace smapi::harness {
namespace {

// The planned plugins that never started (a signal came first): the first
// kNamedNotStarted, comma-separated, then how many more.
constexpr std::size_t kNamedNotStarted = 10;
std::string not_started(const FleetPlan& plan, const suites::FleetResult& fleet) {
  std::set<std::string> judged;
  for (const auto& member : fleet.members) judged.insert(member.name);
  std::string names;
  std::size_t count = 0;
  for (const auto& member : plan.members)
    if (!judged.contains(member.name) && ++count <= kNamedNotStarted)
      names += (names.empty() ? "" : ", ") + member.name;
  if (count > kNamedNotStarted) names += " and " + std::to_string(count - kNamedNotStarted) + " more";
  return names;
}

void write_reports(const suites::FleetResult& fleet, const std::filesystem::path& dir,
                   const std::vector<reports::ReportFormat>& formats) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw HarnessError("--report-dir: cannot create " + dir.string() + ": " + ec.message());
  std::cout << "reports:";
  for (const auto& file : reports::write_fleet_reports(fleet, suites::catalogue(), dir, formats))
    std::cout << " " << file.string();
  std::cout << "\n";
}

}  // namespace

int fleet_command(const RunOptions& options, const std::vector<reports::ReportFormat>& formats, const JudgeRun& judge,
                  const Cancellation& cancel) {
  const auto plan = plan_fleet(options);
  FleetProgressLine progress(std::cerr, !options.quiet && stderr_is_tty(), plan.members.size());
  const FleetEvents events{[&](std::string_view name) { progress.started(name); },
                           [&](std::string_view name) { progress.finished(name); }};
  const auto fleet = run_fleet(plan, options.jobs, {options.fail_on}, judge, &cancel, events);
  progress.clear();
  if (fleet.interruption) {
    const auto left = not_started(plan, fleet);
    std::cerr << "smapi-conform: " << suites::signal_name(fleet.interruption->signal)
              << ": stopped the runs in flight; reporting " << fleet.members.size() << " of "
              << plan.members.size() << " plugins" << (left.empty() ? "" : " (not started: " + left + ")") << "\n";
  }
  reports::print_fleet_summary(std::cout, fleet, reports::stdout_is_tty());
  if (options.report_dir) write_reports(fleet, *options.report_dir, formats);
  return suites::exit_status(fleet);
}

}  // namespace smapi::harness
