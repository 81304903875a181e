#pragma once
// What a transport handler (JSON-RPC, XML-RPC) gives the server for one
// request body: the bytes to send, how to misbehave while sending them, and
// what the request was, for the journal.

#include "mock_plugin/fault.h"

#include <boost/json/value.hpp>

#include <string>

namespace smapi::mock {

struct HandlerReply {
  std::string body;  // the reply, body faults already applied
  Fault fault;       // what the server still has to carry out (delay, connection, status)
  // The request as understood: the method name as sent ("" when the body
  // could not be read as a request) and its argument value (null then).
  std::string method;
  boost::json::value args;
};

}  // namespace smapi::mock
