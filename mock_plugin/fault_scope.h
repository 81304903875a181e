#pragma once
// Which faults (fault.h) each way of running the mock carries out. `serve`
// (HTTP: JSON-RPC and XML-RPC) and an exec plugin directory (`plugin-dir`)
// share most of them; a few belong to one side only, and the other side
// ignores them:
//   HTTP only: http_status, error_value, body wrong_id, body both_members
//              (the JSON-RPC envelope's id and members)
//   exec only: exit_code, stderr, no_output, signal, leave_child
// A config is loaded for one side, so such a fault is a mistake the user
// should hear of: fault_scope lists them, and smapi-mock warns once per
// fault when it loads a --config file. Pure.

#include "mock_plugin/config.h"

#include <string>
#include <vector>

namespace smapi::mock {

// The side a config is loaded for.
enum class FaultTransport { http, exec };

// One line per fault of the config that `transport` ignores, in method
// and rule order, naming its JSON path as config errors do, e.g.
// "$.methods.Plugin.query[0].http_status: for HTTP (serve) only; an exec
// plugin (plugin-dir) ignores it".
std::vector<std::string> ignored_faults(const MockConfig& config, FaultTransport transport);

}  // namespace smapi::mock
