#include "reports/detail/call_quoting.h"

namespace smapi::reports::detail {

std::vector<std::size_t> quote_limits(const suites::RunResult& run, const ReportLimits& limits) {
  const auto& calls = run.observations.calls;
  std::vector<std::size_t> out(calls.size(), limits.max_quoted_probe_field_bytes);
  for (std::size_t i = 0; i < calls.size(); ++i)
    if (calls[i].probe == suites::Probe::none) out[i] = limits.max_quoted_field_bytes;
  // A reader of a failure, warning, skip or error needs its calls in full.
  for (const auto& result : run.results)
    if (result.outcome != suites::Outcome::pass)
      for (std::size_t index : result.evidence)
        if (index < out.size()) out[index] = limits.max_quoted_field_bytes;
  return out;
}

}  // namespace smapi::reports::detail
