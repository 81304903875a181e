// Test-only: writes the sample runs' report.json files into a directory, for
// the schema check (reports/schema/schema_tests.sh samples).

#include "reports/json_report.h"
#include "reports/test_support/sample_run.h"

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
  } catch (const std::exception& error) {
    std::cerr << "smapi_report_samples: " << error.what() << "\n";
    return 2;
  }
  return 0;
}
