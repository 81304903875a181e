#pragma once
// Judges what the harness observed against every requirement of the catalogue.

#include "suites/observation.h"
#include "suites/result.h"

#include <optional>
#include <string>
#include <vector>

namespace smapi::suites {

// One result per catalogue requirement, in catalogue order. Pure: the
// observations in, the results out. A requirement that does not apply to
// the subject (see not_applicable_reason) is a skip with that reason, whatever
// its area's checks found.
std::vector<RequirementResult> judge(const Observations& observations);

// Why `requirement` does not apply to the observed subject, decided from its
// Requirement::applies: the transport ("applies to exec plugins only"), the
// plugin kind ("applies to Volume plugins only") or a feature the plugin's
// own Plugin.query answer does not declare ("the plugin does not declare
// SR_STATS"). nullopt when it applies.
std::optional<std::string> not_applicable_reason(const Requirement& requirement,
                                                 const Observations& observations);

}  // namespace smapi::suites
