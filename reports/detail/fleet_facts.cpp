#include "reports/detail/fleet_facts.h"

#include "reports/detail/result_facts.h"

#include <array>

namespace smapi::reports::detail {

namespace {

bool is_failure(const suites::RequirementResult& result) {
  return result.outcome == suites::Outcome::fail || result.outcome == suites::Outcome::error;
}

// Failed or errored results, split by whether they decide the verdict.
std::size_t count_failures(const suites::FleetMember& member, bool deciding) {
  std::size_t failures = 0;
  for (const auto& result : member.run.results)
    if (is_failure(result)) failures += decides_verdict(result, member.run.policy) == deciding;
  return failures;
}

}  // namespace

bool decides_verdict(const suites::RequirementResult& result, suites::VerdictPolicy policy) {
  return is_failure(result) && !is_waived(result) && suites::counts_toward_verdict(requirement_of(result), policy);
}

std::size_t member_failures(const suites::FleetMember& member) { return count_failures(member, true); }

std::size_t member_other_failures(const suites::FleetMember& member) { return count_failures(member, false); }

std::string fleet_headline(const suites::FleetResult& fleet) {
  using suites::Verdict;
  constexpr std::array kVerdicts{Verdict::conformant, Verdict::non_conformant, Verdict::inconclusive,
                                 Verdict::interrupted};
  const std::size_t n = fleet.members.size();
  std::string out = std::to_string(n) + (n == 1 ? " plugin" : " plugins");
  std::string counts;
  for (Verdict verdict : kVerdicts) {
    std::size_t count = 0;
    for (const auto& member : fleet.members) count += suites::member_verdict(member) == verdict;
    if (count) counts += (counts.empty() ? "" : ", ") + std::to_string(count) + " " + std::string(suites::to_string(verdict));
  }
  if (!counts.empty()) out += ": " + counts;
  if (fleet.shard)
    out += " (shard " + std::to_string(fleet.shard->index) + "/" + std::to_string(fleet.shard->count) + " of " +
           std::to_string(fleet.discovered.size()) + " plugins)";
  return out;
}

}  // namespace smapi::reports::detail
