#include "harness/call_plan.h"

#include "contract/json_text.h"
#include "contract/names.h"
#include "contract/plugin_values.h"
#include "harness/run.h"
#include "suites/catalogue.h"
#include "suites/judge.h"

#include <algorithm>
#include <array>
#include <utility>

namespace smapi::harness {
namespace {

using contract::Method;
using suites::Probe;

std::string arguments_with_dbg(std::string_view dbg) {
  return contract::to_compact_json(contract::to_json(contract::CallArguments{std::string(dbg)}));
}

CallKinds plain_call_of(Method method) {
  switch (method) {
    case Method::query: return kPlainQueryCall;
    case Method::ls: return kPlainLsCall;
    case Method::diagnostics: return kPlainDiagnosticsCall;
  }
  return kPlainQueryCall;
}

// An input probe before its method is chosen: what it probes, and its text.
struct InputProbe {
  std::string name;  // "missing dbg"
  Probe probe;
  std::string args_text;
};

// The input probes, their order and generated values fixed by the seed.
std::vector<InputProbe> input_probes(std::mt19937_64& random) {
  const auto number = std::uniform_int_distribution<int>(0, 999'999)(random);
  const std::string plain = arguments_with_dbg(kDbg);
  const auto cut = std::uniform_int_distribution<std::size_t>(1, plain.size() - 1)(random);
  static constexpr std::array<std::string_view, 4> kNotJson{"{dbg:smapi-conform}", "not json at all",
                                                            "{\"dbg\":\"smapi-conform\",}", "{\"dbg\" \"x\"}"};
  const auto garbage = kNotJson[std::uniform_int_distribution<std::size_t>(0, kNotJson.size() - 1)(random)];
  static constexpr std::array<std::string_view, 4> kExtraKeys{"extra", "sr", "task_id", "x-smapi-probe"};
  const auto key = kExtraKeys[std::uniform_int_distribution<std::size_t>(0, kExtraKeys.size() - 1)(random)];

  std::vector<InputProbe> probes{
      {"missing dbg", Probe::bad_input, "{}"},
      {"dbg " + std::to_string(number), Probe::bad_input, "{\"dbg\":" + std::to_string(number) + "}"},
      {"arguments not an object", Probe::bad_input, "[]"},
      {"bad JSON", Probe::bad_input, std::string(garbage)},
      {"truncated JSON", Probe::bad_input, plain.substr(0, cut)},
      {"extra key \"" + std::string(key) + "\"", Probe::extra_argument,
       "{\"dbg\":\"smapi-conform\",\"" + std::string(key) + "\":" + std::to_string(number) + "}"},
  };
  std::shuffle(probes.begin(), probes.end(), random);
  return probes;
}

// Every call of the subject's plan, before the selection leaves any out.
std::vector<PlannedCall> all_calls(const suites::RunSubject& subject, std::mt19937_64& random) {
  const std::string plain = arguments_with_dbg(kDbg);
  const auto name = [](Method method) { return std::string(contract::wire_name(method)); };
  std::vector<PlannedCall> calls;
  for (const auto method : contract::kAllMethods)
    calls.push_back({method, Probe::none, name(method), plain, 0, false, plain_call_of(method)});
  for (unsigned i = 2; i <= subject.repeat; ++i)
    calls.push_back(
        {Method::query, Probe::repeat, "Plugin.query #" + std::to_string(i), plain, 0, false, kRepeatCalls});
  if (subject.concurrency >= 2)
    for (unsigned i = 1; i <= subject.concurrency; ++i)
      calls.push_back(
          {Method::query, Probe::concurrent,
           "Plugin.query (concurrent " + std::to_string(i) + "/" + std::to_string(subject.concurrency) + ")", plain, 1,
           false, kConcurrentCalls});
  if (subject.kind == suites::PluginKind::datapath)
    calls.push_back({Method::query, Probe::dbg_variant, "Plugin.query (dbg \"register\", xapi's registration call)",
                     arguments_with_dbg(kRegisterDbg), 0, false, kRegisterCall});
  if (!subject.probes) return calls;
  const std::array<std::pair<std::string, std::string>, 3> variants{{
      {"dbg empty", ""},
      {"dbg " + std::to_string(kLargeDbgBytes / 1024) + " KiB", std::string(kLargeDbgBytes, 'd')},
      {"dbg non-ASCII", std::string(kNonAsciiDbg)},
  }};
  for (const auto method : contract::kAllMethods)
    for (const auto& [what, dbg] : variants)
      calls.push_back({method, Probe::dbg_variant, name(method) + " (" + what + ")", arguments_with_dbg(dbg), 0, false,
                       kDbgVariantCalls});
  for (auto& probe : input_probes(random))
    calls.push_back(
        {Method::query, probe.probe, "(probe: " + probe.name + ")", probe.args_text, 0, true, kInputProbeCalls});
  return calls;
}

}  // namespace

unsigned calls_read(const suites::Requirement& requirement) {
  const auto& area = requirement.area;
  const auto& id = requirement.id;
  if (area == "query") return kPlainQueryCall;
  if (area == "ls") return kPlainLsCall;
  if (area == "diagnostics") return kPlainDiagnosticsCall;
  if (area == "transport") return kPlainCalls | kRepeatCalls | kConcurrentCalls;
  // QUERY-CONCURRENT reads QUERY-STABLE's outcome too (answers that vary one
  // call at a time are not blamed on overlap).
  if (id == "QUERY-STABLE") return kPlainQueryCall | kRepeatCalls;
  if (id == "QUERY-CONCURRENT") return kPlainQueryCall | kRepeatCalls | kConcurrentCalls;
  // Probes go only to methods whose plain call was answered in time.
  if (id == "DBG-ANY-STRING") return kPlainCalls | kRegisterCall | kDbgVariantCalls;
  if (id == "PROBE-BAD-INPUT") return kPlainCalls | kInputProbeCalls;
  return kAllCalls;  // ERROR-WELL-FORMED, and whatever is added later
}

std::optional<std::string> not_applicable_to(const suites::Requirement& requirement,
                                             const suites::RunSubject& subject) {
  auto without_feature = requirement;
  without_feature.applies.feature = {};
  suites::Observations subject_only;
  subject_only.subject = subject;
  return suites::not_applicable_reason(without_feature, subject_only);
}

unsigned calls_needed(const suites::RunSubject& subject) {
  unsigned needed = kPlainQueryCall | kRegisterCall;
  for (const auto& requirement : suites::catalogue())
    if (!subject.not_selected.contains(requirement.id) && !not_applicable_to(requirement, subject))
      needed |= calls_read(requirement);
  return needed;
}

CallPlan plan_calls(const suites::RunSubject& subject) {
  CallPlan plan{{}, std::mt19937_64(subject.seed)};
  const unsigned needed = calls_needed(subject);
  for (auto& call : all_calls(subject, plan.random))
    if (call.kind & needed) plan.calls.push_back(std::move(call));
  return plan;
}

}  // namespace smapi::harness
