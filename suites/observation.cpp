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

std::string_view to_string(Probe probe) {
  switch (probe) {
    case Probe::none: return "none";
    case Probe::repeat: return "repeat";
    case Probe::concurrent: return "concurrent";
    case Probe::dbg_variant: return "dbg_variant";
    case Probe::bad_input: return "bad_input";
    case Probe::extra_argument: return "extra_argument";
  }
  return "unknown";
}

bool judged_by_transport_requirements(Probe probe) {
  return probe == Probe::none || probe == Probe::repeat || probe == Probe::concurrent;
}

const CallObservation* Observations::first(contract::Method method) const {
  for (const auto& call : calls)
    if (call.method == method && call.probe == Probe::none) return &call;
  return nullptr;
}

}  // namespace smapi::suites
