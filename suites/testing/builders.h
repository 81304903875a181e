#pragma once
// Test-only builders: observations made the way the harness makes them (the
// real contract decoders fill in the reply), and matchers on results.

#include "contract/exec_codec.h"
#include "contract/jsonrpc_codec.h"
#include "contract/xmlrpc_codec.h"
#include "suites/judge.h"

#include <boost/json/parse.hpp>
#include <gmock/gmock.h>

#include <cstddef>
#include <string>

namespace smapi::suites::testing {

inline constexpr const char* kExt4Query =
    R"({"plugin": "ext4-ng", "name": "ext4 Volume plugin", "description": "This plugin manages a ext4 based SR", "vendor": "None", "copyright": "(C) 2019 Vates", "version": "3.0", "required_api_version": "5.0", "features": ["SR_ATTACH", "SR_DETACH", "SR_CREATE", "VDI_CREATE", "VDI_DESTROY", "VDI_ATTACH", "VDI_ATTACH_OFFLINE", "VDI_DETACH", "VDI_ACTIVATE", "VDI_DEACTIVATE", "VDI_UPDATE", "VDI_CLONE", "VDI_SNAPSHOT", "VDI_RESIZE", "SR_METADATA"], "configuration": {}, "required_cluster_stack": []})";

// An exec call that exited with `code` and printed `out`.
inline CallObservation exec_call(contract::Method method, int code, std::string out) {
  CallObservation call;
  call.method = method;
  call.request = R"({"dbg":"smapi-conform"})";
  call.exit = contract::ExecExit{contract::ExecExit::How::exited, code};
  call.reply_bytes = std::move(out);
  call.reply = contract::decode_exec_reply(*call.exit, call.reply_bytes);
  return call;
}

// An exec call that did not deliver an answer (missing file, timeout, ...).
inline CallObservation undelivered_call(contract::Method method, Delivery delivery,
                                        std::string detail = {}) {
  CallObservation call;
  call.method = method;
  call.delivery = delivery;
  call.delivery_detail = std::move(detail);
  return call;
}

// A JSON-RPC call answered with `status` and `body` (the request is not recorded).
inline CallObservation jsonrpc_call(contract::JsonRpcVersion version, contract::Method method,
                                    std::string body, int status = 200) {
  CallObservation call;
  call.method = method;
  call.http_status = status;
  call.reply_bytes = std::move(body);
  call.reply = contract::decode_jsonrpc_response(version, call.reply_bytes);
  return call;
}

// An XML-RPC call answered with `status` and `body`; the request is what the
// XML-RPC target sends (rpclib's form, dbg "smapi-conform").
inline CallObservation xmlrpc_call(contract::Method method, std::string body, int status = 200) {
  CallObservation call;
  call.method = method;
  boost::json::object args;
  args["dbg"] = "smapi-conform";
  call.request = contract::encode_xmlrpc_request(method, args);
  call.http_status = status;
  call.reply_bytes = std::move(body);
  if (status == 200) {
    call.reply = contract::decode_xmlrpc_response(call.reply_bytes);
  } else {
    call.reply.kind = contract::Reply::Kind::malformed;
    call.reply.problem = "HTTP status " + std::to_string(status);
  }
  return call;
}

// An XML-RPC {Status: Success, Value: result} reply, `result` given as JSON text.
inline std::string xmlrpc_success(std::string_view result_json) {
  return contract::encode_xmlrpc_success(boost::json::parse(result_json));
}

// The call tagged as a probe, with its label ("Plugin.query #2").
inline CallObservation as_probe(CallObservation call, Probe probe, std::string label) {
  call.probe = probe;
  call.label = std::move(label);
  return call;
}

// Observations of a good exec Volume plugin in directory org.xen.xapi.storage.ext4-ng.
inline Observations good_exec_volume() {
  Observations observations;
  observations.subject.target = "/plugins/volume/org.xen.xapi.storage.ext4-ng";
  observations.subject.plugin_dir_name = "org.xen.xapi.storage.ext4-ng";
  observations.calls.push_back(exec_call(contract::Method::query, 0, std::string(kExt4Query) + "\n"));
  observations.calls.push_back(exec_call(contract::Method::ls, 0, "[\"sr1\"]\n"));
  observations.calls.push_back(
      exec_call(contract::Method::diagnostics, 0, "\"No diagnostic data to report\"\n"));
  return observations;
}

// good_exec_volume() with its call `index` (0 query, 1 ls, 2 diagnostics)
// replaced by `call`.
inline Observations good_exec_volume_with(std::size_t index, CallObservation call) {
  auto observations = good_exec_volume();
  observations.calls[index] = std::move(call);
  return observations;
}

// Observations of a good JSON-RPC plugin (ls [] and diagnostics "ok"), whose
// Plugin.query reply is `query_body` with HTTP `status`.
inline Observations jsonrpc_plugin(contract::JsonRpcVersion version, std::string query_body,
                                   int status = 200) {
  using contract::Method;
  Observations observations;
  observations.subject.target = "http://127.0.0.1:8080/";
  const bool v1 = version == contract::JsonRpcVersion::v1;
  observations.subject.transport = v1 ? Transport::jsonrpc_v1 : Transport::jsonrpc_v2;
  observations.calls.push_back(jsonrpc_call(version, Method::query, std::move(query_body), status));
  observations.calls.push_back(jsonrpc_call(
      version, Method::ls, v1 ? R"({"result":[],"error":null,"id":1})" : R"({"jsonrpc":"2.0","result":[],"id":1})"));
  observations.calls.push_back(jsonrpc_call(
      version, Method::diagnostics,
      v1 ? R"({"result":"ok","error":null,"id":1})" : R"({"jsonrpc":"2.0","result":"ok","id":1})"));
  return observations;
}

// Observations of a good XML-RPC plugin (ls [] and diagnostics "ok"), whose
// Plugin.query reply is `query_body` with HTTP `status`.
inline Observations xmlrpc_plugin(std::string query_body, int status = 200) {
  using contract::Method;
  Observations observations;
  observations.subject.target = "http://127.0.0.1:8080/";
  observations.subject.transport = Transport::xmlrpc;
  observations.calls.push_back(xmlrpc_call(Method::query, std::move(query_body), status));
  observations.calls.push_back(xmlrpc_call(Method::ls, xmlrpc_success("[]")));
  observations.calls.push_back(xmlrpc_call(Method::diagnostics, xmlrpc_success("\"ok\"")));
  return observations;
}

// A v1 success envelope around `result`, id 1.
inline std::string v1_result(const std::string& result) {
  return R"({"result":)" + result + R"(,"error":null,"id":1})";
}

// The result for one requirement ID; fails the test when absent.
inline const RequirementResult& result_for(const std::vector<RequirementResult>& results,
                                           std::string_view id) {
  for (const auto& result : results)
    if (result.requirement->id == id) return result;
  throw std::runtime_error("no result for " + std::string(id));
}

// The IDs whose outcome is `outcome`, in catalogue order.
inline std::vector<std::string> ids_with(const std::vector<RequirementResult>& results,
                                         Outcome outcome) {
  std::vector<std::string> ids;
  for (const auto& result : results)
    if (result.outcome == outcome) ids.emplace_back(result.requirement->id);
  return ids;
}

}  // namespace smapi::suites::testing

namespace smapi::suites {
// Prints a result as "ID outcome: message" in gMock failure messages.
inline void PrintTo(const RequirementResult& result, std::ostream* os) {
  *os << result.requirement->id << " " << to_string(result.outcome) << ": " << result.message;
}
}  // namespace smapi::suites

namespace smapi::suites::testing {

MATCHER_P2(HasOutcome, id, outcome,
           std::string("has ") + std::string(id) + " " + std::string(to_string(outcome))) {
  for (const auto& result : arg) {
    if (result.requirement->id != std::string_view(id)) continue;
    if (result.outcome == outcome) return true;
    *result_listener << id << " is " << to_string(result.outcome) << ": " << result.message;
    return false;
  }
  *result_listener << "no result for " << id;
  return false;
}

}  // namespace smapi::suites::testing
