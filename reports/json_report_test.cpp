#include "reports/json_report.h"

#include "reports/detail/sha256.h"
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
  EXPECT_EQ(report.at("schema_version"), 4);
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

// Each call is written once; a result cites calls by id (schema 4). Before,
// every result repeated the transcripts it cites, a 64 KiB probe included.
TEST(JsonReport, EvidenceIdsResolveToCalls) {
  const json::value report = round_trip(sample_run());
  const auto& calls = report.at("calls").as_array();
  ASSERT_EQ(calls.size(), 3u);
  for (std::size_t i = 0; i < calls.size(); ++i) EXPECT_EQ(calls[i].at("id"), i);
  for (const auto& result : report.at("results").as_array())
    for (const auto& id : result.at("evidence").as_array()) {
      ASSERT_TRUE(id.is_uint64() || id.is_int64()) << json::serialize(result);
      EXPECT_LT(id.to_number<std::size_t>(), calls.size()) << json::serialize(result);
    }
  EXPECT_EQ(result_with_id(report, "QUERY-FIELD-TYPE").at("evidence"), json::parse("[0]"));
  EXPECT_EQ(result_with_id(report, "DIAG-NO-PII").at("evidence"), json::parse("[2]"));
}

// What a pass needs is its statement, message and calls; the catalogue's
// detail (smapi-conform explain ID) and a reproducer are for what failed.
TEST(JsonReport, APassLeavesOutTheCataloguesDetail) {
  const json::value report = round_trip(sample_run());
  const auto& pass = result_with_id(report, "QUERY-API-VERSION");
  EXPECT_EQ(pass.at("outcome"), "pass");
  EXPECT_EQ(pass.at("statement"), "required_api_version is 3.0 or 5.0.");
  EXPECT_EQ(pass.at("reproducer"), "");
  EXPECT_EQ(pass.at("evidence"), json::parse("[0]"));
  for (const char* key : {"source", "consequence", "citation", "applies", "proof"})
    EXPECT_FALSE(pass.contains(key)) << key;
  for (const char* id : {"QUERY-FIELD-TYPE", "DIAG-NO-PII", "LS-RESULT-TYPE", "QUERY-FEATURE-NAMES", "ERRORS-BAD-DBG"})
    for (const char* key : {"source", "consequence", "citation", "applies", "proof"})
      EXPECT_TRUE(result_with_id(report, id).contains(key)) << id << " " << key;
}

TEST(JsonReport, CallsCarryTheExactRequestReplyAndExit) {
  const json::value report = round_trip(sample_run());
  const auto& call = report.at("calls").at(0).as_object();
  EXPECT_EQ(call.at("id"), 0);
  EXPECT_EQ(call.at("label"), "Plugin.query");
  EXPECT_EQ(call.at("method"), "Plugin.query");
  EXPECT_EQ(call.at("request").at("text"), testing::kQueryRequest);
  EXPECT_EQ(call.at("request").at("bytes"), std::string_view(testing::kQueryRequest).size());
  EXPECT_EQ(call.at("request").at("utf8_valid"), true);
  EXPECT_EQ(call.at("request").at("sha256"), nullptr);  // quoted whole
  EXPECT_EQ(call.at("reproducer"), testing::kQueryReproducer);
  EXPECT_EQ(call.at("delivery"), "answered");
  EXPECT_EQ(call.at("exit"), json::parse(R"({"how":"exited","code":0})"));
  EXPECT_TRUE(call.at("http_status").is_null());
  EXPECT_EQ(call.at("reply").at("text"), testing::kQueryReply);
  EXPECT_EQ(call.at("reply").at("truncated"), false);
  EXPECT_EQ(call.at("reply").at("utf8_valid"), true);
  EXPECT_EQ(call.at("reply").at("omitted_bytes"), 0);
  EXPECT_EQ(call.at("stderr").at("text"), "");
  EXPECT_EQ(call.at("elapsed_ms"), 12);
  EXPECT_EQ(call.at("decoded"), json::parse(R"({"kind":"result","problem":"","error":null,"envelope_findings":[]})"));
}

TEST(JsonReport, AnHttpCallHasNoStderr) {
  suites::RunResult run = sample_run();
  run.observations.subject.transport = suites::Transport::jsonrpc_v1;
  run.observations.calls[0].exit.reset();
  run.observations.calls[0].http_status = 200;
  const json::value report = round_trip(run);
  EXPECT_TRUE(report.at("calls").at(0).at("stderr").is_null());
  EXPECT_EQ(report.at("calls").at(0).at("http_status"), 200);
}

