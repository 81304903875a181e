#pragma once
// Judges what the harness observed against every requirement of the catalogue.

#include "suites/observation.h"
#include "suites/result.h"

#include <vector>

namespace smapi::suites {

// One result per catalogue requirement, in catalogue order. Pure: the
// observations in, the results out.
std::vector<RequirementResult> judge(const Observations& observations);

}  // namespace smapi::suites
