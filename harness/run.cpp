#include "harness/run.h"

#include "contract/names.h"
#include "harness/call_plan.h"
#include "harness/http_call.h"
#include "harness/selection.h"
#include "suites/judge.h"
#include "suites/partial_run.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <exception>
#include <optional>
#include <random>
#include <thread>

namespace smapi::harness {
namespace {

using contract::Method;
using suites::CallObservation;
using suites::Delivery;
using suites::Probe;
using Step = PlannedCall;

// Why a method gets no further calls, given one of its calls; nullopt while it may.
std::optional<std::string> stop_reason(const CallObservation& call) {
  const auto method = std::string(contract::wire_name(call.method));
  switch (call.delivery) {
    case Delivery::timed_out:
      return method + ": " + call.label + " timed out; its further probes were not made";
    case Delivery::output_limit:
      return method + ": " + call.label + " passed the output limit; its further probes were not made";
    case Delivery::missing:
    case Delivery::not_executable:
    case Delivery::spawn_failed:
      return method + ": the plain call could not be made (" + std::string(to_string(call.delivery)) +
             "); its probes were not made";
    default: break;
  }
  // Every further call would wait out the pipe grace period again, as a hang
  // waits out the timeout.
  if (call.pipe_held_open)
    return method + ": " + call.label +
           " left a descendant holding its output open; its further probes were not made";
  const auto size = call.whole ? call.whole->reply_size : call.reply_bytes.size();
  if (size > kMaxProbedReplyBytes)
    return method + ": " + call.label + " answered " + std::to_string(size) + " bytes, over the " +
           std::to_string(kMaxProbedReplyBytes) + " bytes a probed method may answer; its further probes were not made";
  return std::nullopt;
}

class Runner {
 public:
  Runner(Target& target, const suites::RunSubject& subject, const ProgressCallback& progress,
         const Cancellation* cancel, suites::Observations& observations)
      : target_(target), subject_(subject), progress_(progress), cancel_(cancel), observations_(observations) {}

  // Makes the planned calls; false when a stop request ended the run first.
  bool run(const std::vector<Step>& steps, std::mt19937_64& random) {
    total_ = steps.size();
    for (std::size_t i = 0; i < steps.size();) {
      if (cancelled()) return false;
      if (steps[i].group > 0) {
        std::size_t end = i;
        while (end < steps.size() && steps[end].group == steps[i].group) ++end;
        if (!run_group({steps.begin() + static_cast<std::ptrdiff_t>(i), steps.begin() + static_cast<std::ptrdiff_t>(end)},
                       i + 1))
          return false;
        i = end;
        continue;
      }
      auto step = steps[i++];
      if (step.method_from_seed && !choose_method(step, random)) continue;
      if (stopped(step.method)) continue;
      tell_started(i, step.label);
      auto call = make_call(step);
      // A call the stop request cut short is no answer: it is not judged.
      if (cancelled()) return false;
      record(std::move(call));
    }
    return true;
  }

 private:
  CallObservation make_call(const Step& step) {
    auto call = target_.call_with_text(step.method, step.args_text);
    call.probe = step.probe;
    call.label = step.label;
    // What the checks need of the whole answer, then (for a probe) only its
    // start: a run's memory does not grow with the size of each answer.
    suites::compact_call(call);
    return call;
  }

  void record(CallObservation call) {
    if (call.delivery == Delivery::unreachable && call.probe == Probe::none)
      throw HarnessError("cannot reach " + subject_.target + ": " + call.delivery_detail);
    // A web server that is no plugin endpoint shows it in its first answer.
    if (observations_.calls.empty())
      if (auto why = not_an_endpoint(call, subject_.transport); !why.empty())
        throw HarnessError(subject_.target + ": " + why);
    if (const auto reason = stop_reason(call); reason && !stopped(call.method))
      observations_.skipped_probes.push_back({call.method, *reason});
    observations_.calls.push_back(std::move(call));
  }

  // Makes the overlapping calls of one group, the first at place `number`;
  // false when a stop request cut them short.
  bool run_group(const std::vector<Step>& group, std::size_t number) {
    if (stopped(group.front().method)) return true;
    tell_started(number, std::string(contract::wire_name(group.front().method)) + " (" +
                             std::to_string(group.size()) + " concurrent calls)");
    std::vector<CallObservation> calls(group.size());
    std::vector<std::exception_ptr> errors(group.size());
    std::vector<std::thread> threads;
    threads.reserve(group.size());
    for (std::size_t k = 0; k < group.size(); ++k)
      threads.emplace_back([&, k] {
        try {
          calls[k] = make_call(group[k]);
        } catch (...) {
          errors[k] = std::current_exception();
        }
      });
    for (auto& thread : threads) thread.join();
    if (cancelled()) return false;
    for (const auto& error : errors)
      if (error) std::rethrow_exception(error);
    for (auto& call : calls) record(std::move(call));
    return true;
  }

  // Picks the method of an input probe among those whose plain call was
  // answered; false when none was.
  bool choose_method(Step& step, std::mt19937_64& random) {
    std::vector<Method> answered;
    for (const auto method : contract::kAllMethods)
      if (const auto* call = observations_.first(method); call && call->delivery == Delivery::answered &&
                                                          !stopped(method))
        answered.push_back(method);
    if (answered.empty()) return false;
    step.method = answered[std::uniform_int_distribution<std::size_t>(0, answered.size() - 1)(random)];
    step.label = std::string(contract::wire_name(step.method)) + " " + step.label;
    return true;
  }

  bool stopped(Method method) const {
    return std::any_of(observations_.skipped_probes.begin(), observations_.skipped_probes.end(),
                       [&](const auto& skipped) { return skipped.method == method; });
  }

  void tell_started(std::size_t number, std::string_view label) const {
    if (progress_) progress_(number, total_, label);
  }

  bool cancelled() const { return cancel_ && cancel_->requested(); }

  Target& target_;
  const suites::RunSubject& subject_;
  const ProgressCallback& progress_;
  const Cancellation* cancel_;
  suites::Observations& observations_;
  std::size_t total_ = 0;
};

}  // namespace

std::string utc_now_iso8601() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

suites::RunResult run_conformance(Target& target, const suites::RunSubject& subject,
                                  const ProgressCallback& progress, const Cancellation* cancel) {
  suites::RunResult run;
  run.tool_version = SMAPI_VERSION;
  run.started_at = utc_now_iso8601();
  run.observations.subject = subject;
  const auto start = std::chrono::steady_clock::now();

  auto plan = plan_calls(subject);
  const auto& steps = plan.calls;
  target.stop_calls_on(cancel);
  const bool finished = Runner(target, subject, progress, cancel, run.observations).run(steps, plan.random);
  target.stop_calls_on(nullptr);

  run.results = suites::judge(run.observations);
  run.xapi_view = suites::xapi_view_of(run.observations);
  if (!finished) {
    run.interruption = suites::Interruption{cancel->signal(), run.observations.calls.size(), steps.size()};
    suites::keep_settled_results(run.results, run.observations, *run.interruption);
  }
  mark_not_selected(run.results, subject.not_selected);
  run.verdict = suites::verdict_of(run, {});
  run.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  return run;
}

}  // namespace smapi::harness
