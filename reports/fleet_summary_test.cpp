#include "reports/fleet_summary.h"

#include "suites/catalogue.h"

#include <signal.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace smapi::reports {
namespace {

using ::testing::HasSubstr;

suites::FleetMember fleet_member(std::string name, suites::Verdict verdict, std::vector<std::string> failing = {}) {
  suites::FleetMember member;
  member.name = std::move(name);
  member.run.verdict = verdict;
  member.run.observations.subject.kind = suites::PluginKind::volume;
  for (const auto& id : failing)
    member.run.results.push_back({&suites::requirement(id), suites::Outcome::fail, "broken", {}, std::nullopt});
  return member;
}

std::string summary_of(const suites::FleetResult& fleet) {
  std::ostringstream out;
  print_fleet_summary(out, fleet, false);
  return out.str();
}

TEST(FleetSummary, OneLinePerPluginThenTheVerdict) {
  suites::FleetResult fleet;
  fleet.tool_version = "0.1.0";
  fleet.members.push_back(fleet_member("datapath/tapdisk", suites::Verdict::conformant));
  fleet.members.back().run.observations.subject.kind = suites::PluginKind::datapath;
  fleet.members.push_back(fleet_member("volume/broken", suites::Verdict::non_conformant,
                                       {"QUERY-STABLE", "DIAG-ANSWERS", "LS-UNIQUE"}));
  auto unreachable = fleet_member("http://127.0.0.1:9/", suites::Verdict::inconclusive);
  unreachable.harness_error = "cannot reach http://127.0.0.1:9/: connection refused";
  unreachable.run.observations.subject.transport = suites::Transport::jsonrpc_v1;
  fleet.members.push_back(unreachable);
  fleet.discovered = {"datapath/tapdisk", "http://127.0.0.1:9/", "volume/broken"};
  fleet.verdict = suites::fleet_verdict(fleet);
  EXPECT_EQ(summary_of(fleet),
            "smapi-conform 0.1.0: 3 plugins judged of 3 discovered\n"
            "conformant      datapath/tapdisk     (datapath, exec)\n"
            "non-conformant  volume/broken        (volume, exec)  fails QUERY-STABLE, DIAG-ANSWERS; also fails, not "
            "counted: LS-UNIQUE\n"
            "inconclusive    http://127.0.0.1:9/  (volume, jsonrpc)  cannot reach http://127.0.0.1:9/: connection "
            "refused\n"
            "verdict: non-conformant\n");
}

TEST(FleetSummary, NamesAShardAndAnInterruption) {
  suites::FleetResult fleet;
  fleet.members.push_back(fleet_member("volume/a", suites::Verdict::interrupted));
  fleet.discovered = {"volume/a", "volume/b", "volume/c", "volume/d"};
  fleet.shard = suites::Shard{1, 2};
  fleet.interruption = suites::Interruption{SIGINT, 1, 2};
  fleet.verdict = suites::fleet_verdict(fleet);
  const auto text = summary_of(fleet);
  EXPECT_THAT(text, HasSubstr(": 1 plugin judged of 4 discovered (shard 1/2)\n"));
  EXPECT_THAT(text, HasSubstr("interrupted: SIGINT; the runs in flight were stopped"));
  EXPECT_THAT(text, HasSubstr("verdict: interrupted\n"));
}

TEST(FleetSummary, ManyFailuresAreCountedAndWaivedOnesLeftOut) {
  suites::FleetResult fleet;
  fleet.members.push_back(fleet_member("volume/a", suites::Verdict::non_conformant,
                                       {"QUERY-ANSWERS", "QUERY-STABLE", "QUERY-FIELD-TYPES", "LS-ANSWERS",
                                        "DIAG-ANSWERS", "QUERY-FIELDS-PRESENT", "QUERY-CONCURRENT"}));
  fleet.members.back().run.results[0].waiver = suites::WaiverNote{};
  const auto text = summary_of(fleet);
  EXPECT_THAT(text,
              HasSubstr("fails QUERY-STABLE, QUERY-FIELD-TYPES, LS-ANSWERS, DIAG-ANSWERS, QUERY-FIELDS-PRESENT and 1 more; "
                        "also fails, not counted: QUERY-ANSWERS\n"));
}

// A failed SHOULD does not make a plugin non-conformant under --fail-on must:
// its line names it apart from the failures that decide the verdict.
TEST(FleetSummary, NamesAFailedShouldThatDoesNotCountApart) {
  suites::FleetResult fleet;
  fleet.members.push_back(fleet_member("volume/a", suites::Verdict::conformant, {"LS-UNIQUE"}));
  EXPECT_THAT(summary_of(fleet), HasSubstr("(volume, exec)  also fails, not counted: LS-UNIQUE\n"));
  fleet.policy.fail_on = suites::FailOn::should;
  EXPECT_THAT(summary_of(fleet), HasSubstr("(volume, exec)  fails LS-UNIQUE\n"));
}

TEST(FleetSummary, PluginTextCannotReachTheTerminal) {
  suites::FleetResult fleet;
  fleet.members.push_back(fleet_member("volume/\x1b[2Jevil", suites::Verdict::conformant));
  EXPECT_THAT(summary_of(fleet), ::testing::Not(HasSubstr("\x1b")));
}

}  // namespace
}  // namespace smapi::reports
