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

// Lets go of what a probe (a call other than a method's plain call) holds
// past kKeptProbeBytes of its reply or stderr: the bytes are cut, the decoded
// answer is cut to a prefix that quotes the same, and CallObservation::whole
// keeps what judge() reads from the whole. judge() then gives the same
// results, except that answers are compared by digest (a 64-bit hash of the
// decoded answer, equal for equal answers). Nothing happens to a smaller call.
void compact_call(CallObservation& call);

// Why `requirement` does not apply to the observed subject, decided from its
// Requirement::applies: the transport ("applies to exec plugins only"), the
// plugin kind ("applies to Volume plugins only") or a feature the plugin's
// own Plugin.query answer does not declare ("the plugin does not declare
// SR_STATS"). nullopt when it applies.
std::optional<std::string> not_applicable_reason(const Requirement& requirement,
                                                 const Observations& observations);

}  // namespace smapi::suites
