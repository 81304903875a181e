#pragma once
// Test helper for the EmbeddedMock tests: one JSON-RPC v1 call to a running
// mock through the harness HTTP client, the reply body parsed as JSON; a
// scratch directory and a script run for the plugin-directory tests.

#include "contract/json_text.h"
#include "harness/http_client.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace smapi::mock::testing {

// Longest one test call may take before it counts as unanswered.
inline constexpr std::chrono::milliseconds kTestCallTimeout{5'000};

// What came back from one call.
struct TestCall {
  harness::HttpExchange exchange;
  std::optional<boost::json::value> reply;  // the body, when it is JSON
};

// Posts `body` to the mock at `url`.
inline TestCall post_jsonrpc(const std::string& url, std::string body) {
  TestCall call;
  harness::HttpEndpoint endpoint;
  std::string error;
  if (!harness::parse_http_url(url, endpoint, error)) {
    call.exchange.error = error;
    return call;
  }
  harness::HttpLimits limits;
  limits.timeout = kTestCallTimeout;
  call.exchange = harness::http_post(endpoint, "application/json", std::move(body), limits);
  if (call.exchange.end == harness::HttpExchange::End::answered) {
    call.reply = contract::parse_one_json_value(call.exchange.body).value;
  }
  return call;
}

// Calls `method` ("Plugin.query") with {"dbg": dbg}, JSON-RPC v1, id 1.
inline TestCall call_plugin(const std::string& url, std::string_view method, std::string_view dbg) {
  boost::json::object args;
  args["dbg"] = dbg;
  boost::json::object request;
  request["method"] = method;
  request["params"] = boost::json::array{args};
  request["id"] = 1;
  return post_jsonrpc(url, boost::json::serialize(request));
}

// Calls `method` ("SR.attach") with `args`, plus {"dbg": "test"} unless
// they have a dbg; JSON-RPC v1, id 1.
inline TestCall call_method(const std::string& url, std::string_view method, boost::json::object args) {
  args.emplace("dbg", "test");
  boost::json::object request;
  request["method"] = method;
  request["params"] = boost::json::array{std::move(args)};
  request["id"] = 1;
  return post_jsonrpc(url, boost::json::serialize(request));
}

// The member `key` ("result", "error") of the reply object; a string
// saying what is missing otherwise, so a comparison fails with it in view.
inline boost::json::value reply_member(const TestCall& call, std::string_view key) {
  if (!call.reply || !call.reply->is_object()) {
    return boost::json::string("<no JSON reply: " + call.exchange.error + ">");
  }
  const boost::json::value* member = call.reply->as_object().if_contains(key);
  return member != nullptr ? *member : boost::json::value("<no member " + std::string(key) + ">");
}

// A fresh, empty directory under the test temp dir, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "smapi-embedded-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Runs `script --json` with `stdin_text` through the shell; stdout and the
// exit status.
struct ScriptRun {
  std::string out;
  int status = -1;
};
inline ScriptRun run_script(const std::filesystem::path& script, const std::string& stdin_text) {
  const std::string command = "printf '%s' '" + stdin_text + "' | '" + script.string() + "' --json";
  ScriptRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  const int wait_status = pclose(pipe);
  run.status = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
  return run;
}

}  // namespace smapi::mock::testing
