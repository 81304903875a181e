#pragma once
// A plugin served over HTTP (TCP or a Unix socket), spoken to in XML-RPC
// (rpclib src/lib/xmlrpc.ml): POST text/xml, the request as rpclib writes it, the
// reply's {Status, Value | ErrorDescription} struct decoded.

#include "contract/xmlrpc_codec.h"
#include "harness/http_client.h"
#include "harness/target.h"

namespace smapi::harness {

class XmlRpcTarget final : public Target {
 public:
  XmlRpcTarget(HttpEndpoint endpoint, HttpLimits limits);

  // Sends the argument text as contract::encode_xmlrpc_request_text does:
  // a JSON value as its XML-RPC value, anything else as one string param.
  suites::CallObservation call_with_text(contract::Method method, std::string_view args_text) override;

 private:
  HttpEndpoint endpoint_;
  HttpLimits limits_;
};

}  // namespace smapi::harness
