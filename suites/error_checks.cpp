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
    return "exit " + std::to_string(call.exit->code) + " and no error object on stdout (xapi: " +
           call.reply.problem + ")";
  return {};
}

// A JSON-RPC error member that does not carry an error the contract knows.
std::string jsonrpc_error_defect(const CallObservation& call) {
  if (jsonrpc_error_value_unreadable(call)) return call.reply.problem;
  if (call.reply.error.code.empty())
    return "error member " + contract::json_excerpt(call.reply.error.raw) + " names no error";
  return {};
}

bool returned_error(const CallObservation& call) {
  if (!judged_by_transport_requirements(call.probe) || call.delivery != Delivery::answered) return false;
  if (call.exit) return is_exec_failure(call);
  return call.reply.kind == Reply::Kind::error || jsonrpc_error_value_unreadable(call);
}

// Judged for exec plugins only (its Applicability).
void check_backtraces(const Observations& observations, Results& results) {
  std::string defects;
  std::vector<std::size_t> evidence;
  bool any_error = false;
  for (const auto& call : observations.calls) {
    if (!judged_by_transport_requirements(call.probe) || call.delivery != Delivery::answered ||
        call.reply.kind != Reply::Kind::error)
      continue;
    any_error = true;
    for (const auto& finding : call.reply.envelope_findings) {
      if (finding.path.rfind("$.backtrace", 0) != 0) continue;
      defects += (defects.empty() ? "" : "; ") + call_name(call) + ": " + finding.describe();
      evidence.push_back(index_of(observations, call));
    }
  }
  if (!any_error) return results.skip("ERROR-BACKTRACE", "no call returned an error object to judge");
  if (defects.empty())
    return results.pass("ERROR-BACKTRACE", "every error object carries a backtrace");
  results.fail("ERROR-BACKTRACE", defects, evidence);
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

  check_backtraces(observations, results);
}

}  // namespace smapi::suites::detail
