#include "harness/fleet_run.h"

#include "harness/run.h"

#include <signal.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>

namespace smapi::harness {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

fs::path fleet_tree(const std::string& name, const std::vector<std::string>& plugins) {
  const auto root = fs::temp_directory_path() / ("smapi-fleet-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(root);
  for (const auto& plugin : plugins) {
    fs::create_directories(root / plugin);
    std::ofstream(root / plugin / "Plugin.Query") << "#!/bin/sh\n";
    fs::permissions(root / plugin / "Plugin.Query", fs::perms::owner_all);
  }
  return root;
}

RunOptions fleet_options(std::vector<std::string> args) { return parse_run_options(args); }

// A judged run whose verdict the test chose.
suites::RunResult run_with(suites::Verdict verdict, std::size_t calls = 3) {
  suites::RunResult run;
  run.verdict = verdict;
  run.observations.calls.resize(calls);
  return run;
}

TEST(PlanFleet, ATreeGivesItsPluginsSortedWithTheirKinds) {
  const auto root = fleet_tree("plan", {"volume/b", "datapath/tapdisk", "volume/a"});
  const auto plan = plan_fleet(fleet_options({"--target", root.string(), "--timeout", "7"}));
  EXPECT_THAT(plan.discovered, ElementsAre("datapath/tapdisk", "volume/a", "volume/b"));
  ASSERT_EQ(plan.members.size(), 3U);
  const auto& tapdisk = plan.members[0].options;
  EXPECT_EQ(tapdisk.target.kind, TargetSpec::Kind::exec);
  EXPECT_EQ(tapdisk.target.directory, root / "datapath" / "tapdisk");
  EXPECT_EQ(tapdisk.kind, suites::PluginKind::datapath);
  EXPECT_EQ(tapdisk.timeout, std::chrono::seconds(7)) << "every member keeps the run's limits";
  EXPECT_FALSE(is_fleet(tapdisk)) << "a member is one single run";
  EXPECT_EQ(plan.members[1].options.kind, suites::PluginKind::volume);
  EXPECT_FALSE(plan.shard);
  fs::remove_all(root);
}

TEST(PlanFleet, AShardJudgesItsShareAndKnowsTheRest) {
  const auto root = fleet_tree("plan-shard", {"volume/a", "volume/b", "volume/c"});
  const auto plan = plan_fleet(fleet_options({"--target", root.string(), "--shard", "2/2"}));
  EXPECT_THAT(plan.discovered, ElementsAre("volume/a", "volume/b", "volume/c"));
  ASSERT_EQ(plan.members.size(), 1U);
  EXPECT_EQ(plan.members[0].name, "volume/b");
  EXPECT_EQ(plan.shard, (suites::Shard{2, 2}));
  fs::remove_all(root);
}

TEST(PlanFleet, SeveralTargetsAreNamedAsGivenAndTreesByTheirPath) {
  const auto root = fleet_tree("plan-list", {"volume/a"});
  const auto plan =
      plan_fleet(fleet_options({"--target", "http://127.0.0.1:1/", "--target", root.string() + "/"}));
  ASSERT_EQ(plan.members.size(), 2U);
  EXPECT_THAT(plan.discovered, ElementsAre(root.string() + "/volume/a", "http://127.0.0.1:1/"));
  EXPECT_EQ(plan.members[1].options.target.kind, TargetSpec::Kind::http);
  fs::remove_all(root);
}

TEST(PlanFleet, ATreeWithoutPluginsIsAUsageError) {
  const auto root = fleet_tree("plan-empty", {});
  fs::create_directories(root / "volume");
  std::ofstream(root / "volume" / "README") << "x\n";
  try {
    plan_fleet(fleet_options({"--target", root.string()}));
    ADD_FAILURE() << "no usage error";
  } catch (const UsageError& error) {
    EXPECT_EQ(std::string(error.what()),
              "--target: \"" + root.string() + "\" holds volume/ or datapath/ but no plugin directory in them");
  }
  fs::remove_all(root);
}

FleetPlan plan_of(const std::vector<std::string>& names) {
  FleetPlan plan;
  plan.discovered = names;
  for (const auto& name : names) {
    RunOptions options;
    options.target.text = "exec:" + name;
    plan.members.push_back({name, options});
  }
  return plan;
}

// Judges "bad*" non-conformant, "gone*" not at all, the rest conformant.
suites::RunResult fake_judge(const RunOptions& options) {
  const auto& name = options.target.text;
  if (name.starts_with("exec:gone")) throw HarnessError("cannot reach " + name);
  return run_with(name.starts_with("exec:bad") ? suites::Verdict::non_conformant : suites::Verdict::conformant);
}

TEST(RunFleet, JudgesEveryMemberIntoOneVerdict) {
  const auto plan = plan_of({"a", "bad", "c"});
  std::vector<std::string> started, finished;
  const auto fleet = run_fleet(plan, 2, {}, fake_judge, nullptr,
                               {[&](std::string_view name) { started.emplace_back(name); },
                                [&](std::string_view name) { finished.emplace_back(name); }});
  ASSERT_EQ(fleet.members.size(), 3U);
  EXPECT_EQ(fleet.members[1].name, "bad");
  EXPECT_EQ(suites::member_verdict(fleet.members[1]), suites::Verdict::non_conformant);
  EXPECT_EQ(fleet.verdict, suites::Verdict::non_conformant);
  EXPECT_EQ(suites::exit_status(fleet), 1);
  EXPECT_THAT(fleet.discovered, ElementsAre("a", "bad", "c"));
  EXPECT_FALSE(fleet.interruption);
  EXPECT_EQ(started.size(), 3U);
  EXPECT_EQ(finished.size(), 3U);
  EXPECT_FALSE(fleet.started_at.empty());
}

TEST(RunFleet, AMemberThatCannotBeJudgedCarriesWhy) {
  const auto fleet = run_fleet(plan_of({"a", "gone"}), 1, {}, fake_judge, nullptr);
  ASSERT_EQ(fleet.members.size(), 2U);
  EXPECT_EQ(fleet.members[1].harness_error, "cannot reach exec:gone");
  EXPECT_EQ(fleet.members[1].run.observations.subject.target, "exec:gone");
  EXPECT_EQ(fleet.verdict, suites::Verdict::inconclusive);
  EXPECT_EQ(suites::exit_status(fleet), 2);
}

// A bad --waivers file made every member inconclusive with the same message.
TEST(RunFleet, AUsageErrorIsTheFleetsNotAMembers) {
  std::atomic<int> judged{0};
  const auto judge = [&](const RunOptions&) -> suites::RunResult {
    ++judged;
    throw UsageError("--waivers: cannot read w.json");
  };
  EXPECT_THROW(run_fleet(plan_of({"a", "b", "c"}), 1, {}, judge, nullptr), UsageError);
  EXPECT_EQ(judged, 1) << "no member starts after a usage error";
}

TEST(RunFleet, OneJobAndFourGiveTheSameFleet) {
  const auto plan = plan_of({"a", "bad1", "c", "gone", "e", "bad2", "g"});
  const auto one = run_fleet(plan, 1, {}, fake_judge, nullptr);
  const auto four = run_fleet(plan, 4, {}, fake_judge, nullptr);
  ASSERT_EQ(one.members.size(), four.members.size());
  for (std::size_t i = 0; i < one.members.size(); ++i) {
    EXPECT_EQ(one.members[i].name, four.members[i].name);
    EXPECT_EQ(suites::member_verdict(one.members[i]), suites::member_verdict(four.members[i]));
    EXPECT_EQ(one.members[i].harness_error, four.members[i].harness_error);
  }
  EXPECT_EQ(one.verdict, four.verdict);
}

// --jobs N judges N plugins at once, never more.
TEST(RunFleet, JudgesUpToJobsAtOnce) {
  for (unsigned jobs : {1U, 2U, 3U}) {
    std::mutex mutex;
    std::condition_variable changed;
    int running = 0, most = 0;
    const auto judge = [&](const RunOptions&) {
      std::unique_lock lock(mutex);
      most = std::max(most, ++running);
      changed.notify_all();
      // Wait (boundedly) until `jobs` members have run together once.
      changed.wait_for(lock, std::chrono::seconds(5), [&] { return most >= static_cast<int>(jobs); });
      --running;
      return run_with(suites::Verdict::conformant);
    };
    run_fleet(plan_of({"a", "b", "c", "d", "e", "f"}), jobs, {}, judge, nullptr);
    EXPECT_EQ(most, static_cast<int>(jobs));
  }
}

TEST(RunFleet, AStopRequestEndsTheFleetAndLeavesTheRestUnstarted) {
  Cancellation cancel;
  std::atomic<int> judged{0};
  const auto judge = [&](const RunOptions&) {
    ++judged;
    cancel.request(SIGTERM);  // as the signal thread would, while this member runs
    auto run = run_with(suites::Verdict::interrupted, 2);
    run.interruption = suites::Interruption{SIGTERM, 2, 30};
    return run;
  };
  const auto fleet = run_fleet(plan_of({"a", "b", "c"}), 1, {}, judge, &cancel);
  EXPECT_EQ(judged, 1);
  ASSERT_EQ(fleet.members.size(), 1U);
  EXPECT_THAT(fleet.discovered, ElementsAre("a", "b", "c"));
  ASSERT_TRUE(fleet.interruption);
  EXPECT_EQ(fleet.interruption->signal, SIGTERM);
  EXPECT_EQ(fleet.interruption->calls_made, 2U);
  EXPECT_EQ(fleet.interruption->calls_planned, 30U);
  EXPECT_EQ(fleet.verdict, suites::Verdict::interrupted);
  EXPECT_EQ(suites::exit_status(fleet), 128 + SIGTERM);
}

TEST(RunFleet, AStopRequestAfterTheLastMemberStopsNothing) {
  Cancellation cancel;
  std::atomic<int> left{2};
  const auto judge = [&](const RunOptions&) {
    if (--left == 0) cancel.request(SIGINT);
    return run_with(suites::Verdict::conformant);
  };
  const auto fleet = run_fleet(plan_of({"a", "b"}), 1, {}, judge, &cancel);
  EXPECT_EQ(fleet.members.size(), 2U);
  EXPECT_FALSE(fleet.interruption);
  EXPECT_EQ(fleet.verdict, suites::Verdict::conformant);
}

}  // namespace
}  // namespace smapi::harness
