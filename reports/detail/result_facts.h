#pragma once
// Facts about one result that every report format states the same way: its
// requirement (or a stand-in), its one-line reproducer, and
// whether it counts against the verdict.

#include "suites/result.h"

#include <string>
#include <string_view>

namespace smapi::reports::detail {

// The requirement a result names; a stand-in ("UNKNOWN-REQUIREMENT", MUST)
// when it names none (a harness bug), so reports still say what they can.
const suites::Requirement& requirement_of(const suites::RequirementResult& result);

// The one-line reproducer of a result: the reproducer of its first evidence
// call that has one, with line breaks shown as \n; "" when it has none.
std::string reproducer_of(const suites::RequirementResult& result,
                          const suites::Observations& observations);

// A failure or error a waiver covered: reported, but not counted.
bool is_waived(const suites::RequirementResult& result);

// "waived: REASON (ticket T, expires YYYY-MM-DD)".
std::string waiver_text(const suites::WaiverNote& waiver);

// The machine name of a waiver problem: "expired", "unexpected_pass",
// "unknown_requirement".
std::string_view problem_name(suites::WaiverProblem::Kind kind);

}  // namespace smapi::reports::detail
