#include "harness/fleet_run.h"

#include "harness/orphans.h"
#include "harness/run.h"
#include "harness/run_options.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

namespace smapi::harness {
namespace {

// What a member that could not be judged still says of itself: the target
// as its single run would name it.
suites::RunResult unjudged_run(const RunOptions& options) {
  suites::RunResult run;
  run.tool_version = SMAPI_VERSION;
  auto& subject = run.observations.subject;
  subject.target = options.target.text;
  subject.kind = options.kind.value_or(suites::PluginKind::volume);
  subject.transport = options.target.kind == TargetSpec::Kind::http ? options.protocol : suites::Transport::exec;
  subject.profile = options.profile;
  return run;
}

// Judges one member; a usage error (a bad --waivers file, a malformed
// endpoint) is the command line's fault, not the plugin's: it propagates.
suites::FleetMember judge_member(const FleetMemberPlan& plan, const JudgeRun& judge) {
  suites::FleetMember member;
  member.name = plan.name;
  try {
    member.run = judge(plan.options);
  } catch (const UsageError&) {
    throw;
  } catch (const std::exception& error) {
    member.run = unjudged_run(plan.options);
    member.harness_error = error.what();
  }
  return member;
}

}  // namespace

suites::FleetResult run_fleet(const FleetPlan& plan, unsigned jobs, suites::VerdictPolicy policy,
                              const JudgeRun& judge, const Cancellation* cancel, const FleetEvents& events) {
  suites::FleetResult fleet;
  fleet.tool_version = SMAPI_VERSION;
  fleet.started_at = utc_now_iso8601();
  fleet.discovered = plan.discovered;
  fleet.shard = plan.shard;
  fleet.policy = policy;
  const auto start = std::chrono::steady_clock::now();

  const auto& planned = plan.members;
  std::vector<std::optional<suites::FleetMember>> judged(planned.size());
  std::mutex mutex;  // guards next, and serialises events
  std::size_t next = 0;
  std::exception_ptr usage_error;  // the first member's; no member starts after it
  const auto cancelled = [&] { return cancel && cancel->requested(); };
  const auto work = [&] {
    for (;;) {
      std::size_t index = 0;
      {
        std::lock_guard lock(mutex);
        if (next == planned.size() || cancelled() || usage_error) return;
        index = next++;
        if (events.started) events.started(planned[index].name);
      }
      std::optional<suites::FleetMember> member;
      std::exception_ptr error;
      try {
        member = judge_member(planned[index], judge);
      } catch (...) {
        error = std::current_exception();
      }
      std::lock_guard lock(mutex);
      if (error && !usage_error) usage_error = error;
      judged[index] = std::move(member);
      if (events.finished) events.finished(planned[index].name);
    }
  };
  const auto threads = std::clamp<std::size_t>(jobs, 1, std::max<std::size_t>(planned.size(), 1));
  if (threads == 1) {
    work();
  } else {
    std::vector<std::thread> workers;
    for (std::size_t i = 0; i < threads; ++i) {
      // Out of threads (a process limit): the ones started judge every member.
      try {
        workers.emplace_back(work);
      } catch (const std::system_error&) {
        if (workers.empty()) throw;
        break;
      }
    }
    for (auto& worker : workers) worker.join();
  }
  // A last orphan sweep with no call racing it: the per-call sweeps of
  // parallel members read the children lists while other calls reap theirs.
  sweep_orphans();
  if (usage_error) std::rethrow_exception(usage_error);

  bool cut_short = false;
  suites::Interruption interruption;
  for (auto& member : judged) {
    if (!member) {
      cut_short = true;
      continue;
    }
    const auto& run = member->run;
    if (run.interruption) {
      cut_short = true;
      interruption.calls_made += run.interruption->calls_made;
      interruption.calls_planned += run.interruption->calls_planned;
    } else {
      interruption.calls_made += run.observations.calls.size();
      interruption.calls_planned += run.observations.calls.size();
    }
    fleet.members.push_back(std::move(*member));
  }
  // A signal that came after every member ended stopped nothing.
  if (cut_short && cancelled()) {
    interruption.signal = cancel->signal();
    fleet.interruption = interruption;
  }
  fleet.verdict = suites::fleet_verdict(fleet);
  fleet.duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  return fleet;
}

}  // namespace smapi::harness
