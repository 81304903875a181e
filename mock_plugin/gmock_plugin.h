#pragma once
// A GoogleMock face for the embedded mock: every call an EmbeddedMock
// accepts over HTTP goes through a MOCK_METHOD, so a test scripts and counts
// calls the gMock way:
//
//   smapi::mock::EmbeddedMock mock;
//   smapi::mock::MockPlugin plugin(mock);          // attach
//   EXPECT_CALL(plugin, query("ci")).WillOnce(Return(Result(my_query_result)));
//   EXPECT_CALL(plugin, Volume_create(HasArg("sr", "file:///srv/a")))
//       .WillOnce(Return(SrBackendFailure("Volume.create", "the SR is full")));
//   code_under_test(mock.url());
//
// The Plugin methods are query, ls and diagnostics, taking the call's dbg.
// Every SR, Volume, Datapath and Data method of the IDL has a method named
// after its wire name with "." made "_" (SR.attach -> SR_attach,
// Volume.snapshot -> Volume_snapshot; the list is gmock_storage_methods.h),
// so the name a test uses is the one xapi's logs and the IDL show. Each
// takes the call's named arguments, dbg included, for matchers: HasArg and
// HasStringArg below, or string_arg(args, "sr") in an action. They come as
// a json::value (always an object) rather than a json::object because gMock
// prints a value as JSON in its messages, and an object as raw bytes.
//
// gMock treats a call that matches none of a method's expectations as an
// error, so to script one call and let the others through, either end with
// a fall-through (.WillOnce(Return(VolumeDoesNotExist("vol-1")))
// .WillRepeatedly(Return(FromConfig()))), or first allow the rest:
//   EXPECT_CALL(plugin, Volume_create(_)).Times(AnyNumber());
//   EXPECT_CALL(plugin, Volume_create(HasArg("name", "big"))).WillOnce(...);
//
// A method returns a PluginAnswer (gmock_answers.h): Result(json),
// Unimplemented(), BackendError(code, params), the IDL's named errors
// (SrNotAttached, VolumeDoesNotExist, SrBackendFailure, ...), or
// FromConfig(): the default action, which answers as the mock would without
// the MockPlugin (the config's rules and faults, then for a storage method
// the in-memory storage). So a test expects only the calls it cares about
// and a whole xapi lifecycle around them still works; wrap in
// testing::NiceMock to silence gMock's "uninteresting call" notes. An
// answer given here changes no storage state (a scripted Volume.create makes
// no volume), and a rule's fault (a delay, a broken reply) still applies.
//
// Calls arrive on the server's thread. gMock is thread-safe, and a
// MockPlugin detaches itself when destroyed, before gMock verifies its
// expectations, so declare it after the EmbeddedMock or before, as you like.
// To check expectations mid-test, call mock.stop() first (no call can then
// be in flight), then testing::Mock::VerifyAndClearExpectations(&plugin).
//
// Only calls the server accepted reach the MOCK_METHODs: a malformed request
// or arguments without a string "dbg" are answered by the mock itself, as
// xapi's rpclib would. A storage method's other arguments are the storage's
// to check, so they reach the method as sent. Exec calls (make_plugin_dir)
// never reach the MOCK_METHODs.
// Header-only so that it builds with the test's own GoogleTest.

#include "contract/method.h"
#include "mock_plugin/config.h"
#include "mock_plugin/detail/hook_slot.h"
#include "mock_plugin/embedded.h"
#include "mock_plugin/gmock_answers.h"
#include "mock_plugin/gmock_storage_methods.h"

#include <gmock/gmock.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smapi::mock {

