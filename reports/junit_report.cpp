#include "reports/junit_report.h"

#include "reports/detail/atomic_file.h"
#include "reports/detail/call_quoting.h"
#include "reports/detail/evidence_text.h"
#include "reports/detail/result_facts.h"
#include "reports/detail/run_sections.h"
#include "reports/detail/text_safety.h"

#include <chrono>
#include <cstdio>

namespace smapi::reports {
namespace {

using detail::xml_escape;

std::string attr(std::string_view text, std::size_t limit) {
  return xml_escape(detail::make_safe(text, limit).text, true);
}

// Milliseconds as JUnit's seconds with three decimals: 1234 -> "1.234".
std::string seconds(std::chrono::milliseconds ms) {
  const long long count = ms.count() < 0 ? 0 : static_cast<long long>(ms.count());
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%lld.%03lld", count / 1000, count % 1000);
  return buffer;
}

std::string property(std::string_view name, std::string_view value, std::size_t limit) {
  return "      <property name=\"" + attr(name, limit) + "\" value=\"" + attr(value, limit) +
         "\"/>\n";
}

}  // namespace

namespace detail {

JunitCounts& JunitCounts::operator+=(const JunitCounts& other) {
  tests += other.tests;
  failures += other.failures;
  errors += other.errors;
  skipped += other.skipped;
  return *this;
}

std::string junit_count_attributes(const JunitCounts& counts, std::chrono::milliseconds time) {
  return " tests=\"" + std::to_string(counts.tests) + "\" failures=\"" +
         std::to_string(counts.failures) + "\" errors=\"" + std::to_string(counts.errors) +
         "\" skipped=\"" + std::to_string(counts.skipped) + "\" time=\"" + seconds(time) + "\"";
}

JunitSuite junit_testsuite(const suites::RunResult& run, std::string_view suite_name, const ReportLimits& limits) {
  const auto& calls = run.observations.calls;
  const std::size_t limit = limits.max_evidence_field_bytes;
  const std::vector<std::size_t> quote_limits = detail::quote_limits(run, limits);

  JunitCounts counts;
  std::string cases;
  for (const auto& result : run.results) {
    const suites::Requirement& requirement = detail::requirement_of(result);
    ++counts.tests;

    // Each case cites its calls in a line each; what did not pass also
    // carries their transcripts, which a CI page shows with the failure.
    const bool shows_transcript =
        result.outcome == suites::Outcome::fail || result.outcome == suites::Outcome::error;
    std::string citations;
    std::string transcript;
    std::chrono::milliseconds time{0};
    for (std::size_t index : result.evidence) {
      if (index >= calls.size()) {
        citations += "call #" + std::to_string(index) + ": (not recorded)\n";
        continue;
      }
      citations += detail::call_citation(calls[index], index) + '\n';
      if (shows_transcript)
        transcript += (transcript.empty() ? "" : "\n") +
                      detail::call_transcript(calls[index], index, quote_limits[index]);
      time += calls[index].elapsed;
    }
    if (citations.empty()) citations = "(no calls recorded for this requirement)\n";
    if (transcript.empty()) transcript = citations;

    const std::string id(requirement.id);
    const std::string level(suites::to_string(requirement.level));
    const std::string message = detail::show_controls(detail::make_safe(result.message, limit).text);
    std::string label = id + ": ";
    if (requirement.level == suites::Level::should) label += "(SHOULD) ";
    label += message;

    const std::string reproducer =
        detail::show_controls(detail::make_safe(detail::reproducer_of(result, run.observations), limit).text);
    std::string explanation = message + "\n";
    if (!reproducer.empty()) explanation += "reproducer: " + reproducer + "\n";

    std::string body;
    std::string out_text = citations;
    if (detail::is_waived(result)) {
      // A waived failure or error is reported as skipped: it does not turn the
      // CI job red, and the skip message says who waived it and until when.
      ++counts.skipped;
      const std::string note = detail::show_controls(
          detail::make_safe(detail::waiver_text(*result.waiver), limit).text);
      body = "      <skipped message=\"" + xml_escape(note + " [" + std::string(suites::to_string(result.outcome)) +
             ": " + label + "]", true) + "\"/>\n";
      out_text = note + "\n" + std::string(suites::to_string(result.outcome)) + ": " + explanation +
                 "\n" + transcript;
    } else switch (result.outcome) {
      case suites::Outcome::pass:
        break;
      case suites::Outcome::warn:
        out_text = "warning: " + message + "\n\n" + citations;
        break;
      case suites::Outcome::skip:
        ++counts.skipped;
        body = "      <skipped message=\"" + xml_escape(message, true) + "\"/>\n";
        break;
      case suites::Outcome::fail:
        ++counts.failures;
        body = "      <failure message=\"" + xml_escape(label, true) + "\" type=\"" + level +
               "\">" + xml_escape(explanation + "\n" + transcript, false) + "</failure>\n";
        break;
      case suites::Outcome::error:
        ++counts.errors;
        body = "      <error message=\"" + xml_escape(label, true) + "\" type=\"" + level +
               "\">" + xml_escape(explanation + "\n" + transcript, false) + "</error>\n";
        break;
    }
    cases += "    <testcase classname=\"smapi." + attr(requirement.area, limit) + "\" name=\"" +
             attr(id, limit) + "\" time=\"" + seconds(time) + "\">\n";
    cases += body;
    cases += "      <system-out>" + xml_escape(out_text, false) + "</system-out>\n";
    cases += "    </testcase>\n";
  }

  // Waiver problems as their own cases: an expired waiver fails (it fails
  // the run too); an unexpected pass or an unknown ID passes with a note.
  for (const auto& problem : run.waiver_problems) {
    ++counts.tests;
    const std::string kind(detail::problem_name(problem.kind));
    const std::string detail_text = detail::show_controls(detail::make_safe(problem.detail, limit).text);
    cases += "    <testcase classname=\"smapi.waivers\" name=\"" + attr(problem.id + " (" + kind + ")", limit) +
             "\" time=\"0.000\">\n";
    if (problem.kind == suites::WaiverProblem::Kind::expired) {
      ++counts.failures;
      cases += "      <failure message=\"" + xml_escape("waiver for " + problem.id + ": " + detail_text, true) +
               "\" type=\"waiver\">" + xml_escape(detail_text, false) + "</failure>\n";
    }
    cases += "      <system-out>" + xml_escape("waiver " + kind + ": " + detail_text + "\n", false) +
             "</system-out>\n    </testcase>\n";
  }

  const auto& subject = run.observations.subject;
  std::string xml = "  <testsuite name=\"" + attr(suite_name, limit) + "\"" + junit_count_attributes(counts, run.duration);
  if (!run.started_at.empty()) xml += " timestamp=\"" + attr(run.started_at, limit) + "\"";
  xml += ">\n    <properties>\n";
  xml += property("target", subject.target, limit);
  xml += property("kind", suites::to_string(subject.kind), limit);
  xml += property("transport", suites::to_string(subject.transport), limit);
  xml += property("profile", suites::to_string(subject.profile), limit);
  xml += property("verdict", suites::to_string(run.verdict), limit);
  xml += property("tool_version", run.tool_version, limit);
  xml += "    </properties>\n";
  xml += cases;
  // Every call once, in order: the cases above cite them as "call #N".
  std::string all_calls = "The calls of this run, each once (test cases cite them as call #N):\n";
  for (std::size_t index = 0; index < calls.size(); ++index)
    all_calls += '\n' + detail::call_transcript(calls[index], index, quote_limits[index]);
  xml += "    <system-out>" + xml_escape(all_calls, false) + "</system-out>\n";
  xml += "  </testsuite>\n";
  return {std::move(xml), counts};
}

}  // namespace detail

std::string to_junit_xml(const suites::RunResult& run, const ReportLimits& limits) {
  const detail::JunitSuite suite = detail::junit_testsuite(run, "smapi-conform", limits);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"smapi-conform\"" +
         detail::junit_count_attributes(suite.counts, run.duration) + ">\n" + suite.xml + "</testsuites>\n";
}

void write_junit_report(const suites::RunResult& run, const std::filesystem::path& file,
                        const ReportLimits& limits) {
  detail::write_file_atomically(file, to_junit_xml(run, limits));
}

}  // namespace smapi::reports
