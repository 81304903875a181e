#pragma once
// What a MockPlugin method (gmock_plugin.h) answers, as values a test passes
// to Return(...): a result, Unimplemented, an error, or FromConfig() to let
// the mock answer as it would without the test (the default action).
//
// The error helpers below give only the errors a real plugin can report:
// the six xen-api ocaml/xapi-storage/generator/lib/control.ml declares (type
// exns, each carrying one string), and SR_BACKEND_FAILURE [what, message],
// the form the IDL's Python library gives any other failure
// (ocaml/xapi-storage/python/xapi/__init__.py). smapi-mock's in-memory
// storage answers with the same forms.

#include "mock_plugin/config.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace smapi::mock {

// What a MockPlugin method answers: a given Answer, or (default-constructed)
// whatever the mock would answer without the hook.
class PluginAnswer {
 public:
  PluginAnswer() = default;
  explicit PluginAnswer(Answer answer) : answer_(std::move(answer)) {}

  // nullopt: the mock answers (config rules, then the in-memory storage).
  const std::optional<Answer>& answer() const { return answer_; }

 private:
  std::optional<Answer> answer_;
};

// How gMock shows an answer in its messages: the factory call that makes it.
inline void PrintTo(const PluginAnswer& answer, std::ostream* os) {
  if (!answer.answer()) {
    *os << "FromConfig()";
    return;
  }
  const Answer& a = *answer.answer();
  switch (a.kind) {
    case Answer::Kind::result:
      *os << "Result(" << boost::json::serialize(a.result) << ")";
      return;
    case Answer::Kind::unimplemented:
      *os << "Unimplemented()";
      return;
    case Answer::Kind::from_storage:
      *os << "PluginAnswer(Answer::make_from_storage())";
      return;
    case Answer::Kind::error:
      *os << "BackendError(\"" << a.error.code << "\"";
      for (const std::string& p : a.error.params) *os << ", \"" << p << "\"";
      *os << ")";
      return;
  }
}

// Answer with this result value (sent as given, not checked).
inline PluginAnswer Result(boost::json::value value) {
  return PluginAnswer(Answer::make_result(std::move(value)));
}

// Answer with the Unimplemented error naming the called method.
inline PluginAnswer Unimplemented() { return PluginAnswer(Answer::make_unimplemented()); }

// Answer with an error: code and params as a plugin reports them, e.g.
// BackendError("SR_BACKEND_FAILURE_47", {"", "The SR is not available", ""}).
// Prefer the named IDL errors below for SR, Volume, Datapath and Data calls.
inline PluginAnswer BackendError(std::string code, std::vector<std::string> params = {}) {
  return PluginAnswer(Answer::make_error(std::move(code), std::move(params)));
}

// Answer as the mock would without the hook (the default action): the
// config's rules, then for SR, Volume, Datapath and Data calls the
// in-memory storage.
inline PluginAnswer FromConfig() { return PluginAnswer(); }

// control.ml's errors, by their own names.
inline PluginAnswer SrNotAttached(std::string sr) { return BackendError("Sr_not_attached", {std::move(sr)}); }
inline PluginAnswer SrDoesNotExist(std::string sr) { return BackendError("SR_does_not_exist", {std::move(sr)}); }
inline PluginAnswer VolumeDoesNotExist(std::string key) {
  return BackendError("Volume_does_not_exist", {std::move(key)});
}
inline PluginAnswer Cancelled(std::string what) { return BackendError("Cancelled", {std::move(what)}); }
// `host`: the installation uuid of the host the volume is active on.
inline PluginAnswer ActivatedOnAnotherHost(std::string host) {
  return BackendError("Activated_on_another_host", {std::move(host)});
}

// A failure the IDL has no error for (a full SR, a step out of order):
// SR_BACKEND_FAILURE with [what failed, message], as the storage answers it.
inline PluginAnswer SrBackendFailure(std::string what, std::string message) {
  return BackendError("SR_BACKEND_FAILURE", {std::move(what), std::move(message)});
}

}  // namespace smapi::mock
