#include "mock_plugin/detail/server_routing.h"

#include "mock_plugin/fault_scope.h"
#include "mock_plugin/handler.h"
#include "mock_plugin/xmlrpc_handler.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace smapi::mock::detail {

Transport transport_of(BodyProtocol protocol, std::string_view body) {
  return protocol == BodyProtocol::xmlrpc ? Transport::xmlrpc : jsonrpc_transport_of(body);
}

HandlerReply answer_call(Shared& shared, Transport transport, std::string_view body) {
  const auto now = std::chrono::duration_cast<storage::SimulatedTime>(Clock::now() - shared.created);
  if (transport == Transport::xmlrpc) return handle_xmlrpc(shared.engine, shared.storage, body, now);
  return handle_jsonrpc(shared.engine, shared.storage, body, now);
}

AdminResponse answer_admin(Shared& shared, const Request& req, const Peer& peer) {
  AdminRequest areq;
  areq.verb = req.method_string();
  areq.target = req.target();
  if (auto auth = req.find(http::field::authorization); auth != req.end()) areq.authorization = auth->value();
  areq.body = req.body();
  areq.peer_is_local = peer.local;
  AdminState state{shared.engine, shared.journal, shared.settings.admin_token, &shared.storage};
  AdminResponse ares = handle_admin(areq, state);
  if (req.method() == http::verb::put && ares.status == 200) {
    // PUT /_mock/config loaded a config: warn of what serve will ignore, as at start.
    for (const std::string& w : ignored_faults(shared.engine.config(), FaultTransport::http)) {
      shared.write_log("warning: config: " + w);
    }
  }
  return ares;
}

std::string refusal_body(bool admin, std::string why) {
  if (!admin) return std::move(why) + "\n";
  boost::json::object o;
  o["error"] = why;
  return boost::json::serialize(o) + "\n";
}

void record_call(Shared& shared, const CallFacts& facts, HandlerReply& reply, int status,
                 std::size_t request_bytes) {
  JournalEntry entry;
  entry.time = facts.time;
  entry.transport = facts.transport;
  entry.peer = facts.peer;
  entry.method = std::move(reply.method);
  entry.status = status;
  entry.fault = reply.fault;
  entry.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - facts.started);
  shared.journal.record(std::move(entry), std::move(reply.args), request_bytes);
}

}  // namespace smapi::mock::detail
