// The diagnostics area: Plugin.diagnostics returns printable text, or says it
// is not implemented.

#include "contract/json_text.h"
#include "suites/detail/answers_or_unimplemented.h"
#include "suites/detail/areas.h"
#include "suites/detail/pii_scan.h"

namespace smapi::suites::detail {

namespace {

// Judged for Volume plugins only (its Applicability): xapi's
// Host.get_sm_diagnostics asks every Volume plugin in turn, and one that
// fails fails the host call (xen-api ocaml/xapi/xapi_host.ml
// get_sm_diagnostics, ocaml/xapi-storage-script/main.ml
// query_diagnostics_impl).
void check_succeeds(const Observations& observations, Results& results) {
  constexpr std::string_view kId = "DIAG-SUCCEEDS";
  const auto* call = observations.first(contract::Method::diagnostics);
  if (!call) return results.skip(kId, "Plugin.diagnostics was not called");
  const std::vector<std::size_t> evidence{index_of(observations, *call)};
  if (call->delivery == Delivery::missing)
    return results.fail(kId,
                        "the directory has no Plugin.diagnostics file: xapi reports SCRIPT_MISSING and "
                        "Host.get_sm_diagnostics fails for the whole host",
                        evidence);
  if (call->delivery != Delivery::answered || call->reply.kind == contract::Reply::Kind::malformed)
    return results.skip(kId, "no answer to judge (see DIAG-ANSWERS and the transport requirements)", evidence);
  if (call->reply.kind == contract::Reply::Kind::error)
    return results.fail(kId,
                        "Plugin.diagnostics answered with the error " +
                            contract::json_excerpt(call->reply.error.raw, 200) +
                            ": Host.get_sm_diagnostics fails for the whole host",
                        evidence);
  if (!call->reply.result.is_string())
    return results.skip(kId, "the answer is not a string (see DIAG-ANSWERS)", evidence);
  results.pass(kId, "Plugin.diagnostics answered with text", evidence);
}

}  // namespace

void check_diagnostics(const Observations& observations, Results& results) {
  check_answer_or_unimplemented(
      observations, results,
      {"DIAG-ANSWERS", contract::Method::diagnostics,
       [](const boost::json::value& json, contract::View view) {
         return contract::decode_diagnostics(json, view).findings;
       },
       [](const boost::json::value& json) {
         return "a string of " + std::to_string(json.as_string().size()) + " bytes";
       },
       observations.subject.kind == PluginKind::datapath
           ? "xapi never calls a Datapath plugin's Plugin.diagnostics"
           : "whether xapi's host call succeeds is judged by DIAG-SUCCEEDS",
       /*any_error_answers=*/true});
  check_succeeds(observations, results);

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
