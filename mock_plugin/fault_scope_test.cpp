// fault_scope.h: the faults a config asks of a transport that never
// carries them out, named by their JSON path.

#include "mock_plugin/fault_scope.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::mock {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

MockConfig config_of(std::string_view text) {
  ConfigLoad load = parse_config(text);
  if (!load.config) throw std::runtime_error(load.error);
  return *load.config;
}

constexpr std::string_view kMixed = R"({"methods":{
  "Plugin.query":[{"http_status":503,"exit_code":3}],
  "Plugin.ls":[{"match":{"dbg":"x"},"delay_ms":5},
               {"sequence":[{"body":"wrong_id"},{"stderr":"oops","no_output":true},
                            {"error_value":[5],"signal":"KILL","leave_child":true}]}],
  "Plugin.diagnostics":[{"body":"truncated","remove_field":"x","hang":true}]}})";

TEST(IgnoredFaults, ExecPluginsIgnoreTheHttpOnlyFaultsEachNamedByItsPath) {
  EXPECT_THAT(ignored_faults(config_of(kMixed), FaultTransport::exec),
              ElementsAre("$.methods.Plugin.query[0].http_status: for HTTP (serve) only; an exec plugin "
                          "(plugin-dir) ignores it",
                          "$.methods.Plugin.ls[1].sequence[0].body: \"wrong_id\" is for JSON-RPC over HTTP "
                          "(serve) only; an exec plugin (plugin-dir) ignores it",
                          "$.methods.Plugin.ls[1].sequence[2].error_value: for HTTP (serve) only; an exec "
                          "plugin (plugin-dir) ignores it"));
}

TEST(IgnoredFaults, ServeIgnoresTheExecOnlyFaults) {
  const std::string tail = ": for exec plugins (plugin-dir) only; serve ignores it";
  EXPECT_THAT(ignored_faults(config_of(kMixed), FaultTransport::http),
              ElementsAre("$.methods.Plugin.query[0].exit_code" + tail,
                          "$.methods.Plugin.ls[1].sequence[1].stderr" + tail,
                          "$.methods.Plugin.ls[1].sequence[1].no_output" + tail,
                          "$.methods.Plugin.ls[1].sequence[2].signal" + tail,
                          "$.methods.Plugin.ls[1].sequence[2].leave_child" + tail));
}

TEST(IgnoredFaults, SharedFaultsAndPlainAnswersWarnOfNothing) {
  const MockConfig shared = config_of(R"({"methods":{"Plugin.ls":[{"delay_ms":1,"close":true,"body":"garbage",
      "retype_field":"x","invalid_utf8":true}],"Plugin.query":{"unimplemented":true}}})");
  EXPECT_THAT(ignored_faults(shared, FaultTransport::http), IsEmpty());
  EXPECT_THAT(ignored_faults(shared, FaultTransport::exec), IsEmpty());
  EXPECT_THAT(ignored_faults(default_config(), FaultTransport::exec), IsEmpty());
}

}  // namespace
}  // namespace smapi::mock
