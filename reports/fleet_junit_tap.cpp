// The fleet's JUnit and TAP documents: one run's section (run_sections.h)
// per plugin, inside one document.

#include "reports/detail/fleet_facts.h"
#include "reports/detail/run_sections.h"
#include "reports/detail/tap_text.h"
#include "reports/detail/text_safety.h"
#include "reports/fleet_reports.h"


namespace smapi::reports {
namespace {

std::string attr(std::string_view text, std::size_t limit) {
  return detail::xml_escape(detail::make_safe(text, limit).text, true);
}

// A member the harness could not judge: a suite of one case in error.
detail::JunitSuite harness_error_suite(const suites::FleetMember& member, std::size_t limit) {
  const std::string name = attr(member.name, limit);
  const std::string error = attr(*member.harness_error, limit);
  detail::JunitSuite suite;
  suite.counts = {1, 0, 1, 0};
  suite.xml = "  <testsuite name=\"" + name + "\"" + detail::junit_count_attributes(suite.counts, {}) + ">\n" +
              "    <properties>\n      <property name=\"verdict\" value=\"inconclusive\"/>\n    </properties>\n" +
              "    <testcase classname=\"smapi.fleet\" name=\"" + name + "\" time=\"0.000\">\n" +
              "      <error message=\"could not judge the plugin: " + error + "\" type=\"harness\">" +
              detail::xml_escape(detail::make_safe(*member.harness_error, limit).text, false) + "</error>\n" +
              "    </testcase>\n  </testsuite>\n";
  return suite;
}

using detail::tap_text;
using detail::yaml_string;

std::string indented(const std::string& text, std::string_view indent) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && c != '\n') out += indent;
    out += c;
    line_start = c == '\n';
  }
  return out;
}

}  // namespace

std::string to_fleet_junit_xml(const suites::FleetResult& fleet, const ReportLimits& limits) {
  const std::size_t limit = limits.max_evidence_field_bytes;
  detail::JunitCounts counts;
  std::string suites_xml;
  for (const auto& member : fleet.members) {
    const detail::JunitSuite suite = member.harness_error ? harness_error_suite(member, limit)
                                                          : detail::junit_testsuite(member.run, member.name, limits);
    counts += suite.counts;
    suites_xml += suite.xml;
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"smapi-conform\"" +
         detail::junit_count_attributes(counts, fleet.duration) + ">\n" + suites_xml + "</testsuites>\n";
}

std::string to_fleet_tap_report(const suites::FleetResult& fleet) {
  std::string out = "TAP version 13\n1.." + std::to_string(fleet.members.size()) + "\n";
  std::size_t number = 0;
  for (const auto& member : fleet.members) {
    const suites::Verdict verdict = suites::member_verdict(member);
    const std::string name = tap_text(member.name);
    out += "# Subtest: " + name + "\n";
    if (member.harness_error)
      out += "    1..0 # SKIP could not judge the plugin: " + tap_text(*member.harness_error) + "\n";
    else
      out += indented(detail::tap_body(member.run), "    ");
    out += (verdict == suites::Verdict::conformant ? "ok " : "not ok ") + std::to_string(++number) + " - " + name +
           " (" + std::string(suites::to_string(verdict)) + ")\n";
    if (verdict != suites::Verdict::conformant) {
      out += "  ---\n  verdict: " + yaml_string(suites::to_string(verdict)) + "\n";
      out += "  failures: " + std::to_string(detail::member_failures(member)) + "\n";
      if (member.harness_error) out += "  harness_error: " + yaml_string(*member.harness_error) + "\n";
      out += "  ...\n";
    }
  }
  if (fleet.interruption)
    out += "Bail out! interrupted (" + suites::signal_name(fleet.interruption->signal) + ") after " +
           std::to_string(fleet.members.size()) + " of " + std::to_string(fleet.discovered.size()) + " plugins\n";
  return out;
}

}  // namespace smapi::reports
