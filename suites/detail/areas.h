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

}  // namespace smapi::suites::detail
