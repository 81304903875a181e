#include "reports/detail/result_facts.h"

namespace smapi::reports::detail {
namespace {

constexpr suites::Requirement kUnknownRequirement{
    "UNKNOWN-REQUIREMENT", "unknown", suites::Level::must,
    "(the result names no requirement)", ""};

}  // namespace

const suites::Requirement& requirement_of(const suites::RequirementResult& result) {
  return result.requirement ? *result.requirement : kUnknownRequirement;
}

std::string reproducer_of(const suites::RequirementResult& result,
                          const suites::Observations& observations) {
  for (std::size_t index : result.evidence) {
    if (index >= observations.calls.size()) continue;
    const std::string& line = observations.calls[index].reproducer;
    if (line.empty()) continue;
    std::string out;
    for (char c : line) {
      if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else out += c;
    }
    return out;
  }
  return "";
}

bool is_waived(const suites::RequirementResult& result) {
  return result.waiver.has_value() &&
         (result.outcome == suites::Outcome::fail || result.outcome == suites::Outcome::error);
}

std::string waiver_text(const suites::WaiverNote& waiver) {
  std::string out = "waived: " + waiver.reason;
  std::string extra;
  if (!waiver.ticket.empty()) extra += "ticket " + waiver.ticket;
  if (!waiver.expires.empty()) extra += (extra.empty() ? "" : ", ") + ("expires " + waiver.expires);
  if (!extra.empty()) out += " (" + extra + ")";
  return out;
}

std::string_view problem_name(suites::WaiverProblem::Kind kind) {
  switch (kind) {
    case suites::WaiverProblem::Kind::expired: return "expired";
    case suites::WaiverProblem::Kind::unexpected_pass: return "unexpected_pass";
    case suites::WaiverProblem::Kind::unknown_requirement: return "unknown_requirement";
  }
  return "unknown_requirement";
}

}  // namespace smapi::reports::detail
