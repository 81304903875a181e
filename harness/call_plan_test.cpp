// The call plan run_conformance follows and `plan` prints: a run makes the
// planned calls; a selection leaves out calls no selected requirement reads,
// without changing what the selected requirements conclude; the verdict
// counts the selected requirements only.

#include "harness/call_plan.h"

#include "contract/exec_codec.h"
#include "contract/names.h"
#include "harness/command_tables.h"
#include "harness/plan_command.h"
#include "harness/run.h"
#include "suites/catalogue.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

namespace smapi::harness {
namespace {

using contract::Method;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Answers like an exec plugin with defects of several areas: Plugin.query's
// version changes on every call (QUERY-STABLE), Plugin.ls answers no list
// (LS-ANSWERS), the diagnostics hold an e-mail address (DIAG-NO-PII), an
// empty dbg is refused (DBG-ANY-STRING), bad input gets an error. Thread-safe.
class DefectivePlugin final : public Target {
 public:
  explicit DefectivePlugin(bool defects = true) : defects_(defects) {}

  suites::CallObservation call_with_text(Method method, std::string_view args_text) override {
    suites::CallObservation call;
    call.method = method;
    call.request = std::string(args_text);
    {
      std::lock_guard lock(mutex_);
      sent_.push_back(std::string(contract::wire_name(method)) + " " + std::string(args_text.substr(0, 40)));
    }
    const bool bad =
        args_text.find("\"dbg\":\"") == std::string_view::npos || (defects_ && args_text == R"({"dbg":""})");
    const auto version = std::to_string(defects_ && method == Method::query ? ++queries_ : 1);
    call.exit = contract::ExecExit{contract::ExecExit::How::exited, bad ? 1 : 0};
    call.reply_bytes =
        bad ? R"({"code":"SR_BACKEND_FAILURE","params":["TypeError","bad"],"backtrace":{"error":"","files":[],"lines":[]}})"
        : method == Method::query
            ? R"({"plugin":"ext4-ng","name":"n","description":"d","vendor":"v","copyright":"c","version":")" + version +
                  R"(","required_api_version":"5.0","features":[],"configuration":{},"required_cluster_stack":[]})"
        : method == Method::ls ? (defects_ ? "\"not a list\"" : "[]")
                               : (defects_ ? "\"mail admin@example.com\"" : "\"ok\"");
    call.reply = contract::decode_exec_reply(*call.exit, call.reply_bytes);
    return call;
  }

  std::vector<std::string> sent() const {
    std::lock_guard lock(mutex_);
    return sent_;
  }

 private:
  bool defects_;
  std::atomic<int> queries_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> sent_;
};

suites::RunSubject plan_subject(suites::PluginKind kind = suites::PluginKind::volume) {
  suites::RunSubject subject;
  subject.target = "scripted";
  subject.plugin_dir_name = "org.xen.xapi.storage.ext4-ng";
  subject.kind = kind;
  subject.repeat = 3;
  subject.concurrency = 2;
  return subject;
}

// Leaves out every requirement but those `keep` names.
void select_only(suites::RunSubject& subject, const std::vector<std::string_view>& keep) {
  for (const auto& requirement : suites::catalogue())
    if (std::find(keep.begin(), keep.end(), requirement.id) == keep.end())
      subject.not_selected.emplace(std::string(requirement.id), "for the test");
}

std::vector<std::string> plan_labels(const CallPlan& plan) {
  std::vector<std::string> labels;
  for (const auto& call : plan.calls) labels.push_back(call.label);
  return labels;
}

TEST(CallPlan, TheRunMakesThePlannedCallsInOrder) {
  for (const auto kind : {suites::PluginKind::volume, suites::PluginKind::datapath}) {
    DefectivePlugin target(false);
    const auto subject = plan_subject(kind);
    const auto plan = plan_calls(subject);
    std::size_t told_total = 0;
    const auto run =
        run_conformance(target, subject, [&](std::size_t, std::size_t total, std::string_view) { told_total = total; });
    ASSERT_EQ(run.observations.calls.size(), plan.calls.size());
    EXPECT_EQ(told_total, plan.calls.size());
    for (std::size_t i = 0; i < plan.calls.size(); ++i) {
      const auto& made = run.observations.calls[i];
      EXPECT_EQ(made.probe, plan.calls[i].probe) << i;
      // Input probes are labelled with the method the seed picked for them.
      if (plan.calls[i].method_from_seed) {
        EXPECT_THAT(made.label, ::testing::EndsWith(plan.calls[i].label)) << i;
      } else {
        EXPECT_EQ(made.label, plan.calls[i].label) << i;
        EXPECT_EQ(made.request, plan.calls[i].args_text) << i;
      }
    }
  }
}

TEST(CallPlan, OnlyTheQueryAreaMakesOnlyThePlainQuery) {
  auto subject = plan_subject();
  std::vector<std::string_view> query;
  for (const auto& requirement : suites::catalogue())
    if (requirement.area == "query") query.push_back(requirement.id);
  select_only(subject, query);
  EXPECT_THAT(plan_labels(plan_calls(subject)), ElementsAre("Plugin.query"));
  // A Datapath plugin keeps xapi's registration call: xapi's view reads it.
  subject.kind = suites::PluginKind::datapath;
  EXPECT_THAT(plan_labels(plan_calls(subject)),
              ElementsAre("Plugin.query", "Plugin.query (dbg \"register\", xapi's registration call)"));
}

