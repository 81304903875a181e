// The diagnostics area: Plugin.diagnostics returns printable text, or says it
// is not implemented.

#include "suites/detail/answers_or_unimplemented.h"
#include "suites/detail/areas.h"
#include "suites/detail/pii_scan.h"

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

  const auto* call = observations.first(contract::Method::diagnostics);
  const auto* text = call && call->delivery == Delivery::answered &&
                             call->reply.kind == contract::Reply::Kind::result
                         ? call->reply.result.if_string()
                         : nullptr;
  if (!text) {
    const std::string reason = "no diagnostics text to judge (see DIAG-ANSWERS)";
    results.skip("DIAG-NO-PII", reason);
    return results.skip("DIAG-SIZE", reason);
  }
  const std::vector<std::size_t> evidence{index_of(observations, *call)};

  const auto findings = scan_for_pii(*text);
  if (findings.empty()) {
    results.pass("DIAG-NO-PII", "no e-mail, IP or MAC address, password, key or token found", evidence);
  } else {
    std::string found;
    for (const auto& finding : findings) found += (found.empty() ? "" : "; ") + describe(finding);
    results.add("DIAG-NO-PII", observations.subject.profile == Profile::strict ? Outcome::fail : Outcome::warn,
                "diagnostics may hold private data: " + found, evidence);
  }

  const auto size = std::to_string(text->size()) + " bytes";
  const auto bound = std::to_string(kMaxDiagnosticsBytes) + " bytes";
  if (text->size() <= kMaxDiagnosticsBytes)
    results.pass("DIAG-SIZE", size + ", within " + bound, evidence);
  else
    results.fail("DIAG-SIZE", size + ", more than " + bound, evidence);
}

}  // namespace smapi::suites::detail
