#pragma once
// What a run cut short by a signal may still report: the results its calls
// settled, and "not run" for the others.

#include "suites/observation.h"
#include "suites/result.h"

#include <vector>

namespace smapi::suites {

// Turns the results judge() gave for the calls of an interrupted run into
// what those calls settle. A requirement of the query, ls or diagnostics area
// reads only its method's plain call: judged when that call was made. Any
// other requirement reads many calls (all of them, or the repeats, the
// concurrent calls, the probes): a failure already seen stands, and a skip
// because it does not apply stands; anything else becomes a skip whose
// message starts "not run:" and says why. So a reader sees every requirement,
// and no pass that the missing calls might have changed.
void keep_settled_results(std::vector<RequirementResult>& results, const Observations& observations,
                          const Interruption& interruption);

}  // namespace smapi::suites
