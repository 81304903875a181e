#pragma once
// A GoogleMock face for the embedded mock: every Plugin call an EmbeddedMock
// receives over HTTP goes through a MOCK_METHOD, so a test scripts and counts
// calls the gMock way:
//
//   smapi::mock::EmbeddedMock mock;
//   smapi::mock::MockPlugin plugin(mock);          // attach
//   EXPECT_CALL(plugin, query("ci")).WillOnce(Return(Result(my_query_result)));
//   EXPECT_CALL(plugin, ls(_)).WillRepeatedly(Return(Unimplemented()));
//   code_under_test(mock.url());
//
// A method returns a PluginAnswer: Result(json), Unimplemented(),
// BackendError(code, params), or FromConfig() (the default action, so calls
// the test does not care about still get the config's good answer; wrap in
// testing::NiceMock to silence gMock's "uninteresting call" notes).
//
// Calls arrive on the server's thread. gMock is thread-safe, and a
// MockPlugin detaches itself when destroyed, before gMock verifies its
// expectations, so declare it after the EmbeddedMock or before, as you like.
// To check expectations mid-test, call mock.stop() first (no call can then
// be in flight), then testing::Mock::VerifyAndClearExpectations(&plugin).
//
// Only calls the server accepted reach the MOCK_METHODs: a malformed request
// or arguments without a string "dbg" are answered by the mock itself, as
// xapi's rpclib would. Exec calls (make_plugin_dir) never reach them.
// Header-only so that it builds with the test's own GoogleTest.

#include "contract/method.h"
#include "mock_plugin/config.h"
#include "mock_plugin/detail/hook_slot.h"
#include "mock_plugin/embedded.h"

#include <gmock/gmock.h>

#include <boost/json/value.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace smapi::mock {

// What a MockPlugin method answers: a given Answer, or (default-constructed)
// whatever the mock's config says.
class PluginAnswer {
 public:
  PluginAnswer() = default;
  explicit PluginAnswer(Answer answer) : answer_(std::move(answer)) {}

  // nullopt: answer from the config.
  const std::optional<Answer>& answer() const { return answer_; }

 private:
  std::optional<Answer> answer_;
};

// Answer with this result value (sent as given, not checked).
inline PluginAnswer Result(boost::json::value value) {
  return PluginAnswer(Answer::make_result(std::move(value)));
}

// Answer with the Unimplemented error naming the called method.
inline PluginAnswer Unimplemented() { return PluginAnswer(Answer::make_unimplemented()); }

// Answer with an error: code and params as a plugin reports them, e.g.
// BackendError("SR_BACKEND_FAILURE_47", {"", "The SR is not available", ""}).
inline PluginAnswer BackendError(std::string code, std::vector<std::string> params = {}) {
  return PluginAnswer(Answer::make_error(std::move(code), std::move(params)));
}

// Answer as the mock's config says (the default action).
inline PluginAnswer FromConfig() { return PluginAnswer(); }

// The gMock adaptor; see the top of this file.
class MockPlugin {
 public:
  // Not attached: call attach() before the calls come.
  MockPlugin() = default;
  // Attached to `mock` from now on.
  explicit MockPlugin(EmbeddedMock& mock) { attach(mock); }
  // Detaches before gMock verifies the expectations.
  ~MockPlugin() { detach(); }
  MockPlugin(const MockPlugin&) = delete;
  MockPlugin& operator=(const MockPlugin&) = delete;

  MOCK_METHOD(PluginAnswer, query, (const std::string& dbg));
  MOCK_METHOD(PluginAnswer, ls, (const std::string& dbg));
  MOCK_METHOD(PluginAnswer, diagnostics, (const std::string& dbg));

  // Routes every call `mock` accepts to the methods above, replacing any
  // answer hook (or other MockPlugin) attached before.
  void attach(EmbeddedMock& mock) {
    detach();
    slot_ = mock.hook_;
    slot_->set([this](contract::Method method,
                      const boost::json::value& args) { return dispatch(method, args); },
               this);
  }

  // Stops routing calls here; waits for a call in progress. Idempotent.
  void detach() {
    if (slot_) slot_->clear_if_owner(this);
    slot_.reset();
  }

  // One call, as the server hands it over (dbg already checked a string).
  std::optional<Answer> dispatch(contract::Method method, const boost::json::value& args) {
    std::string dbg;
    if (const auto* obj = args.if_object()) {
      if (const auto* value = obj->if_contains("dbg"); value != nullptr && value->is_string()) {
        dbg = std::string(value->get_string());
      }
    }
    switch (method) {
      case contract::Method::query:
        return query(dbg).answer();
      case contract::Method::ls:
        return ls(dbg).answer();
      case contract::Method::diagnostics:
        return diagnostics(dbg).answer();
    }
    return std::nullopt;
  }

 private:
  std::shared_ptr<detail::HookSlot> slot_;
};

}  // namespace smapi::mock