TEST(CallPlan, QueryStableGetsTheRepeatsButNoProbes) {
  auto subject = plan_subject();
  select_only(subject, {"QUERY-STABLE"});
  EXPECT_THAT(plan_labels(plan_calls(subject)), ElementsAre("Plugin.query", "Plugin.query #2", "Plugin.query #3"));
}

TEST(CallPlan, ASelectedRequirementThatCannotApplyNeedsNoCalls) {
  auto subject = plan_subject();
  subject.transport = suites::Transport::jsonrpc_v1;
  select_only(subject, {"EXEC-PIPES-CLOSED", "QUERY-STABLE"});
  EXPECT_THAT(plan_labels(plan_calls(subject)), ElementsAre("Plugin.query", "Plugin.query #2", "Plugin.query #3"));
}

TEST(CallPlan, TheSameSeedPlansTheSameInputProbesWhateverTheSelection) {
  auto subject = plan_subject();
  const auto all = plan_calls(subject);
  select_only(subject, {"PROBE-BAD-INPUT"});
  const auto probes = plan_calls(subject);
  std::vector<std::string> all_probes, selected_probes;
  for (const auto& call : all.calls)
    if (call.method_from_seed) all_probes.push_back(call.label + call.args_text);
  for (const auto& call : probes.calls)
    if (call.method_from_seed) selected_probes.push_back(call.label + call.args_text);
  EXPECT_EQ(all_probes, selected_probes);
  EXPECT_EQ(all_probes.size(), 6u);
}

// What each requirement concludes when it alone is selected is what the full
// run concluded: the calls left out are calls it does not read.
TEST(CallPlan, ARequirementAloneConcludesAsInTheFullRun) {
  for (const bool defects : {true, false}) {
    DefectivePlugin full_target(defects);
    const auto full = run_conformance(full_target, plan_subject());
    for (std::size_t i = 0; i < full.results.size(); ++i) {
      const auto id = full.results[i].requirement->id;
      auto subject = plan_subject();
      select_only(subject, {id});
      DefectivePlugin target(defects);
      const auto alone = run_conformance(target, subject);
      EXPECT_LE(alone.observations.calls.size(), full.observations.calls.size());
      EXPECT_EQ(alone.results[i].outcome, full.results[i].outcome) << id << ": " << alone.results[i].message;
      EXPECT_EQ(alone.results[i].message, full.results[i].message) << id;
    }
  }
}

TEST(CallPlan, TheVerdictCountsOnlySelectedRequirements) {
  DefectivePlugin target;
  const auto full = run_conformance(target, plan_subject());
  ASSERT_EQ(full.verdict, suites::Verdict::non_conformant);
  auto subject = plan_subject();
  select_only(subject, {"QUERY-ANSWERS", "QUERY-FIELD-TYPES", "DIAG-ANSWERS"});
  DefectivePlugin selected_target;
  const auto run = run_conformance(selected_target, subject);
  EXPECT_EQ(run.verdict, suites::Verdict::conformant);
  ASSERT_EQ(run.results.size(), suites::catalogue().size()) << "every requirement is reported";
  for (const auto& result : run.results) {
    if (subject.not_selected.contains(result.requirement->id)) {
      EXPECT_EQ(result.outcome, suites::Outcome::skip);
      EXPECT_EQ(result.message, "not selected: for the test");
    } else {
      EXPECT_EQ(result.outcome, suites::Outcome::pass) << result.requirement->id << ": " << result.message;
    }
  }
  // Plugin.ls was not called: no selected requirement reads it.
  EXPECT_THAT(selected_target.sent(), ElementsAre(StartsWith("Plugin.query"), StartsWith("Plugin.diagnostics")));
}

TEST(RenderPlan, PlanParsesRunsFlagTable) {
  ASSERT_EQ(plan_table().groups.size(), run_table().groups.size());
  for (std::size_t i = 0; i < run_table().groups.size(); ++i)
    EXPECT_EQ(plan_table().groups[i].flags.data(), run_table().groups[i].flags.data()) << i;
}

TEST(RenderPlan, ListsTheCallsAndWhatBecomesOfEachRequirement) {
  auto subject = plan_subject();
  subject.transport = suites::Transport::jsonrpc_v1;
  subject.not_selected.emplace("LS-UNIQUE", "--skip LS-UNIQUE");
  const auto plan = plan_calls(subject);
  const auto text = render_plan(subject, plan, suites::catalogue());
  EXPECT_THAT(text, StartsWith("plan for scripted: volume plugin, jsonrpc, profile xapi, seed 20240601\n"));
  EXPECT_THAT(text, HasSubstr("calls, in order (" + std::to_string(plan.calls.size()) + "):\n   1  Plugin.query\n"));
  EXPECT_THAT(text, HasSubstr("Plugin.query (concurrent 1/2)  [made at once with the others of its group]"));
  EXPECT_THAT(text, HasSubstr("Plugin.* (probe: missing dbg)  [method picked by the seed among those answered]"));
  EXPECT_THAT(text, ::testing::ContainsRegex("LS-UNIQUE +SHOULD +ls +not selected: --skip LS-UNIQUE\n"));
  EXPECT_THAT(text, ::testing::ContainsRegex("EXEC-EXECUTABLE +MUST +transport +skip: applies to exec plugins only\n"));
  EXPECT_THAT(text, ::testing::ContainsRegex("QUERY-ANSWERS +MUST +query +judge\n"));
  EXPECT_THAT(text, HasSubstr("requirements (" + std::to_string(suites::catalogue().size()) + "): "));
  EXPECT_THAT(text, HasSubstr(" 1 not selected, "));
}

}  // namespace
}  // namespace smapi::harness