TEST(JsonReport, DecodedErrorsAndEnvelopeFindingsAreWritten) {
  const json::value report = round_trip(sample_run());
  const auto& ls = report.at("calls").as_array().at(1);
  EXPECT_EQ(ls.at("exit"), json::parse(R"({"how":"exited","code":1})"));
  EXPECT_EQ(ls.at("stderr").at("text"), "log line\n");
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
      {"reply_truncated", &suites::CallObservation::reply_truncated},
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
    // "reply_truncated" is written as reply.truncated, and so on.
    const auto at = [](const json::value& call, std::string_view key) {
      const auto underscore = key.find('_');
      if (key.ends_with("_truncated")) return call.at(key.substr(0, underscore)).at("truncated");
      return call.at(key);
    };
    for (std::size_t i = 0; i < calls.size(); ++i)
      for (const auto& [other, other_flag] : flags) {
        (void)other_flag;
        EXPECT_EQ(at(calls[i], other), i == 0 && std::string_view(other) == name) << "call " << i << " " << other;
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
  EXPECT_EQ(ls.at("reply").at("utf8_valid"), false);
  EXPECT_EQ(ls.at("reply").at("text"),
            json::value(std::string("{\"a\":\"\xEF\xBF\xBD\xEF\xBF\xBD\"}\x00\x01\x1B[31m", 21)));
  EXPECT_EQ(ls.at("stderr").at("utf8_valid"), false);
  EXPECT_EQ(ls.at("stderr").at("text"), "Traceback \xEF\xBF\xBD\xEF\xBF\xBD\x07 end");
  EXPECT_EQ(ls.at("request").at("utf8_valid"), true);
  EXPECT_EQ(ls.at("decoded").at("error").at("params").at(0), "bad \xEF\xBF\xBD");
  EXPECT_EQ(report.at("results").at(0).at("message"), "got \xEF\xBF\xBD");
  // Control bytes travel as JSON escapes, never raw.
  const std::string text = to_report_text(run);
  EXPECT_THAT(text, AllOf(HasSubstr("\\u0000"), HasSubstr("\\u0001"), HasSubstr("\\u001b")));
  EXPECT_EQ(text.find('\x1B'), std::string::npos);
}

TEST(JsonReport, ALongFieldIsQuotedByItsSizeDigestAndPrefix) {
  suites::RunResult run = sample_run();
  const std::string reply(5000, 'r');
  run.observations.calls[0].reply_bytes = reply;
  run.observations.calls[0].reply_truncated = true;
  run.observations.calls[0].stderr_bytes = std::string(3000, 'e');
  ReportLimits limits;
  limits.max_quoted_field_bytes = 1000;
  const json::value report = round_trip(run, limits);
  const auto& call = report.at("calls").at(0);
  EXPECT_EQ(call.at("reply"), json::parse(R"({"text": ")" + std::string(1000, 'r') +
                                          "\u2026[4000 bytes omitted]\", \"bytes\": 5000, \"omitted_bytes\": 4000, "
                                          "\"utf8_valid\": true, \"sha256\": \"" + detail::sha256_hex(reply) +
                                          "\", \"truncated\": true}"));
  EXPECT_EQ(call.at("stderr").at("omitted_bytes"), 2000);
  EXPECT_EQ(call.at("stderr").at("bytes"), 3000);
}

// A probe's reply of which the run kept only the first bytes: its size is
// the whole's, and no digest is claimed for bytes the report never saw.
TEST(JsonReport, NoDigestForBytesTheRunDidNotKeep) {
  suites::RunResult run = sample_run();
  auto& call = run.observations.calls[0];
  call.reply_bytes = std::string(4096, 'r');
  call.whole = suites::WholeBytes{};
  call.whole->reply_size = 100000;
  call.whole->stderr_size = 0;
  call.stderr_bytes.clear();
  const json::value report = round_trip(run);
  const auto& reply = report.at("calls").at(0).at("reply");
  EXPECT_EQ(reply.at("bytes"), 100000);
  EXPECT_EQ(reply.at("omitted_bytes"), 100000 - 2048);
  EXPECT_TRUE(reply.at("sha256").is_null());
}

TEST(JsonReport, AFloodDoesNotMakeAFloodedReport) {
  suites::RunResult run = sample_run();
  run.observations.calls[0].reply_bytes = std::string(16 << 20, '\xFF');
  run.observations.calls[0].stderr_bytes = std::string(16 << 20, 'x');
  for (auto& result : run.results) result.evidence = {0, 0, 0};
  const std::string text = to_report_text(run);
  // Each call quoted once by 2 KiB per field (replacement characters and
  // JSON escaping at most triple that), whatever cites it.
  EXPECT_LT(text.size(), 32u << 10);
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
