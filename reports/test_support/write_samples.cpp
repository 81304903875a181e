// Test-only: writes the sample runs' report.json files into a directory, for
// the schema check (reports/schema/schema_tests.sh samples), and their
// report.sarif files as *.sarif, for check_sarif.py (schema_tests.sh sarif),
// and their summary.md files as *.md, for check_markdown.py (schema_tests.sh markdown).

#include "reports/fleet_json.h"
#include "reports/fleet_reports.h"
#include "reports/detail/atomic_file.h"
#include "reports/detail/pretty_json.h"
#include "reports/json_report.h"
#include "reports/markdown_summary.h"
#include "reports/sarif_report.h"
#include "reports/test_support/sample_run.h"

#include <array>
#include <csignal>
#include <filesystem>
#include <iostream>

int main(int argc, char** argv) {
  using namespace smapi;
  if (argc != 2) {
    std::cerr << "usage: smapi_report_samples DIR\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  try {
    reports::write_json_report(reports::testing::sample_run(), dir / "sample.json");
    reports::write_json_report(reports::testing::sample_run_with_waivers(), dir / "sample-waivers.json");
    reports::write_json_report(reports::testing::sample_run_with_hostile_text(), dir / "sample-hostile.json");
    suites::RunResult datapath = reports::testing::sample_run();
    datapath.observations.subject.kind = suites::PluginKind::datapath;
    datapath.observations.subject.transport = suites::Transport::xmlrpc;
    datapath.observations.calls[0].exit.reset();
    datapath.observations.calls[0].http_status = 200;
    datapath.observations.subject.method_files.clear();
    datapath.xapi_view = {};
    datapath.xapi_view.available = true;
    datapath.xapi_view.summary = "datapath plugin served over HTTP (no directory), registered";
    datapath.xapi_view.registration_applies = true;
    datapath.xapi_view.registration_detail = "judged from the Plugin.query call with dbg \"register\"";
    datapath.xapi_view.registration_succeeds = true;
    reports::write_json_report(datapath, dir / "sample-datapath-xmlrpc.json");
    suites::RunResult interrupted = reports::testing::sample_run();
    interrupted.interruption = suites::Interruption{SIGINT, 1, 31};
    interrupted.verdict = suites::Verdict::interrupted;
    reports::write_json_report(interrupted, dir / "sample-interrupted.json");
    suites::RunResult empty;
    reports::write_json_report(empty, dir / "sample-empty.json");

    using namespace reports::testing;
    const std::array catalogue{kQueryFieldType, kDiagNoPii,         kLsResultType,
                               kQueryApiVersion, kQueryFeatureNames, kErrorsBadDbg};
    suites::RunResult exec = sample_run();
    exec.observations.subject.source_dir = "volume/org.xen.xapi.storage.ext4-ng";
    exec.observations.subject.resolved_method_files = {{"SR.attach", "lib/sr.py"}};
    reports::write_sarif_report(exec, catalogue, dir / "sample.sarif");
    reports::write_sarif_report(sample_run_with_waivers(), catalogue, dir / "sample-waivers.sarif");
    suites::RunResult hostile = sample_run_with_hostile_text();
    hostile.observations.subject.source_dir = hostile.observations.subject.target.substr(1);
    reports::write_sarif_report(hostile, catalogue, dir / "sample-hostile.sarif");
    datapath.observations.subject.source_dir = "http/::1/8080";
    reports::write_sarif_report(datapath, catalogue, dir / "sample-datapath-xmlrpc.sarif");
    reports::write_sarif_report(empty, {}, dir / "sample-empty.sarif");

    // Fleets: a whole one, a shard of it, an interrupted one.
    const auto write = [&](const std::string& name, const std::string& text) {
      reports::detail::write_file_atomically(dir / name, text);
    };
    const suites::FleetResult fleet = sample_fleet();
    write("sample-fleet.json", reports::to_fleet_report_text(fleet));
    write("sample-fleet.sarif", reports::detail::pretty_json(reports::to_fleet_sarif_json(fleet, catalogue)));
    write("sample-fleet.md", reports::to_fleet_markdown_summary(fleet));
    suites::FleetResult shard = fleet;
    shard.members.erase(shard.members.begin());
    shard.shard = suites::Shard{2, 2};
    shard.verdict = suites::fleet_verdict(shard);
    write("sample-fleet-shard.json", reports::to_fleet_report_text(shard));
    suites::FleetResult stopped = fleet;
    stopped.members.pop_back();
    stopped.interruption = suites::Interruption{SIGTERM, 40, 93};
    stopped.verdict = suites::fleet_verdict(stopped);
    write("sample-fleet-interrupted.json", reports::to_fleet_report_text(stopped));

    reports::write_markdown_summary(sample_run(), dir / "sample.md");
    reports::write_markdown_summary(sample_run_with_waivers(), dir / "sample-waivers.md");
    reports::write_markdown_summary(sample_run_with_hostile_text(), dir / "sample-hostile.md");
    suites::RunResult markup = sample_run();
    markup.results[0].message = "*bold* _it_ ~~gone~~ <b>x</b> [l](u) ![i](u) `c` a|b http://e.invalid www.e.invalid";
    markup.xapi_view.summary = "# not a heading";
    reports::write_markdown_summary(markup, dir / "sample-markup.md");
  } catch (const std::exception& error) {
    std::cerr << "smapi_report_samples: " << error.what() << "\n";
    return 2;
  }
  return 0;
}
