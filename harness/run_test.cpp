// The run loop against a scripted target: call order, probe tags and labels,
// the seed's determinism, concurrency, and no further probes after a timeout.

#include "harness/run.h"

#include "contract/exec_codec.h"
#include "contract/jsonrpc_codec.h"
#include "contract/names.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

namespace smapi::harness {
namespace {

using contract::Method;
using suites::Delivery;
using suites::Probe;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kQuery =
    R"({"plugin":"ext4-ng","name":"n","description":"d","vendor":"v","copyright":"c","version":"1","required_api_version":"5.0","features":[],"configuration":{},"required_cluster_stack":[]})";

// Answers like a good exec plugin; `hang` methods time out, `hold` methods
// answer but leave a descendant holding the pipe. Thread-safe.
class ScriptedTarget final : public Target {
 public:
  explicit ScriptedTarget(std::vector<Method> hang = {}, std::vector<Method> hold = {})
      : hang_(std::move(hang)), hold_(std::move(hold)) {}

  suites::CallObservation call_with_text(Method method, std::string_view args_text) override {
    const auto now = ++in_flight_;
    int seen = most_in_flight_.load();
    while (now > seen && !most_in_flight_.compare_exchange_weak(seen, now)) {}
    {
      std::lock_guard lock(mutex_);
      sent_.emplace_back(std::string(contract::wire_name(method)) + " " + std::string(args_text));
    }
    suites::CallObservation call;
    call.method = method;
    call.request = std::string(args_text);
    if (std::find(hang_.begin(), hang_.end(), method) != hang_.end()) {
      call.delivery = Delivery::timed_out;
    } else {
      const bool bad = args_text.find("\"dbg\":\"") == std::string_view::npos;
      call.exit = contract::ExecExit{contract::ExecExit::How::exited, bad ? 1 : 0};
      call.reply_bytes = bad ? R"({"code":"SR_BACKEND_FAILURE","params":["TypeError","bad"],"backtrace":{"error":"","files":[],"lines":[]}})"
                       : method == Method::query ? kQuery
                       : method == Method::ls    ? "[]"
                                                 : "\"ok\"";
      call.reply = contract::decode_exec_reply(*call.exit, call.reply_bytes);
      call.pipe_held_open = std::find(hold_.begin(), hold_.end(), method) != hold_.end();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // let concurrent calls overlap
    --in_flight_;
    return call;
  }

  std::vector<std::string> sent() const {
    std::lock_guard lock(mutex_);
    return sent_;
  }
  int most_in_flight() const { return most_in_flight_; }

 private:
  std::vector<Method> hang_;
  std::vector<Method> hold_;
  mutable std::mutex mutex_;
  std::vector<std::string> sent_;
  std::atomic<int> in_flight_{0};
  std::atomic<int> most_in_flight_{0};
};

suites::RunSubject subject(unsigned repeat, unsigned concurrency, bool probes, std::uint64_t seed = 1) {
  suites::RunSubject subject;
  subject.target = "scripted";
  subject.plugin_dir_name = "org.xen.xapi.storage.ext4-ng";
  subject.repeat = repeat;
  subject.concurrency = concurrency;
  subject.probes = probes;
  subject.seed = seed;
  return subject;
}

// "ID outcome: message" for each result that is neither pass nor skip.
std::vector<std::string> problems(const suites::RunResult& run) {
  std::vector<std::string> found;
  for (const auto& result : run.results)
    if (result.outcome != suites::Outcome::pass && result.outcome != suites::Outcome::skip)
      found.push_back(std::string(result.requirement->id) + " " + std::string(to_string(result.outcome)) +
                      ": " + result.message);
  return found;
}

std::vector<std::string> labels(const suites::RunResult& run) {
  std::vector<std::string> labels;
  for (const auto& call : run.observations.calls) labels.push_back(call.label);
  return labels;
}

TEST(RunLoop, BaseContractFirstThenRepeatsThenConcurrentCalls) {
  ScriptedTarget target;
  const auto run = run_conformance(target, subject(3, 2, false));
  EXPECT_THAT(labels(run), ElementsAre("Plugin.query", "Plugin.ls", "Plugin.diagnostics", "Plugin.query #2",
                                       "Plugin.query #3", "Plugin.query (concurrent 1/2)",
                                       "Plugin.query (concurrent 2/2)"));
  EXPECT_EQ(run.observations.calls[3].probe, Probe::repeat);
  EXPECT_EQ(run.observations.calls[5].probe, Probe::concurrent);
  EXPECT_EQ(target.most_in_flight(), 2);
  EXPECT_THAT(problems(run), ::testing::IsEmpty());
}

TEST(RunLoop, ProbesCoverEveryDbgVariantAndSixInputProbes) {
  ScriptedTarget target;
  const auto run = run_conformance(target, subject(1, 1, true));
  std::size_t variants = 0, inputs = 0;
  for (const auto& call : run.observations.calls) {
    variants += call.probe == Probe::dbg_variant;
    inputs += call.probe == Probe::bad_input || call.probe == Probe::extra_argument;
  }
  EXPECT_EQ(variants, 9u);
  EXPECT_EQ(inputs, 6u);
  EXPECT_THAT(labels(run), Contains("Plugin.ls (dbg 64 KiB)"));
  EXPECT_THAT(labels(run), Contains(HasSubstr("(probe: missing dbg)")));
  const auto large = std::find_if(run.observations.calls.begin(), run.observations.calls.end(),
                                  [](const auto& call) { return call.label == "Plugin.query (dbg 64 KiB)"; });
  ASSERT_NE(large, run.observations.calls.end());
  EXPECT_EQ(large->request.size(), kLargeDbgBytes + std::string(R"({"dbg":""})").size());
  EXPECT_THAT(problems(run), ::testing::IsEmpty());
}

TEST(RunLoop, SameSeedSameProbesOtherSeedOthers) {
  ScriptedTarget first, again, other;
  run_conformance(first, subject(1, 1, true, 42));
  run_conformance(again, subject(1, 1, true, 42));
  run_conformance(other, subject(1, 1, true, 43));
  EXPECT_EQ(first.sent(), again.sent());
  EXPECT_NE(first.sent(), other.sent());
}

TEST(RunLoop, TimedOutMethodGetsNoFurtherProbes) {
  ScriptedTarget target({Method::diagnostics});
  std::vector<std::string> progress;
  const auto run = run_conformance(target, subject(2, 2, true),
                                   [&](std::size_t done, std::size_t total, std::string_view label) {
                                     progress.push_back(std::to_string(done) + "/" + std::to_string(total) +
                                                        " " + std::string(label));
                                   });
  std::size_t diagnostics_calls = 0;
  for (const auto& call : run.observations.calls) diagnostics_calls += call.method == Method::diagnostics;
  EXPECT_EQ(diagnostics_calls, 1u);
  ASSERT_EQ(run.observations.skipped_probes.size(), 1u);
  EXPECT_THAT(run.observations.skipped_probes[0].reason, HasSubstr("timed out"));
  // Progress counts every planned call, made or skipped, and ends at the total.
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.front(), "1/" + std::to_string(3 + 1 + 2 + 9 + 6) + " Plugin.query");
  EXPECT_THAT(progress.back(), ::testing::StartsWith("21/21 "));
}

TEST(RunLoop, MethodWhoseCallHeldThePipeGetsNoFurtherProbes) {
  ScriptedTarget target({}, {Method::ls});
  const auto run = run_conformance(target, subject(2, 2, true));
  std::size_t ls_calls = 0;
  for (const auto& call : run.observations.calls) ls_calls += call.method == Method::ls;
  EXPECT_EQ(ls_calls, 1u);
  ASSERT_EQ(run.observations.skipped_probes.size(), 1u);
  EXPECT_THAT(run.observations.skipped_probes[0].reason, HasSubstr("holding its output open"));
}

// Answers every call over HTTP with this status, content type and body, as
// the JSON-RPC target records it.
class HttpAnswerTarget final : public Target {
 public:
  HttpAnswerTarget(int status, std::string content_type, std::string body)
      : status_(status), content_type_(std::move(content_type)), body_(std::move(body)) {}
  suites::CallObservation call_with_text(Method method, std::string_view) override {
    suites::CallObservation call;
    call.method = method;
    call.label = std::string(contract::wire_name(method));
    call.http_status = status_;
    call.http_content_type = content_type_;
    call.reply_bytes = body_;
    call.reply = contract::decode_jsonrpc_response(contract::JsonRpcVersion::v1, body_);
    return call;
  }

