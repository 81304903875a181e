#pragma once
// The mock's JSON-RPC endpoint as a pure function: request body in, response
// body out. The HTTP server (server.h) calls it; tests call it directly.
//
// Behaviour, v1 and v2 alike (the reply uses the request's version and
// echoes its id unchanged):
//  - Methods are matched on their exact wire names: "Plugin.query",
//    "Plugin.ls", "Plugin.diagnostics", and, given a storage, every method of
//    the IDL's SR, Volume, Datapath and Data interfaces ("SR.create", ...).
//    Anything else, including the docs' "Plugin.Query", is unknown: error
//    ["Unknown_method","<name as sent>"].
//  - Arguments are checked as xapi's rpclib server does (extra keys ignored).
//    A refusal is a marshal error, sent as the error value:
//      no dbg            ["Internal_error","Expecting named argument 'dbg'"]
//      dbg not a string  ["Internal_error","Expected string, got <json>"]
//      not an object     ["Internal_error","Expected a dictionary of named arguments, got <json>"]
//  - Then the configured answer: the result; ["Unimplemented","<wire name>"];
//    or a configured error {code, params} as [code, params...]. A storage
//    method that no rule answers gets the storage's answer: its result, or
//    its IDL error in the same form (["Sr_not_attached","<sr>"]), as
//    rpclib's server encodes a method's declared error. Plugin.ls's default
//    answer (from_storage) lists the SRs the storage has attached; without a
//    storage, none: [].
//  - A body that is not a usable request gets a JSON-RPC protocol error
//    (-32700 parse error, -32600 invalid request).

#include "mock_plugin/engine.h"
#include "mock_plugin/handler_reply.h"
#include "mock_plugin/storage/storage.h"

#include <string>
#include <string_view>

namespace smapi::mock {

// The error value sent for a method the mock does not know.
inline constexpr std::string_view kUnknownMethodError = "Unknown_method";
// The error code of rpclib-style argument marshal errors.
inline constexpr std::string_view kMarshalErrorCode = "Internal_error";

// Answers one JSON-RPC request body: asks the engine (advancing its
// sequences and counters), encodes the decision, and applies the body faults
// (mutation.h) to the bytes. The reply's fault still carries what only the
// server can do: delay, connection faults and the HTTP status.
HandlerReply handle_jsonrpc(Engine& engine, std::string_view body);

// The same, answering the storage methods (and Plugin.ls's default) too: the
// engine's rules first, then `storage` at simulated time `now` (storage_call.h).
HandlerReply handle_jsonrpc(Engine& engine, storage::Storage& storage, std::string_view body,
                            storage::SimulatedTime now);

}  // namespace smapi::mock
