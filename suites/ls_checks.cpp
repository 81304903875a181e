// The ls area: Plugin.ls lists the attached SRs, or says it is not implemented.

#include "suites/detail/answers_or_unimplemented.h"
#include "suites/detail/areas.h"

#include <boost/json/serialize.hpp>

#include <map>

namespace smapi::suites::detail {

void check_ls(const Observations& observations, Results& results) {
  check_answer_or_unimplemented(
      observations, results,
      {"LS-ANSWERS", contract::Method::ls,
       [](const boost::json::value& json, contract::View view) {
         return contract::decode_srs(json, view).findings;
       },
       [](const boost::json::value& json) {
         return "a list of " + std::to_string(json.as_array().size()) + " SRs";
       },
       "xapi never calls Plugin.ls (xen-api ocaml/xapi-storage-script/main.ml serves no call to it)"});

  const auto* call = observations.first(contract::Method::ls);
  const auto* list = call && call->delivery == Delivery::answered && call->reply.kind == contract::Reply::Kind::result
                         ? call->reply.result.if_array()
                         : nullptr;
  if (!list) return results.skip("LS-UNIQUE", "no list of SRs to judge (see LS-ANSWERS)");
  const std::vector<std::size_t> evidence{index_of(observations, *call)};
  std::map<std::string, std::size_t> seen;
  std::string repeats;
  for (const auto& item : *list)
    if (const auto* sr = item.if_string())
      if (++seen[std::string(*sr)] == 2)
        repeats += (repeats.empty() ? "" : ", ") + boost::json::serialize(*sr);
  if (repeats.empty())
    return results.pass("LS-UNIQUE", std::to_string(seen.size()) + " distinct SRs", evidence);
  results.fail("LS-UNIQUE", "listed more than once: " + repeats, evidence);
}

}  // namespace smapi::suites::detail
