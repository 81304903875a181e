// The diagnostics area: Plugin.diagnostics returns printable text, or says it
// is not implemented.

#include "suites/detail/answers_or_unimplemented.h"
#include "suites/detail/areas.h"

namespace smapi::suites::detail {

void check_diagnostics(const Observations& observations, Results& results) {
  check_answer_or_unimplemented(
      observations, results,
      {"DIAG-ANSWERS", contract::Method::diagnostics,
       [](const boost::json::value& json, contract::View view) {
         return contract::decode_diagnostics(json, view).findings;
       },
       [](const boost::json::value& json) {
         return "a string of " + std::to_string(json.as_string().size()) + " bytes";
       }});
}

}  // namespace smapi::suites::detail