// The string argument `name` of a call ("dbg", "sr", "key", "uri",
// ...); empty when it is absent or not a string.
inline std::string string_arg(const boost::json::value& args, std::string_view name) {
  const boost::json::object* obj = args.if_object();
  const boost::json::value* value = obj != nullptr ? obj->if_contains(name) : nullptr;
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

// Matches a storage call's arguments whose member `name` equals `value`, a
// JSON value: HasArg("sr", "file:///srv/a"), HasArg("size", 1048576).
MATCHER_P2(HasArg, name, value,
           std::string(negation ? "has no argument " : "has argument ") + name + " = " +
               boost::json::serialize(boost::json::value(value))) {
  const boost::json::object* args = arg.if_object();
  const boost::json::value* member = args != nullptr ? args->if_contains(name) : nullptr;
  return member != nullptr && *member == boost::json::value(value);
}

// Matches a storage call's arguments whose string member `name` matches
// `matcher`: HasStringArg("sr", ::testing::StartsWith("file://")).
MATCHER_P2(HasStringArg, name, matcher,
           std::string(negation ? "has no string argument " : "has a string argument ") + name +
               " that " + ::testing::DescribeMatcher<std::string>(matcher)) {
  const boost::json::object* args = arg.if_object();
  const boost::json::value* member = args != nullptr ? args->if_contains(name) : nullptr;
  if (member == nullptr || !member->is_string()) return false;
  return ::testing::ExplainMatchResult(matcher, std::string(member->get_string()), result_listener);
}

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

  // Plugin.query, Plugin.ls, Plugin.diagnostics: the call's dbg.
  MOCK_METHOD(PluginAnswer, query, (const std::string& dbg));
  MOCK_METHOD(PluginAnswer, ls, (const std::string& dbg));
  MOCK_METHOD(PluginAnswer, diagnostics, (const std::string& dbg));

  // SR_probe ... Data_ls: the call's named arguments, dbg included.
#define SMAPI_MOCK_STORAGE_METHOD(interface, method) \
  MOCK_METHOD(PluginAnswer, interface##_##method, (const boost::json::value& args));
  SMAPI_MOCK_STORAGE_METHODS(SMAPI_MOCK_STORAGE_METHOD)
#undef SMAPI_MOCK_STORAGE_METHOD

  // Routes every call `mock` accepts to the methods above, replacing any
  // hook (or other MockPlugin) attached before.
  void attach(EmbeddedMock& mock) {
    detach();
    slot_ = mock.hook_;
    slot_->set([this](std::string_view wire_name,
                      const boost::json::value& args) { return dispatch(wire_name, args); },
               this);
  }

  // Stops routing calls here; waits for a call in progress. Idempotent.
  void detach() {
    if (slot_) slot_->clear_if_owner(this);
    slot_.reset();
  }

  // One call, as the server hands it over (the arguments already accepted:
  // an object with a string dbg). nullopt for a method not mocked here.
  std::optional<Answer> dispatch(std::string_view wire_name, const boost::json::value& args) {
    for (contract::Method method : contract::kAllMethods) {
      if (wire_name == contract::wire_name(method)) return dispatch_plugin(method, string_arg(args, "dbg"));
    }
    const std::span<const StorageMethod> table = storage_methods();
    const auto it = std::find_if(table.begin(), table.end(),
                                 [&](const StorageMethod& m) { return m.wire_name == wire_name; });
    if (it == table.end()) return std::nullopt;
    return (this->*(it->mocked))(args).answer();
  }
  std::optional<Answer> dispatch(contract::Method method, const boost::json::value& args) {
    return dispatch(contract::wire_name(method), args);
  }

  // The wire names of the storage methods mocked here, in the IDL's order.
  static std::vector<std::string_view> storage_wire_names() {
    std::vector<std::string_view> names;
    for (const StorageMethod& m : storage_methods()) names.push_back(m.wire_name);
    return names;
  }

 private:
  std::optional<Answer> dispatch_plugin(contract::Method method, const std::string& dbg) {
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

  // A storage method's wire name and the MOCK_METHOD answering it.
  struct StorageMethod {
    std::string_view wire_name;
    PluginAnswer (MockPlugin::*mocked)(const boost::json::value&);
  };
  static std::span<const StorageMethod> storage_methods() {
#define SMAPI_MOCK_STORAGE_ENTRY(interface, method) \
  StorageMethod{#interface "." #method, &MockPlugin::interface##_##method},
    static const std::array table{SMAPI_MOCK_STORAGE_METHODS(SMAPI_MOCK_STORAGE_ENTRY)};
#undef SMAPI_MOCK_STORAGE_ENTRY
    return table;
  }

  std::shared_ptr<detail::HookSlot> slot_;
};

}  // namespace smapi::mock
