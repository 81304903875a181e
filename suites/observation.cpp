#include "suites/observation.h"

namespace smapi::suites {

std::string_view to_string(PluginKind kind) {
  return kind == PluginKind::volume ? "volume" : "datapath";
}

std::string_view to_string(Transport transport) {
  switch (transport) {
    case Transport::exec: return "exec";
    case Transport::jsonrpc_v1: return "jsonrpc";
    case Transport::jsonrpc_v2: return "jsonrpc2";
    case Transport::xmlrpc: return "xmlrpc";
  }
  return "unknown";
}

std::string_view to_string(Profile profile) {
  return profile == Profile::xapi ? "xapi" : "strict";
}

std::string_view to_string(Delivery delivery) {
  switch (delivery) {
    case Delivery::answered: return "answered";
    case Delivery::timed_out: return "timed out";
    case Delivery::missing: return "missing";
    case Delivery::not_executable: return "not executable";
    case Delivery::spawn_failed: return "spawn failed";
    case Delivery::unreachable: return "unreachable";
    case Delivery::io_error: return "i/o error";
    case Delivery::output_limit: return "output limit exceeded";
  }
  return "unknown";
}

const CallObservation* Observations::first(contract::Method method) const {
  for (const auto& call : calls)
    if (call.method == method) return &call;
  return nullptr;
}

}  // namespace smapi::suites
