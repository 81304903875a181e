#include "reports/test_support/sample_run.h"

#include "contract/json_text.h"

namespace smapi::reports::testing {

suites::RunResult sample_run() {
  using namespace std::chrono_literals;
  suites::RunResult run;
  run.tool_version = "0.1.0";
  run.started_at = "2026-01-02T03:04:05Z";
  run.duration = 1234ms;
  run.observations.subject.target = "/plugins/ext4-ng";
  run.observations.subject.kind = suites::PluginKind::volume;
  run.observations.subject.transport = suites::Transport::exec;
  run.observations.subject.profile = suites::Profile::xapi;

  suites::CallObservation query;
  query.method = contract::Method::query;
  query.label = "Plugin.query";
  query.request = kQueryRequest;
  query.reproducer = kQueryReproducer;
  query.exit = contract::ExecExit{contract::ExecExit::How::exited, 0};
  query.reply_bytes = kQueryReply;
  query.elapsed = 12ms;
  query.reply.kind = contract::Reply::Kind::result;
  query.reply.result = *contract::parse_one_json_value(kQueryReply).value;

  suites::CallObservation ls;
  ls.method = contract::Method::ls;
  ls.label = "Plugin.ls";
  ls.request = kQueryRequest;
  ls.reproducer = "printf '%s' '{\"dbg\":\"debug\"}' | /plugins/ext4-ng/Plugin.ls --json";
  ls.exit = contract::ExecExit{contract::ExecExit::How::exited, 1};
  ls.reply_bytes = kLsReply;
  ls.stderr_bytes = "log line\n";
  ls.elapsed = 7ms;
  ls.reply.kind = contract::Reply::Kind::error;
  ls.reply.error.code = "SR_BACKEND_FAILURE";
  ls.reply.error.params = {"Unimplemented", "Plugin.ls"};
  ls.reply.envelope_findings.push_back(
      contract::Finding{contract::FindingKind::missing_key, "$.backtrace", "object", "absent"});

  suites::CallObservation diagnostics;
  diagnostics.method = contract::Method::diagnostics;
  diagnostics.label = "Plugin.diagnostics";
  diagnostics.request = kQueryRequest;
  diagnostics.reproducer = "true";
  diagnostics.delivery = suites::Delivery::timed_out;
  diagnostics.delivery_detail = "no answer within 30000 ms";
  diagnostics.elapsed = 30000ms;

  run.observations.calls = {query, ls, diagnostics};

  run.results = {
      {&kQueryFieldType, suites::Outcome::fail, "$.vendor: expected string, got 5", {0}},
      {&kDiagNoPii, suites::Outcome::fail, "diagnostics timed out", {2}},
      {&kLsResultType, suites::Outcome::skip, "Plugin.ls is not implemented", {1}},
      {&kQueryApiVersion, suites::Outcome::pass, "", {0}},
      {&kQueryFeatureNames, suites::Outcome::warn, "feature FOO is unknown to xapi", {0}},
      {&kErrorsBadDbg, suites::Outcome::error, "the harness could not send the call", {}},
  };
  run.verdict = suites::verdict_of(run.results);
  return run;
}

}  // namespace smapi::reports::testing
