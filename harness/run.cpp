#include "harness/run.h"

#include "contract/plugin_values.h"
#include "suites/judge.h"

#include <chrono>
#include <ctime>

namespace smapi::harness {
namespace {

std::string utc_now_iso8601() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace

suites::RunResult run_conformance(Target& target, const suites::RunSubject& subject) {
  suites::RunResult run;
  run.tool_version = SMAPI_VERSION;
  run.started_at = utc_now_iso8601();
  run.observations.subject = subject;
  const auto start = std::chrono::steady_clock::now();

  const auto args = contract::to_json(contract::CallArguments{kDbg});
  for (const auto method : contract::kAllMethods) {
    auto call = target.call(method, args);
    if (call.delivery == suites::Delivery::unreachable)
      throw HarnessError("cannot reach " + subject.target + ": " + call.delivery_detail);
    run.observations.calls.push_back(std::move(call));
  }

  run.results = suites::judge(run.observations);
  run.xapi_view = suites::xapi_view_of(run.observations);
  run.verdict = suites::verdict_of(run.results);
  run.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  return run;
}

}  // namespace smapi::harness