 private:
  int status_;
  std::string content_type_, body_;
};

suites::RunSubject http_subject() {
  auto http = subject(1, 1, false);
  http.target = "http://127.0.0.1:8000/";
  http.transport = suites::Transport::jsonrpc_v1;
  return http;
}

// `python3 -m http.server` as the target was judged: exit 1, 24 skips.
TEST(RunLoop, AWebServerThatIsNoPluginIsAHarnessError) {
  HttpAnswerTarget web(501, "text/html;charset=utf-8", "<!DOCTYPE HTML>\n<html><body>Unsupported method</body></html>");
  try {
    run_conformance(web, http_subject());
    ADD_FAILURE() << "no harness error";
  } catch (const HarnessError& error) {
    EXPECT_THAT(error.what(), ::testing::StartsWith("http://127.0.0.1:8000/: not a JSON-RPC endpoint: got text/html "
                                                    "(HTTP 501) in answer to Plugin.query: \"<!DOCTYPE HTML>"));
  }
}

TEST(RunLoop, APluginSendingBadJsonAsJsonIsJudged) {
  HttpAnswerTarget plugin(200, "application/json", "{\"result\": not json");
  const auto run = run_conformance(plugin, http_subject());
  EXPECT_THAT(problems(run), Contains(::testing::StartsWith("TRANSPORT-")));
  EXPECT_EQ(run.verdict, suites::Verdict::non_conformant);
}

}  // namespace
}  // namespace smapi::harness
