#pragma once
// Helpers for tests that drive smapi::mock::storage::Storage directly:
// call a method, expect an answer of the IDL's type or an IDL error.

#include "mock_plugin/storage/storage.h"
#include "mock_plugin/storage/testing/idl_types.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <string>

namespace smapi::mock::storage::testing {

// A Storage with a simulated clock the test steps.
class StorageDriver {
 public:
  explicit StorageDriver(const Limits& limits = {}) : storage_(limits) {}

  Storage& storage() { return storage_; }
  void advance(SimulatedTime by) { now_ += by; }

  // Calls `method` with `args` plus a dbg.
  StorageReply call(std::string_view method, boost::json::object args) {
    args.emplace("dbg", "test");
    return storage_.call(method, args, now_);
  }

  // Calls `method`, expecting success with a result of the IDL's type.
  boost::json::value ok(std::string_view method, boost::json::object args) {
    StorageReply reply = call(method, std::move(args));
    EXPECT_TRUE(reply.error == nullptr) << method << " failed: " << (reply.error ? describe(*reply.error) : "");
    EXPECT_THAT(reply.result, HasIdlResultType(std::string(method)));
    return reply.result;
  }

  // Calls `method`, expecting an error; returns it (empty if none).
  StorageError error(std::string_view method, boost::json::object args) {
    StorageReply reply = call(method, std::move(args));
    EXPECT_TRUE(reply.error != nullptr) << method << " succeeded: " << boost::json::serialize(reply.result);
    return reply.error ? *reply.error : StorageError{};
  }

  static std::string describe(const StorageError& e) {
    std::string out = e.code;
    for (const auto& p : e.params) out += " | " + p;
    return out;
  }

 private:
  Storage storage_;
  SimulatedTime now_{0};
};

// gMock matchers for StorageError, so tests read as sentences.
MATCHER_P2(IsIdlError, code, param, "is the IDL error " + std::string(code) + "(" + std::string(param) + ")") {
  return arg.code == code && arg.params == std::vector<std::string>{param};
}
MATCHER_P(IsBackendFailureOf, method, "is " + std::string(kBackendFailure) + " from " + std::string(method)) {
  return arg.code == kBackendFailure && arg.params.size() == 2 && arg.params[0] == method;
}

}  // namespace smapi::mock::storage::testing
