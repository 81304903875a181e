#pragma once
// Scenario presets: named sets of config rules (config.h) for situations
// xapi developers ask a fake plugin for. `smapi-mock serve --scenario NAME`
// and a config's "scenarios": [NAME, ...] add them. Each is written as the
// rules a user could write by hand; none needs code of its own.
//
//   sr-full              Volume.create fails as a full SR does: the backend
//                        error of the IDL's Python library (SR_BACKEND_FAILURE,
//                        params [method, message]; xen-api
//                        ocaml/xapi-storage/python/xapi/__init__.py), since
//                        control.ml declares no error for a lack of space.
//   slow-attach          SR.attach and Datapath.attach answer after
//                        kSlowAttachDelayMs.
//   vanishing-volume     Datapath.attach answers Volume_does_not_exist (the
//                        volume was there for the Volume.stat xapi makes
//                        first, and is gone when it attaches).
//   restart-forgets-srs  the plugin restarts right after the first SR.attach
//                        it answers and forgets that SR is attached: the next
//                        call on the SR gets Sr_not_attached until xapi
//                        attaches it again.

#include "mock_plugin/config.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::mock {

// The delay of the slow-attach scenario.
inline constexpr std::uint64_t kSlowAttachDelayMs = 5'000;

struct Scenario {
  std::string_view name;
  std::string_view summary;  // one line, for --help
  std::string_view methods;  // the config's "methods" member, as JSON text
};

// Every scenario, in the order above.
const std::vector<Scenario>& scenarios();

// Adds the named scenario's rules to `config`, after its own rules for the
// same methods. Returns "" or a one-line error naming the known scenarios.
std::string apply_scenario(MockConfig& config, std::string_view name);

}  // namespace smapi::mock
