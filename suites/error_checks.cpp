// The errors area: errors travel in the shape their transport defines.

#include "contract/json_text.h"
#include "suites/detail/areas.h"

#include <string>

namespace smapi::suites::detail {
namespace {

using contract::Reply;

bool is_exec_failure(const CallObservation& call) {
  return call.delivery == Delivery::answered && call.exit &&
         !(call.exit->how == contract::ExecExit::How::exited && call.exit->code == 0);
}

// An exec call that ended in failure without a usable error object.
std::string exec_error_defect(const CallObservation& call) {
  if (call.exit->how == contract::ExecExit::How::signalled)
    return "killed by signal " + std::to_string(call.exit->code) + " (xapi: SCRIPT_FAILED signalled)";
  if (call.reply.kind == Reply::Kind::malformed && reply_invalid_utf8(call))
    return {};  // unreadable because it is not UTF-8: TRANSPORT-UTF8 judges it
  if (call.reply.kind == Reply::Kind::malformed)
    return "exit " + std::to_string(call.exit->code) + " and no error record xapi can decode; xapi reports " +
           "SCRIPT_FAILED and the plugin's code is lost (" + call.reply.problem + ")";
  return {};
}

// A JSON-RPC error member that does not carry an error the contract knows.
std::string jsonrpc_error_defect(const CallObservation& call) {
  if (jsonrpc_error_value_unreadable(call)) return call.reply.problem;
  if (call.reply.error.code.empty())
    return "error member " + contract::json_excerpt(call.reply.error.raw) + " names no error";
  return {};
}

// Every call that returned an error, except the input probes' refusals
// (PROBE-BAD-INPUT judges those): the plain calls, repeats, concurrent calls,
// dbg variants and the extra-key probe.
bool returned_error(const CallObservation& call) {
  if (call.probe == Probe::bad_input || call.delivery != Delivery::answered) return false;
  if (call.exit) return is_exec_failure(call);
  return call.reply.kind == Reply::Kind::error || jsonrpc_error_value_unreadable(call);
}

}  // namespace

void check_errors(const Observations& observations, Results& results) {
  std::string defects;
  std::vector<std::size_t> evidence, errors_seen;
  for (const auto& call : observations.calls) {
    if (!returned_error(call)) continue;
    const auto index = index_of(observations, call);
    errors_seen.push_back(index);
    const auto defect = call.exit ? exec_error_defect(call) : jsonrpc_error_defect(call);
    if (defect.empty()) continue;
    defects += (defects.empty() ? "" : "; ") + call_name(call) + ": " + defect;
    evidence.push_back(index);
  }
  if (errors_seen.empty())
    results.skip("ERROR-WELL-FORMED", "no call returned an error to judge");
  else if (defects.empty())
    results.pass("ERROR-WELL-FORMED",
                 std::to_string(errors_seen.size()) + " error(s), each well-formed", errors_seen);
  else
    results.fail("ERROR-WELL-FORMED", defects, evidence);
}

}  // namespace smapi::suites::detail
