#pragma once
// Private: the names report.json gives the result model's enums, both ways:
// the JSON writer names them, the reader (report_reader.h) reads them back.
// A name the reader does not know throws FieldError naming the field.

#include "reports/detail/json_fields.h"
#include "suites/result.h"

#include <string_view>

namespace smapi::reports::detail {

// Stable machine names for deliveries (suites::to_string gives prose):
// "answered", "timed_out", ...
std::string_view delivery_name(suites::Delivery delivery);
std::string_view reply_kind_name(contract::Reply::Kind kind);  // "result", "error", "malformed"

suites::Delivery delivery_named(const Field& field);
contract::Reply::Kind reply_kind_named(const Field& field);
suites::PluginKind kind_named(const Field& field);
suites::Transport transport_named(const Field& field);
suites::Profile profile_named(const Field& field);
suites::Probe probe_named(const Field& field);
suites::Outcome outcome_named(const Field& field);
suites::Verdict verdict_named(const Field& field);
suites::FailOn fail_on_named(const Field& field);
suites::WaiverProblem::Kind problem_kind_named(const Field& field);
int signal_named(const Field& field);  // "SIGINT" -> SIGINT; the names suites::signal_name gives

}  // namespace smapi::reports::detail
