#pragma once
// `smapi-conform plan`: what a run would do, printed without calling the
// plugin. The calls are plan_calls' (harness/call_plan.h), the very plan
// run_conformance follows; the requirements are the catalogue's, each marked
// as judged, not selected, or not applicable where the subject alone tells.

#include "harness/call_plan.h"
#include "suites/observation.h"
#include "suites/result.h"

#include <span>
#include <string>

namespace smapi::harness {

// The plan as text: the subject, the calls in order (overlapping ones marked,
// input probes with their method left to the seed), then every requirement
// with what the run would do with it, and a count of each. Pure.
std::string render_plan(const suites::RunSubject& subject, const CallPlan& plan,
                        std::span<const suites::Requirement> catalogue);

}  // namespace smapi::harness
