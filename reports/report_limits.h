#pragma once
// Size limits the report writers apply to text that came from a plugin.

#include <cstddef>

namespace smapi::reports {

// A plugin controls the bytes of its replies and its stderr; these limits keep
// a flooding plugin from turning into a flooding report. A field cut to its
// limit ends with "…[N bytes omitted]".
struct ReportLimits {
  // Largest kept part of one string that is not a call's raw bytes (message,
  // label, reproducer of a result, xapi's view...): 64 KiB.
  std::size_t max_field_bytes = 64 * 1024;
  // Largest part of a call's raw field (request, reply, stderr, reproducer)
  // quoted in a report: 2 KiB, more than a field plugin's whole Plugin.query
  // answer. A longer field is quoted by this prefix, its size and (in
  // report.json) the SHA-256 digest of the whole field. Each call is quoted
  // once per report; results cite calls by id. This limit applies to the
  // plain calls (probe "none") and to every call a result that did not pass
  // cites.
  std::size_t max_quoted_field_bytes = 2 * 1024;
  // The same for the other probe calls, those only passing results cite (the
  // repeats, the concurrent calls, the dbg variants...): 256 bytes, so ten
  // identical answers and a 64 KiB dbg argument cost a report little.
  std::size_t max_quoted_probe_field_bytes = 256;
  // Largest kept part of plugin text in the text reports (JUnit, HTML, SARIF)
  // other than a call's raw fields: messages, error params, findings: 16 KiB.
  std::size_t max_evidence_field_bytes = 16 * 1024;
};

}  // namespace smapi::reports
