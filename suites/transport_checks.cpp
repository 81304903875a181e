// The transport area: answers arrive whole, in time, bounded, in one value,
// in a well-formed envelope; exec plugins start and let go of their pipes.

#include "contract/json_text.h"
#include "suites/detail/areas.h"

#include <algorithm>
#include <functional>
#include <string>

namespace smapi::suites::detail {
namespace {

using contract::Reply;

// Judges a requirement over every call: `defect` says what is wrong with one
// call (empty when nothing is); `applies` filters the calls judged. Calls
// with a defect make the result `outcome` (a fail, or a warn for what xapi
// tolerates).
void judge_each_call(const Observations& observations, Results& results, std::string_view id,
                     const std::function<bool(const CallObservation&)>& applies,
                     const std::function<std::string(const CallObservation&)>& defect,
                     const std::string& pass_message, const std::string& nothing_to_judge,
                     Outcome outcome = Outcome::fail) {
  std::string defects;
  std::vector<std::size_t> judged, failing;
  for (const auto& call : observations.calls) {
    if (!judged_by_transport_requirements(call.probe) || !applies(call)) continue;
    const auto index = index_of(observations, call);
    judged.push_back(index);
    const auto what = defect(call);
    if (what.empty()) continue;
    defects += (defects.empty() ? "" : "; ") + call_name(call) + ": " + what;
    failing.push_back(index);
  }
  if (judged.empty()) return results.skip(id, nothing_to_judge);
  if (defects.empty()) return results.pass(id, pass_message, judged);
  results.add(id, outcome, defects, failing);
}

bool answered(const CallObservation& call) { return call.delivery == Delivery::answered; }

std::string join(const std::vector<std::string>& notes) {
  std::string text;
  for (const auto& note : notes) text += (text.empty() ? "" : ", ") + note;
  return text;
}

bool claims_success(const CallObservation& call) {
  if (!answered(call)) return false;
  if (call.exit)
    return call.exit->how == contract::ExecExit::How::exited && call.exit->code == 0;
  return call.http_status == 200;
}

// A success whose bytes are not UTF-8 was never read as one value:
// TRANSPORT-UTF8 judges it alone.
bool readable_success(const CallObservation& call) { return claims_success(call) && !reply_invalid_utf8(call); }

// Why a successful answer is not one value as the profile reads it: xapi's
// reader (Yojson) in the xapi profile; RFC 8259 in the strict one, where
// what only Yojson reads fails too.
std::string one_value_defect(const CallObservation& call, Profile profile) {
  if (auto problem = one_value_problem(call); !problem.empty()) return problem;
  if (profile == Profile::strict && !call.reply.non_standard_json.empty())
    return "not RFC 8259 JSON: " + join(call.reply.non_standard_json);
  return {};
}

std::string utf8_defect(const CallObservation& call) {
  if (const auto bad = reply_invalid_utf8(call)) {
    static constexpr char kHex[] = "0123456789abcdef";
    const auto byte = bad->byte;
    return "byte " + std::to_string(bad->offset) + " (0x" + kHex[byte >> 4] + kHex[byte & 0xF] + ") of the " +
           (call.exit ? "stdout" : "body") + " is not UTF-8";
  }
  return unstorable_string_problem(call);
}

// TRANSPORT-JSON-STANDARD: what xapi's reader took that RFC 8259 refuses. A
// warning in the xapi profile (xapi reads it; other readers do not); the
// strict profile fails it as TRANSPORT-ONE-VALUE.
void check_json_standard(const Observations& observations, Results& results) {
  constexpr std::string_view kId = "TRANSPORT-JSON-STANDARD";
  if (observations.subject.transport == Transport::xmlrpc)
    return results.skip(kId, "XML-RPC answers are XML, not JSON");
  if (observations.subject.profile == Profile::strict)
    return results.skip(kId, "the strict profile reads RFC 8259 only: see TRANSPORT-ONE-VALUE");
  judge_each_call(
      observations, results, kId, answered,
      [](const CallObservation& call) {
        return call.reply.non_standard_json.empty()
                   ? std::string()
                   : join(call.reply.non_standard_json) + " (xapi's reader takes it; RFC 8259 readers refuse it)";
      },
      "every answer is RFC 8259 JSON", "no reply to judge", Outcome::warn);
}

// Whether the call reached the plugin: a process ran or a request was sent.
bool made(const CallObservation& call) {
  switch (call.delivery) {
    case Delivery::missing:
    case Delivery::not_executable:
    case Delivery::spawn_failed:
    case Delivery::unreachable: return false;
    default: return true;
  }
}

std::string envelope_defect(const CallObservation& call) {
  if (call.delivery == Delivery::io_error) return "the exchange broke off: " + call.delivery_detail;
  if (call.http_status != 200) return "HTTP status " + std::to_string(call.http_status.value_or(0));
  if (!one_value_problem(call).empty()) return {};                         // TRANSPORT-ONE-VALUE
  if (jsonrpc_error_value_unreadable(call)) return {};                    // ERROR-WELL-FORMED
  std::string defect;
  if (call.reply.kind == Reply::Kind::malformed) defect = call.reply.problem;
  for (const auto& finding : call.reply.envelope_findings)
    defect += (defect.empty() ? "" : "; ") + finding.describe();
  return defect;
}

}  // namespace

// TRANSPORT-ENVELOPE (HTTP only) and EXEC-* (exec only) are judged here for
// every subject; judge() skips them where their Applicability says so.
void check_transport(const Observations& observations, Results& results) {
  const bool xmlrpc = observations.subject.transport == Transport::xmlrpc;
  const auto profile = observations.subject.profile;
  judge_each_call(
      observations, results, "TRANSPORT-ONE-VALUE", readable_success,
      [profile](const CallObservation& call) { return one_value_defect(call, profile); },
      xmlrpc ? "every successful answer is exactly one XML document"
      : profile == Profile::strict ? "every successful answer is exactly one RFC 8259 JSON value"
                                   : "every successful answer is exactly one JSON value, as xapi reads it",
      "no successful answer to judge (one that is not UTF-8 is judged by TRANSPORT-UTF8)");
  check_json_standard(observations, results);

  judge_each_call(
      observations, results, "TRANSPORT-ENVELOPE",
      [](const CallObservation& call) { return answered(call) || call.delivery == Delivery::io_error; },
      envelope_defect,
      xmlrpc ? "every reply is a well-formed XML-RPC methodResponse {Status, Value|ErrorDescription}"
             : "every reply is a well-formed JSON-RPC envelope",
      "no reply to judge");

  judge_each_call(observations, results, "TRANSPORT-UTF8", answered, utf8_defect,
                  "every reply is valid UTF-8, and every string in it one xapi's database stores whole",
                  "no reply to judge");

  const auto timeout_ms = std::to_string(observations.subject.timeout.count());
  auto slowest = std::chrono::milliseconds{0};
  for (const auto& call : observations.calls) slowest = std::max(slowest, call.elapsed);
  judge_each_call(
      observations, results, "TRANSPORT-TIMELY", made,
      [&](const CallObservation& call) {
        return call.delivery == Delivery::timed_out ? "no answer within " + timeout_ms + " ms"
                                                    : std::string();
      },
      "every call answered; the slowest took " + std::to_string(slowest.count()) + " ms of " +
          timeout_ms + " ms",
      "no call was made");

  judge_each_call(
      observations, results, "TRANSPORT-OUTPUT-SIZE", made,
      [](const CallObservation& call) {
        return call.delivery == Delivery::output_limit
                   ? "answer exceeded the output limit" +
                         (call.delivery_detail.empty() ? std::string() : ": " + call.delivery_detail)
                   : std::string();
      },
      "every answer fits the output limit", "no call was made");

  judge_each_call(
      observations, results, "EXEC-EXECUTABLE",
      [](const CallObservation& call) { return call.delivery != Delivery::missing; },
      [](const CallObservation& call) {
        if (call.delivery == Delivery::not_executable || call.delivery == Delivery::spawn_failed)
          return std::string(to_string(call.delivery)) +
                 (call.delivery_detail.empty() ? std::string() : ": " + call.delivery_detail);
        return std::string();
      },
      "every method file present is executable and starts", "no method file present");
  judge_each_call(
      observations, results, "EXEC-PIPES-CLOSED", answered,
      [](const CallObservation& call) {
        return call.pipe_held_open
                   ? std::string("the plugin exited but a process it left behind kept its output "
                                 "pipe open")
                   : std::string();
      },
      "every plugin process let go of its pipes on exit", "no plugin process ran to its end");
}

}  // namespace smapi::suites::detail
