#include "suites/result.h"

namespace smapi::suites {

std::string_view to_string(Level level) { return level == Level::must ? "MUST" : "SHOULD"; }

std::vector<std::string_view> transport_names(unsigned mask) {
  std::vector<std::string_view> names;
  if (mask & kExecTransport) names.emplace_back("exec");
  if (mask & kJsonRpcTransport) names.emplace_back("jsonrpc");
  if (mask & kXmlRpcTransport) names.emplace_back("xmlrpc");
  return names;
}

std::vector<std::string_view> kind_names(const Applicability& applies) {
  std::vector<std::string_view> names;
  if (applies.volume) names.emplace_back("volume");
  if (applies.datapath) names.emplace_back("datapath");
  return names;
}

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::pass: return "pass";
    case Outcome::fail: return "fail";
    case Outcome::warn: return "warn";
    case Outcome::skip: return "skip";
    case Outcome::error: return "error";
  }
  return "error";
}

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::conformant: return "conformant";
    case Verdict::non_conformant: return "non-conformant";
    case Verdict::inconclusive: return "inconclusive";
  }
  return "inconclusive";
}

std::string_view to_string(FailOn fail_on) { return fail_on == FailOn::must ? "must" : "should"; }

bool counts_toward_verdict(const Requirement& requirement, VerdictPolicy policy) {
  return requirement.level == Level::must || policy.fail_on == FailOn::should;
}

Verdict verdict_of(const std::vector<RequirementResult>& results, VerdictPolicy policy) {
  const auto counts = [&](const RequirementResult& result) {
    return counts_toward_verdict(*result.requirement, policy);
  };
  bool in_error = false;
  bool failed = false;
  for (const auto& result : results) {
    if (!counts(result)) continue;
    if (result.outcome == Outcome::fail && !result.waiver) failed = true;
    if (result.outcome == Outcome::error) in_error = true;
  }
  if (failed) return Verdict::non_conformant;
  return in_error ? Verdict::inconclusive : Verdict::conformant;
}

Verdict verdict_of(const RunResult& run, VerdictPolicy policy) {
  for (const auto& problem : run.waiver_problems)
    if (problem.kind == WaiverProblem::Kind::expired) return Verdict::non_conformant;
  return verdict_of(run.results, policy);
}

int exit_status(Verdict verdict) {
  switch (verdict) {
    case Verdict::conformant: return 0;
    case Verdict::non_conformant: return 1;
    case Verdict::inconclusive: return 2;
  }
  return 2;
}

}  // namespace smapi::suites
