#include "suites/detail/answers_or_unimplemented.h"

#include "contract/names.h"
#include "contract/json_text.h"

namespace smapi::suites::detail {

void check_answer_or_unimplemented(const Observations& observations, Results& results,
                                   const AnswerRule& rule) {
  const auto id = rule.requirement_id;
  const auto method_name = std::string(contract::wire_name(rule.method));
  const auto* call = observations.first(rule.method);
  if (!call) return results.skip(id, method_name + " was not called");
  const std::vector<std::size_t> evidence{index_of(observations, *call)};

  if (call->delivery == Delivery::missing)
    return results.pass(id,
                        "not implemented: the directory has no " + std::string(contract::script_name(rule.method)) +
                            " file; " + std::string(rule.when_missing),
                        evidence);
  if (!transport_requirement_for(*call).empty())
    return results.skip(id, see_transport_requirement(*call), evidence);
  if (call->delivery != Delivery::answered || call->reply.kind == contract::Reply::Kind::malformed)
    return results.fail(id, method_name + " gave no usable answer: " + no_answer_reason(*call), evidence);

  if (call->reply.kind == contract::Reply::Kind::error) {
    const auto named = contract::unimplemented_method(call->reply.error, error_form(*call));
    if (!named && rule.any_error_answers)
      return results.pass(id, "a well-formed error: " + contract::json_excerpt(call->reply.error.raw, 200), evidence);
    if (!named)
      return results.fail(id,
                          "expected a result or Unimplemented, got the error " +
                              contract::json_excerpt(call->reply.error.raw, 200),
                          evidence);
    if (!contract::equals_ignoring_case(*named, method_name))
      return results.fail(id, "Unimplemented names \"" + *named + "\", expected \"" + method_name + "\"",
                          evidence);
    return results.pass(id, "not implemented (a well-formed Unimplemented)", evidence);
  }

  const auto findings = rule.findings_of(call->reply.result, view_for(observations.subject.profile));
  if (!findings.empty()) return results.fail(id, describe(findings), evidence);
  results.pass(id, rule.summary_of(call->reply.result), evidence);
}

}  // namespace smapi::suites::detail
