#pragma once
// The rule Plugin.ls and Plugin.diagnostics share: a result of the right
// shape, or a well-formed Unimplemented naming the method.

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
};

void check_answer_or_unimplemented(const Observations& observations, Results& results,
                                   const AnswerRule& rule);

}  // namespace smapi::suites::detail
