#pragma once
// One function per area of the catalogue; each adds a result for every
// requirement of its area, in catalogue order.

#include "suites/detail/check_support.h"

namespace smapi::suites::detail {

void check_query(const Observations& observations, Results& results);
void check_ls(const Observations& observations, Results& results);
void check_diagnostics(const Observations& observations, Results& results);
void check_errors(const Observations& observations, Results& results);
void check_transport(const Observations& observations, Results& results);
void check_robustness(const Observations& observations, Results& results);

// The largest Plugin.diagnostics text DIAG-SIZE accepts. Diagnostics go
// into bug reports; 1 MiB is far more than any field plugin prints.
inline constexpr std::size_t kMaxDiagnosticsBytes = 1024 * 1024;

}  // namespace smapi::suites::detail
