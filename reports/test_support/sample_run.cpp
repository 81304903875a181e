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
  run.observations.subject.method_files = {"Plugin.Query", "SR.attach"};

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
  run.observations.skipped_probes = {
      {contract::Method::diagnostics, "Plugin.diagnostics: the plain call timed out; its further probes were skipped"}};

  run.results = {
      {&kQueryFieldType, suites::Outcome::fail, "$.vendor: expected string, got 5", {0}, std::nullopt},
      {&kDiagNoPii, suites::Outcome::fail, "diagnostics timed out", {2}, std::nullopt},
      {&kLsResultType, suites::Outcome::skip, "Plugin.ls is not implemented", {1}, std::nullopt},
      {&kQueryApiVersion, suites::Outcome::pass, "", {0}, std::nullopt},
      {&kQueryFeatureNames, suites::Outcome::warn, "feature FOO is unknown to xapi", {0}, std::nullopt},
      {&kErrorsBadDbg, suites::Outcome::error, "the harness could not send the call", {}, std::nullopt},
  };

  suites::XapiView& view = run.xapi_view;
  view.available = true;
  view.summary = "SR type \"ext4-ng\", 2 capabilities";
  view.sr_type = "ext4-ng";
  view.name = "ext4";
  view.vendor = "5";
  view.version = "3.0";
  view.required_api_version = "5.0";
  view.capabilities = {"SR_ATTACH", "VDI_DELETE"};
  view.features = {{"SR_ATTACH", 1}, {"VDI_DELETE", 2}};
  view.renamed = {"VDI_DESTROY -> VDI_DELETE"};
  view.dropped = {"FOO"};
  view.clamped = {{"SR_STATS/0", "version below 1, raised to 1"}};
  view.added = {{"SR_ATTACH", "script SR.attach"}};
  view.scripts_known = true;
  view.configuration = {{"device", "the block device"}};
  run.verdict = suites::verdict_of(run.results);
  return run;
}


suites::RunResult sample_run_with_waivers() {
  suites::RunResult run = sample_run();
  run.results[0].waiver = suites::WaiverNote{"vendor field fixed in 2.1", "XAPI-12", "2099-01-01"};
  run.waiver_problems = {
      {suites::WaiverProblem::Kind::expired, "DIAG-ANSWERS", "expired 2026-01-01 (ticket XAPI-7)"},
      {suites::WaiverProblem::Kind::unexpected_pass, "QUERY-API-VERSION",
       "passed anyway: drop the waiver"},
  };
  // The waived MUST failure no longer counts; the MUST error makes it inconclusive.
  run.verdict = suites::Verdict::inconclusive;
  return run;
}

suites::RunResult sample_run_with_hostile_text() {
  suites::RunResult run = sample_run();
  const std::string both = std::string(kScriptInjection) + kAttributeInjection;
  run.observations.subject.target = "/plugins/" + both;
  run.results[0].message = "$.vendor: " + both + " | col # not a comment [x](http://e.invalid) \xff\xfe";
  run.results[1].message = std::string("line one\nline two \x1b[31mred\x1b[0m nul:") + '\0' + "end";
  run.observations.calls[0].reply_bytes = "{\"vendor\":\"" + both + "\xff\"}";
  run.observations.calls[0].reproducer = "printf '%s' '" + both + "' | /p/Plugin.Query --json";
  run.observations.calls[1].stderr_bytes = both + "\n\xc3\x28 bad utf-8\n";
  run.xapi_view.sr_type = both;
  run.xapi_view.dropped = {both};
  run.xapi_view.summary = both;
  run.xapi_view.clamped = {{both, both}};
  run.xapi_view.added = {{both, both}};
  run.observations.subject.method_files = {both};
  return run;
}

suites::RunResult sample_passing_run() {
  suites::RunResult run = sample_run();
  run.observations.subject.target = "/plugins/good";
  run.observations.subject.plugin_dir_name = "good";
  for (auto& result : run.results) {
    result.outcome = suites::Outcome::pass;
    result.message.clear();
  }
  run.verdict = suites::Verdict::conformant;
  return run;
}

suites::FleetResult sample_fleet() {
  using namespace std::chrono_literals;
  suites::FleetResult fleet;
  fleet.tool_version = "0.1.0";
  fleet.started_at = "2026-01-02T03:04:00Z";
  fleet.duration = 2345ms;
  suites::FleetMember broken;
  broken.name = "datapath/org.xen.xapi.storage.broken";
  broken.run.observations.subject.target = "/plugins/datapath/org.xen.xapi.storage.broken";
  broken.run.observations.subject.kind = suites::PluginKind::datapath;
  broken.harness_error = "not a plugin directory: no Plugin.Query";
  suites::FleetMember ext4{"volume/ext4-ng", sample_run(), std::nullopt};
  ext4.run.observations.subject.source_dir = "volume/ext4-ng";
  ext4.run.observations.subject.resolved_method_files = {{"SR.attach", "lib/sr.py"}};
  suites::FleetMember good{"volume/good", sample_passing_run(), std::nullopt};
  fleet.members = {std::move(broken), std::move(ext4), std::move(good)};
  for (const auto& member : fleet.members) fleet.discovered.push_back(member.name);
  fleet.verdict = suites::fleet_verdict(fleet);
  return fleet;
}

}  // namespace smapi::reports::testing
