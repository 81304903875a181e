#pragma once
// The rule Plugin.ls and Plugin.diagnostics share: a result of the right
// shape, or a well-formed error in the transport's own form. xapi never
// calls Plugin.ls, nor a Datapath plugin's Plugin.diagnostics, so a missing
// method file is no defect; a method that is there must answer as the IDL says.

#include "suites/detail/check_support.h"

#include <functional>

namespace smapi::suites::detail {

struct AnswerRule {
  std::string_view requirement_id;  // "LS-ANSWERS"
  contract::Method method;
  // Decodes the result in a view; its findings explain a rejection.
  std::function<std::vector<contract::Finding>(const boost::json::value&, contract::View)> findings_of;
  // Describes an accepted result for the pass message: "2 SRs".
  std::function<std::string(const boost::json::value&)> summary_of;
  // Why a missing method file is no defect, for the pass message.
  std::string_view when_missing;
  // Whether any well-formed error is an answer (a method that may fail, as
  // diagnostics may); otherwise only an Unimplemented naming the method is.
  bool any_error_answers = false;
};

void check_answer_or_unimplemented(const Observations& observations, Results& results,
                                   const AnswerRule& rule);

}  // namespace smapi::suites::detail
