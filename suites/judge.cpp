#include "suites/judge.h"

#include "suites/catalogue.h"
#include "suites/detail/areas.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace smapi::suites {

std::vector<RequirementResult> judge(const Observations& observations) {
  detail::Results results;
  detail::check_query(observations, results);
  detail::check_ls(observations, results);
  detail::check_diagnostics(observations, results);
  detail::check_errors(observations, results);
  detail::check_transport(observations, results);

  // Exactly one result per requirement, in catalogue order.
  const auto requirements = catalogue();
  auto& all = results.all();
  const auto position = [&](const RequirementResult& result) {
    return result.requirement - requirements.data();
  };
  std::stable_sort(all.begin(), all.end(),
                   [&](const auto& a, const auto& b) { return position(a) < position(b); });
  if (all.size() != requirements.size())
    throw std::logic_error("judge produced " + std::to_string(all.size()) + " results for " +
                           std::to_string(requirements.size()) + " requirements");
  for (std::size_t i = 0; i < all.size(); ++i)
    if (all[i].requirement != &requirements[i])
      throw std::logic_error("no single result for " + std::string(requirements[i].id));
  return std::move(all);
}

}  // namespace smapi::suites
