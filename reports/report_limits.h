#pragma once
// Size limits the report writers apply to text that came from a plugin.

#include <cstddef>

namespace smapi::reports {

// A plugin controls the bytes of its replies and its stderr; these limits keep
// a flooding plugin from turning into a flooding report. A field cut to its
// limit ends with "…[N bytes omitted]".
struct ReportLimits {
  // Largest kept part of one raw field (request, reply, stderr, reproducer,
  // message...) in the JSON report's "calls" list: 64 KiB.
  std::size_t max_field_bytes = 64 * 1024;
  // Largest kept part of one raw field where a call is repeated as evidence
  // of a requirement (JSON "results[].evidence", JUnit transcripts): 16 KiB.
  // The same call appears once in full under "calls".
  std::size_t max_evidence_field_bytes = 16 * 1024;
};

}  // namespace smapi::reports
