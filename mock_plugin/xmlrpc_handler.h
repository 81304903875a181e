#pragma once
// The mock's XML-RPC endpoint (rpclib src/lib/xmlrpc.ml) as a pure function: request
// body in, reply out. The HTTP server (server.h) calls it for a text/xml or
// application/xml request (or one without Content-Type whose body starts
// with '<'); tests call it directly.
//
// Behaviour mirrors the JSON-RPC handler (handler.h), in XML-RPC's form:
//  - Methods are matched on their exact wire names ("Plugin.query", ...; given
//    a storage, "SR.create" and every other storage method too). Anything
//    else is a Failure ["Unknown_method", "<name as sent>"].
//  - The first param is the argument struct, checked as rpclib does:
//    Failure ["Internal_error", "Expecting named argument 'dbg'"] and so on.
//  - Then the engine's answer: {Status: Success, Value: result};
//    {Status: Failure, ErrorDescription: ["Unimplemented", "Plugin.ls"]};
//    or a configured error as [code, params...]; for a storage method no
//    rule answers, the storage's result or IDL error in the same forms;
//    Plugin.ls's default lists the SRs the storage has attached (none
//    without a storage).
//  - A body that is not a methodCall gets an XML-RPC <fault> (code -32700 for
//    unreadable XML, -32600 for a document that is not a methodCall).
//  - Body faults from the engine (garbage, truncated, empty, trailing
//    garbage, field edits) are applied to the reply; the rest of the Fault is
//    handed to the server in HandlerReply::fault.

#include "mock_plugin/engine.h"
#include "mock_plugin/handler_reply.h"
#include "mock_plugin/storage/storage.h"

#include <string_view>

namespace smapi::mock {

// Answers one XML-RPC request body.
HandlerReply handle_xmlrpc(Engine& engine, std::string_view body);

// The same, answering the storage methods and Plugin.ls's default from
// `storage` too (storage_call.h).
HandlerReply handle_xmlrpc(Engine& engine, storage::Storage& storage, std::string_view body,
                           storage::SimulatedTime now);

}  // namespace smapi::mock
