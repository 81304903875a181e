#include "suites/partial_run.h"

#include "contract/method.h"
#include "suites/judge.h"

#include <optional>
#include <string>

namespace smapi::suites {
namespace {

// The method whose plain call alone a requirement of this area reads.
std::optional<contract::Method> method_of_area(std::string_view area) {
  if (area == "query") return contract::Method::query;
  if (area == "ls") return contract::Method::ls;
  if (area == "diagnostics") return contract::Method::diagnostics;
  return std::nullopt;
}

}  // namespace

void keep_settled_results(std::vector<RequirementResult>& results, const Observations& observations,
                          const Interruption& interruption) {
  const std::string stopped = "the run was interrupted (" + signal_name(interruption.signal) + ") after " +
                              std::to_string(interruption.calls_made) + " of " +
                              std::to_string(interruption.calls_planned) + " calls";
  for (auto& result : results) {
    const auto& requirement = *result.requirement;
    if (const auto method = method_of_area(requirement.area)) {
      if (observations.first(*method)) continue;
      result = RequirementResult{&requirement, Outcome::skip,
                                 "not run: " + stopped + ", before " +
                                     std::string(contract::wire_name(*method)) + " was called",
                                 {}, {}};
      continue;
    }
    if (result.outcome == Outcome::fail) continue;
    if (result.outcome == Outcome::skip && not_applicable_reason(requirement, observations)) continue;
    result = RequirementResult{&requirement, Outcome::skip,
                               "not run: " + stopped + ", before every call it reads was made", {}, {}};
  }
}

}  // namespace smapi::suites
