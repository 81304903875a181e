#include "reports/detail/report_enums.h"

#include "reports/detail/result_facts.h"

#include <csignal>
#include <initializer_list>
#include <string>

namespace smapi::reports::detail {
namespace {

// The value among `values` whose name (by `name_of`) the field holds.
template <class E, class Name>
E named(const Field& field, std::initializer_list<E> values, Name name_of) {
  const std::string text = field.string();
  std::string expected;
  for (E value : values) {
    if (name_of(value) == text) return value;
    expected += (expected.empty() ? "" : ", ") + std::string(name_of(value));
  }
  field.fail("expected one of " + expected + ", got \"" + text + "\"");
}

template <class E>
E named(const Field& field, std::initializer_list<E> values) {
  return named(field, values, [](E value) { return suites::to_string(value); });
}

}  // namespace

std::string_view delivery_name(suites::Delivery delivery) {
  using suites::Delivery;
  switch (delivery) {
    case Delivery::answered: return "answered";
    case Delivery::timed_out: return "timed_out";
    case Delivery::missing: return "missing";
    case Delivery::not_executable: return "not_executable";
    case Delivery::spawn_failed: return "spawn_failed";
    case Delivery::unreachable: return "unreachable";
    case Delivery::io_error: return "io_error";
    case Delivery::output_limit: return "output_limit";
  }
  return "unknown";
}

std::string_view reply_kind_name(contract::Reply::Kind kind) {
  switch (kind) {
    case contract::Reply::Kind::result: return "result";
    case contract::Reply::Kind::error: return "error";
    case contract::Reply::Kind::malformed: return "malformed";
  }
  return "malformed";
}

suites::Delivery delivery_named(const Field& field) {
  using suites::Delivery;
  return named(field,
               {Delivery::answered, Delivery::timed_out, Delivery::missing, Delivery::not_executable,
                Delivery::spawn_failed, Delivery::unreachable, Delivery::io_error, Delivery::output_limit},
               delivery_name);
}

contract::Reply::Kind reply_kind_named(const Field& field) {
  using Kind = contract::Reply::Kind;
  return named(field, {Kind::result, Kind::error, Kind::malformed}, reply_kind_name);
}

suites::PluginKind kind_named(const Field& field) {
  return named(field, {suites::PluginKind::volume, suites::PluginKind::datapath});
}

suites::Transport transport_named(const Field& field) {
  using suites::Transport;
  return named(field, {Transport::exec, Transport::jsonrpc_v1, Transport::jsonrpc_v2, Transport::xmlrpc});
}

suites::Profile profile_named(const Field& field) {
  return named(field, {suites::Profile::xapi, suites::Profile::strict});
}

suites::Probe probe_named(const Field& field) {
  using suites::Probe;
  return named(field, {Probe::none, Probe::repeat, Probe::concurrent, Probe::dbg_variant, Probe::bad_input,
                       Probe::extra_argument});
}

suites::Outcome outcome_named(const Field& field) {
  using suites::Outcome;
  return named(field, {Outcome::pass, Outcome::fail, Outcome::warn, Outcome::skip, Outcome::error});
}

suites::Verdict verdict_named(const Field& field) {
  using suites::Verdict;
  return named(field, {Verdict::conformant, Verdict::non_conformant, Verdict::inconclusive, Verdict::interrupted});
}

suites::FailOn fail_on_named(const Field& field) { return named(field, {suites::FailOn::must, suites::FailOn::should}); }

suites::WaiverProblem::Kind problem_kind_named(const Field& field) {
  using Kind = suites::WaiverProblem::Kind;
  return named(field, {Kind::expired, Kind::unexpected_pass, Kind::unknown_requirement}, problem_name);
}

int signal_named(const Field& field) {
  return named(field, {SIGINT, SIGTERM, SIGHUP}, suites::signal_name);
}

}  // namespace smapi::reports::detail
