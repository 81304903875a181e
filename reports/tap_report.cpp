#include "reports/tap_report.h"

#include "reports/detail/atomic_file.h"
#include "reports/detail/result_facts.h"
#include "reports/detail/run_sections.h"
#include "reports/detail/tap_text.h"
#include "reports/detail/text_safety.h"


#include <vector>

namespace smapi::reports {
namespace {

using detail::tap_text;
using detail::yaml_string;

struct Point {
  bool ok = true;
  std::string description;
  std::string directive;  // "SKIP ..." / "TODO ..." or ""
  std::vector<std::pair<std::string, std::string>> yaml;  // key, raw value
};

std::string point_text(const Point& point, std::size_t number) {
  std::string out = (point.ok ? "ok " : "not ok ") + std::to_string(number) + " - " + point.description;
  if (!point.directive.empty()) out += " # " + point.directive;
  out += '\n';
  if (!point.yaml.empty()) {
    out += "  ---\n";
    for (const auto& [key, value] : point.yaml) out += "  " + key + ": " + yaml_string(value) + "\n";
    out += "  ...\n";
  }
  return out;
}

}  // namespace

std::string detail::tap_body(const suites::RunResult& run) {
  std::vector<Point> points;
  for (const auto& result : run.results) {
    const suites::Requirement& requirement = detail::requirement_of(result);
    Point point;
    point.description = tap_text(std::string(requirement.id) + " (" +
                                 std::string(suites::to_string(requirement.level)) + ") " +
                                 std::string(requirement.statement));
    const bool waived = detail::is_waived(result);
    switch (result.outcome) {
      case suites::Outcome::pass: break;
      case suites::Outcome::warn: break;
      case suites::Outcome::skip: point.directive = "SKIP " + tap_text(result.message); break;
      case suites::Outcome::fail:
      case suites::Outcome::error:
        point.ok = false;
        if (waived)
          point.directive = "TODO " + tap_text(detail::waiver_text(*result.waiver));
        else if (!suites::counts_toward_verdict(requirement, run.policy))
          point.directive = "TODO " + std::string(suites::to_string(requirement.level)) +
                            ": does not affect the verdict under --fail-on " +
                            std::string(suites::to_string(run.policy.fail_on));
        break;
    }
    if (result.outcome != suites::Outcome::pass && result.outcome != suites::Outcome::skip) {
      point.yaml = {{"outcome", std::string(suites::to_string(result.outcome))},
                    {"level", std::string(suites::to_string(requirement.level))},
                    {"area", std::string(requirement.area)},
                    {"message", result.message}};
      const std::string reproducer = detail::reproducer_of(result, run.observations);
      if (!reproducer.empty()) point.yaml.emplace_back("reproducer", reproducer);
      if (waived) point.yaml.emplace_back("waiver", detail::waiver_text(*result.waiver));
    }
    points.push_back(std::move(point));
  }
  for (const auto& problem : run.waiver_problems) {
    Point point;
    const std::string kind(detail::problem_name(problem.kind));
    point.ok = problem.kind != suites::WaiverProblem::Kind::expired;
    point.description = tap_text("waiver " + problem.id + " (" + kind + ")");
    point.yaml = {{"waiver_problem", kind}, {"detail", problem.detail}};
    points.push_back(std::move(point));
  }

  std::string out = "1.." + std::to_string(points.size()) + "\n";
  for (std::size_t i = 0; i < points.size(); ++i) out += point_text(points[i], i + 1);
  // A signal stopped the run: TAP's own word for a run that did not finish.
  if (run.interruption)
    out += "Bail out! interrupted (" + suites::signal_name(run.interruption->signal) + ") after " +
           std::to_string(run.interruption->calls_made) + " of " +
           std::to_string(run.interruption->calls_planned) + " calls\n";
  return out;
}

std::string to_tap_report(const suites::RunResult& run) { return "TAP version 13\n" + detail::tap_body(run); }

void write_tap_report(const suites::RunResult& run, const std::filesystem::path& file) {
  detail::write_file_atomically(file, to_tap_report(run));
}

}  // namespace smapi::reports
