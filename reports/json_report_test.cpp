#include "reports/json_report.h"

#include "reports/detail/text_safety.h"
#include "reports/test_support/sample_run.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace smapi::reports {
namespace {

namespace json = boost::json;
using testing::sample_run;
using ::testing::AllOf;
using ::testing::HasSubstr;

json::value round_trip(const suites::RunResult& run, const ReportLimits& limits = {}) {
  const std::string text = to_report_text(run, limits);
  EXPECT_TRUE(detail::is_valid_utf8(text));
  std::error_code ec;
  json::value parsed = json::parse(text, ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(parsed, to_report_json(run, limits));
  return parsed;
}

const json::object& result_with_id(const json::value& report, std::string_view id) {
  for (const auto& result : report.at("results").as_array())
    if (result.at("id").as_string() == id) return result.as_object();
  throw std::logic_error("no result " + std::string(id));
}

TEST(JsonReport, HeaderAndSummaryHoldTheRunsValues) {
  const json::value report = round_trip(sample_run());
  EXPECT_EQ(report.at("schema_version"), 3);
  EXPECT_EQ(report.at("catalogue_version"), "2.0.0");
  EXPECT_EQ(report.at("tool"), json::parse(R"({"name":"smapi-conform","version":"0.1.0"})"));
  EXPECT_EQ(report.at("target"), "/plugins/ext4-ng");
  EXPECT_EQ(report.at("kind"), "volume");
  EXPECT_EQ(report.at("transport"), "exec");
  EXPECT_EQ(report.at("profile"), "xapi");
  EXPECT_EQ(report.at("started_at"), "2026-01-02T03:04:05Z");
  EXPECT_EQ(report.at("duration_ms"), 1234);
  EXPECT_EQ(report.at("summary"), json::parse(R"({
      "verdict": "non-conformant", "exit_status": 1,
      "counts": {"pass": 1, "fail": 2, "warn": 1, "skip": 1, "error": 1},
      "failed_must": ["QUERY-FIELD-TYPE"], "failed_should": ["DIAG-NO-PII"], "waived": []})"));
  EXPECT_EQ(report.at("subject"), json::parse(R"({"target": "/plugins/ext4-ng", "kind": "volume",
      "transport": "exec", "profile": "xapi", "plugin_dir_name": "",
      "method_files": ["Plugin.Query", "SR.attach"], "timeout_ms": 30000,
      "repeat": 10, "concurrency": 4, "seed": 20240601, "probes": true})"));
  EXPECT_EQ(report.at("skipped_probes"), json::parse(R"([{"method": "Plugin.diagnostics",
      "reason": "Plugin.diagnostics: the plain call timed out; its further probes were skipped"}])"));
}

TEST(JsonReport, ResultsCarryApplicabilityProofAndReproducer) {
  const json::value report = round_trip(sample_run());
  const auto& first = report.at("results").at(0);
  EXPECT_EQ(first.at("applies"), json::parse(R"({"transports": ["exec", "jsonrpc"],
      "kinds": ["volume"], "feature": "SR_STATS"})"));
  EXPECT_EQ(first.at("proof"), "fixture:defects/query-field-types");
  EXPECT_EQ(first.at("reproducer"), testing::kQueryReproducer);
  EXPECT_EQ(first.at("waiver"), nullptr);
  const auto& unjudged = report.at("results").at(5);
  EXPECT_EQ(unjudged.at("reproducer"), "");
  EXPECT_EQ(unjudged.at("applies").at("transports"), json::parse(R"(["exec", "jsonrpc", "xmlrpc"])"));
}

TEST(JsonReport, EachCallNamesItsProbe) {
  suites::RunResult run = sample_run();
  run.observations.calls[1].probe = suites::Probe::bad_input;
  const json::value report = round_trip(run);
  EXPECT_EQ(report.at("calls").at(0).at("probe"), "none");
  EXPECT_EQ(report.at("calls").at(1).at("probe"), "bad_input");
}

TEST(JsonReport, WaiversAndWaiverProblemsAreWritten) {
  const json::value report = round_trip(testing::sample_run_with_waivers());
  EXPECT_EQ(report.at("results").at(0).at("waiver"), json::parse(R"({"reason": "vendor field fixed in 2.1",
      "ticket": "XAPI-12", "expires": "2099-01-01"})"));
  EXPECT_EQ(report.at("summary").at("waived"), json::parse(R"(["QUERY-FIELD-TYPE"])"));
  EXPECT_EQ(report.at("summary").at("failed_must"), json::array());
  EXPECT_EQ(report.at("summary").at("verdict"), "inconclusive");
  EXPECT_EQ(report.at("waiver_problems"), json::parse(R"j([
      {"kind": "expired", "id": "DIAG-ANSWERS", "detail": "expired 2026-01-01 (ticket XAPI-7)"},
      {"kind": "unexpected_pass", "id": "QUERY-API-VERSION", "detail": "passed anyway: drop the waiver"}])j"));
}

TEST(JsonReport, XapiViewIsWrittenFieldForField) {
  const json::value report = round_trip(sample_run());
  const auto& view = report.at("xapi_view");
  EXPECT_EQ(view.at("available"), true);
  EXPECT_EQ(view.at("sr_type"), "ext4-ng");
  EXPECT_EQ(view.at("capabilities"), json::parse(R"(["SR_ATTACH", "VDI_DELETE"])"));
  EXPECT_EQ(view.at("features"), json::parse(R"([{"name": "SR_ATTACH", "version": 1},
      {"name": "VDI_DELETE", "version": 2}])"));
  EXPECT_EQ(view.at("renamed"), json::parse(R"(["VDI_DESTROY -> VDI_DELETE"])"));
  EXPECT_EQ(view.at("dropped"), json::parse(R"(["FOO"])"));
  EXPECT_EQ(view.at("summary"), "SR type \"ext4-ng\", 2 capabilities");
  EXPECT_EQ(view.at("clamped"), json::parse(R"([{"feature": "SR_STATS/0", "reason": "version below 1, raised to 1"}])"));
  EXPECT_EQ(view.at("added"), json::parse(R"([{"capability": "SR_ATTACH", "because": "script SR.attach"}])"));
  EXPECT_EQ(view.at("scripts_known"), true);
  EXPECT_EQ(view.at("api_version_note"), "");
  EXPECT_EQ(report.at("subject").at("method_files"), json::parse(R"(["Plugin.Query", "SR.attach"])"));
  EXPECT_EQ(view.at("configuration"), json::parse(R"([{"key": "device", "description": "the block device"}])"));
  EXPECT_EQ(view.at("registration"), nullptr);
}

TEST(JsonReport, ResultsKeepCatalogueOrderAndRequirementText) {
  const json::value report = round_trip(sample_run());
  const auto& results = report.at("results").as_array();
  ASSERT_EQ(results.size(), 6u);
  EXPECT_EQ(results[0].at("id"), "QUERY-FIELD-TYPE");
  EXPECT_EQ(results[5].at("id"), "ERRORS-BAD-DBG");
  const auto& first = results[0].as_object();
  EXPECT_EQ(first.at("area"), "query");
  EXPECT_EQ(first.at("level"), "MUST");
  EXPECT_EQ(first.at("statement"), "Every query_result field has the IDL's type.");
  EXPECT_EQ(first.at("source"), "IDL: query_result field types");
  EXPECT_EQ(first.at("consequence"), "A field of the wrong type fails Plugin.query in xapi.");
  EXPECT_EQ(first.at("citation"), "ocaml-rpc@6fe5b650 src/lib/rpcmarshal.ml unmarshal");
  EXPECT_EQ(result_with_id(report, "DIAG-NO-PII").at("citation"), "");
  EXPECT_EQ(first.at("outcome"), "fail");
  EXPECT_EQ(first.at("message"), "$.vendor: expected string, got 5");
  EXPECT_EQ(result_with_id(report, "DIAG-NO-PII").at("level"), "SHOULD");
  EXPECT_EQ(result_with_id(report, "ERRORS-BAD-DBG").at("evidence"), json::array());
}

TEST(JsonReport, EvidenceCarriesTheExactRequestReplyAndExit) {
  const json::value report = round_trip(sample_run());
  const auto& evidence = result_with_id(report, "QUERY-FIELD-TYPE").at("evidence").as_array();
  ASSERT_EQ(evidence.size(), 1u);
  const auto& call = evidence[0].as_object();
  EXPECT_EQ(call.at("call"), 0);
  EXPECT_EQ(call.at("label"), "Plugin.query");
  EXPECT_EQ(call.at("method"), "Plugin.query");
  EXPECT_EQ(call.at("request"), testing::kQueryRequest);
  EXPECT_EQ(call.at("request_utf8_valid"), true);
  EXPECT_EQ(call.at("reproducer"), testing::kQueryReproducer);
  EXPECT_EQ(call.at("delivery"), "answered");
  EXPECT_EQ(call.at("exit"), json::parse(R"({"how":"exited","code":0})"));
  EXPECT_TRUE(call.at("http_status").is_null());
  EXPECT_EQ(call.at("reply"), testing::kQueryReply);
  EXPECT_EQ(call.at("reply_truncated"), false);
  EXPECT_EQ(call.at("reply_utf8_valid"), true);
  EXPECT_EQ(call.at("reply_omitted_bytes"), 0);
  EXPECT_EQ(call.at("stderr"), "");
  EXPECT_EQ(call.at("elapsed_ms"), 12);
  EXPECT_EQ(call.at("decoded"), json::parse(R"({"kind":"result","problem":"","error":null,"envelope_findings":[]})"));
  // The same call, in full, under "calls".
  EXPECT_EQ(report.at("calls").as_array().at(0), evidence[0]);
}

TEST(JsonReport, DecodedErrorsAndEnvelopeFindingsAreWritten) {
  const json::value report = round_trip(sample_run());
  const auto& ls = report.at("calls").as_array().at(1);
  EXPECT_EQ(ls.at("exit"), json::parse(R"({"how":"exited","code":1})"));
  EXPECT_EQ(ls.at("stderr"), "log line\n");
  const auto& decoded = ls.at("decoded");
  EXPECT_EQ(decoded.at("kind"), "error");
  EXPECT_EQ(decoded.at("error"),
            json::parse(R"({"code":"SR_BACKEND_FAILURE","params":["Unimplemented","Plugin.ls"]})"));
  ASSERT_EQ(decoded.at("envelope_findings").as_array().size(), 1u);
  EXPECT_THAT(std::string(decoded.at("envelope_findings").at(0).as_string()),
              HasSubstr("$.backtrace"));
}

TEST(JsonReport, UnansweredCallsHaveNoDecodedReply) {
  const json::value report = round_trip(sample_run());
  const auto& diagnostics = report.at("calls").as_array().at(2);
  EXPECT_EQ(diagnostics.at("delivery"), "timed_out");
  EXPECT_EQ(diagnostics.at("detail"), "no answer within 30000 ms");
  EXPECT_TRUE(diagnostics.at("exit").is_null());
  EXPECT_TRUE(diagnostics.at("decoded").is_null());
}

TEST(JsonReport, SignalledExitAndHttpStatusAreWritten) {
  suites::RunResult run = sample_run();
  run.observations.calls[0].exit = contract::ExecExit{contract::ExecExit::How::signalled, 9};
  run.observations.calls[1].exit.reset();
  run.observations.calls[1].http_status = 500;
  const json::value report = round_trip(run);
  EXPECT_EQ(report.at("calls").at(0).at("exit"), json::parse(R"({"how":"signalled","code":9})"));
  EXPECT_TRUE(report.at("calls").at(1).at("exit").is_null());
  EXPECT_EQ(report.at("calls").at(1).at("http_status"), 500);
}

// Each exec flag of a call is written under its own name, and only there.
TEST(JsonReport, EachExecFlagIsWrittenAloneUnderItsOwnName) {
  using Flag = bool suites::CallObservation::*;
  const std::pair<const char*, Flag> flags[] = {
      {"stderr_truncated", &suites::CallObservation::stderr_truncated},
      {"pipe_held_open", &suites::CallObservation::pipe_held_open},
      {"stdin_not_consumed", &suites::CallObservation::stdin_not_consumed},
  };
  for (const auto& [name, flag] : flags) {
    SCOPED_TRACE(name);
    suites::RunResult run = sample_run();
    for (auto& call : run.observations.calls)
      for (const auto& [other, other_flag] : flags) {
        (void)other;
        call.*other_flag = false;
      }
    run.observations.calls[0].*flag = true;
    const json::value report = round_trip(run);
    const auto& calls = report.at("calls").as_array();
    for (std::size_t i = 0; i < calls.size(); ++i)
      for (const auto& [other, other_flag] : flags) {
        (void)other_flag;
        EXPECT_EQ(calls[i].at(other), i == 0 && std::string_view(other) == name) << "call " << i << " " << other;
      }
  }
}

TEST(JsonReport, InvalidUtf8AndControlBytesStillMakeValidJson) {
  suites::RunResult run = sample_run();
  auto& call = run.observations.calls[1];
  call.reply_bytes = std::string("{\"a\":\"\xFF\xFE\"}\x00\x01\x1B[31m", 17);
  call.stderr_bytes = "Traceback \xC0\xAF\x07 end";
  call.reply.error.params = {"bad \xE2\x82", "ok"};
  run.results[0].message = "got \xFF";
  const json::value report = round_trip(run);
  const auto& ls = report.at("calls").at(1);
  EXPECT_EQ(ls.at("reply_utf8_valid"), false);
  EXPECT_EQ(ls.at("reply"),
            json::value(std::string("{\"a\":\"\xEF\xBF\xBD\xEF\xBF\xBD\"}\x00\x01\x1B[31m", 21)));
  EXPECT_EQ(ls.at("stderr_utf8_valid"), false);
  EXPECT_EQ(ls.at("stderr"), "Traceback \xEF\xBF\xBD\xEF\xBF\xBD\x07 end");
  EXPECT_EQ(ls.at("request_utf8_valid"), true);
  EXPECT_EQ(ls.at("decoded").at("error").at("params").at(0), "bad \xEF\xBF\xBD");
  EXPECT_EQ(report.at("results").at(0).at("message"), "got \xEF\xBF\xBD");
  // Control bytes travel as JSON escapes, never raw.
  const std::string text = to_report_text(run);
  EXPECT_THAT(text, AllOf(HasSubstr("\\u0000"), HasSubstr("\\u0001"), HasSubstr("\\u001b")));
  EXPECT_EQ(text.find('\x1B'), std::string::npos);
}

TEST(JsonReport, RawFieldsAreCutToTheNamedLimits) {
  suites::RunResult run = sample_run();
  run.observations.calls[0].reply_bytes = std::string(5000, 'r');
  run.observations.calls[0].reply_truncated = true;
  run.observations.calls[0].stderr_bytes = std::string(3000, 'e');
  ReportLimits limits;
  limits.max_field_bytes = 1000;
  limits.max_evidence_field_bytes = 100;
  const json::value report = round_trip(run, limits);
  const auto& full = report.at("calls").at(0);
  EXPECT_EQ(full.at("reply"), json::value(std::string(1000, 'r') + "\xE2\x80\xA6[4000 bytes omitted]"));
  EXPECT_EQ(full.at("reply_omitted_bytes"), 4000);
  EXPECT_EQ(full.at("reply_truncated"), true);
  EXPECT_EQ(full.at("stderr_omitted_bytes"), 2000);
  const auto& evidence = result_with_id(report, "QUERY-FIELD-TYPE").at("evidence").at(0);
  EXPECT_EQ(evidence.at("reply"), json::value(std::string(100, 'r') + "\xE2\x80\xA6[4900 bytes omitted]"));
  EXPECT_EQ(evidence.at("stderr_omitted_bytes"), 2900);
}

TEST(JsonReport, AFloodDoesNotMakeAFloodedReport) {
  suites::RunResult run = sample_run();
  run.observations.calls[0].reply_bytes = std::string(16 << 20, '\xFF');
  run.observations.calls[0].stderr_bytes = std::string(16 << 20, 'x');
  for (auto& result : run.results) result.evidence = {0, 0, 0};
  const std::string text = to_report_text(run);
  // Defaults: 64 KiB per field under "calls", 16 KiB per field per evidence
  // entry; replacement characters and JSON escaping at most triple that.
  EXPECT_LT(text.size(), 2u << 20);
  EXPECT_FALSE(json::parse(text).as_object().empty());
}

TEST(JsonReport, OddResultsDoNotBreakTheReport) {
  suites::RunResult run = sample_run();
  run.results[2].requirement = nullptr;
  run.results[0].evidence = {0, 99};
  const json::value report = round_trip(run);
  EXPECT_EQ(report.at("results").at(2).at("id"), "UNKNOWN-REQUIREMENT");
  EXPECT_EQ(report.at("results").at(0).at("evidence").as_array().size(), 1u);
}

TEST(JsonReport, NoInfinityOrNaNAnywhere) {
  const std::string text = to_report_text(sample_run());
  EXPECT_EQ(text.find("Infinity"), std::string::npos);
  EXPECT_EQ(text.find("NaN"), std::string::npos);
}

class JsonReportFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("smapi-reports-json-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(JsonReportFile, WritesTheWholeReportAndNothingElse) {
  const auto file = dir_ / "report.json";
  {
    std::ofstream old(file);
    old << "old contents";
  }
  write_json_report(sample_run(), file);
  std::ifstream in(file);
  std::stringstream contents;
  contents << in.rdbuf();
  EXPECT_EQ(contents.str(), to_report_text(sample_run()));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_),
                          std::filesystem::directory_iterator()),
            1);
}

TEST_F(JsonReportFile, MissingDirectoryIsAClearError) {
  const auto file = dir_ / "no-such-dir" / "report.json";
  try {
    write_json_report(sample_run(), file);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& error) {
    EXPECT_THAT(error.what(),
                AllOf(HasSubstr(file.string()), HasSubstr("No such file or directory")));
  }
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_),
                          std::filesystem::directory_iterator()),
            0);
}

TEST_F(JsonReportFile, ADirectoryInTheWayIsAClearError) {
  const auto file = dir_ / "taken";
  std::filesystem::create_directories(file / "inside");
  EXPECT_THROW(write_json_report(sample_run(), file), std::runtime_error);
  EXPECT_TRUE(std::filesystem::is_directory(file / "inside"));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_),
                          std::filesystem::directory_iterator()),
            1);
}

}  // namespace
}  // namespace smapi::reports
