// The ls area: Plugin.ls lists the attached SRs, or says it is not implemented.

#include "suites/detail/answers_or_unimplemented.h"
#include "suites/detail/areas.h"

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
       }});
}

}  // namespace smapi::suites::detail
