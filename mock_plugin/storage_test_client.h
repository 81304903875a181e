#pragma once
// Test helper: calls any method of a running MockServer over JSON-RPC v1,
// v2 or XML-RPC and reads the answer back into one form (a result or an
// error [code, params...]), so one test body drives every transport.

#include "contract/xmlrpc_codec.h"
#include "mock_plugin/server_test_client.h"

#include <boost/json.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace smapi::mock::test_client {

enum class Wire { jsonrpc1, jsonrpc2, xmlrpc };

inline std::string to_string(Wire wire) {
  switch (wire) {
    case Wire::jsonrpc1: return "jsonrpc1";
    case Wire::jsonrpc2: return "jsonrpc2";
    case Wire::xmlrpc: return "xmlrpc";
  }
  return "?";
}

// One call's answer: the result, or the error as [code, params...].
struct RpcAnswer {
  bool ok = false;
  boost::json::value result;
  boost::json::array error;
  std::string body;  // the reply as sent, for failure messages
  int status = 0;
};

class RpcClient {
 public:
  RpcClient(std::uint16_t port, Wire wire) : client_(port), wire_(wire) {}

  // Calls `method` with `args` plus dbg "test".
  RpcAnswer call(std::string_view method, boost::json::object args) {
    args.emplace("dbg", "test");
    const std::string body = encode(method, args);
    RpcAnswer out;
    if (client_.send(post(body, wire_ == Wire::xmlrpc ? "text/xml" : "application/json"))) return out;
    auto res = client_.receive();
    if (!res) return out;
    out.status = res->result_int();
    out.body = res->body();
    decode(out);
    return out;
  }

 private:
  std::string encode(std::string_view method, const boost::json::object& args) {
    namespace json = boost::json;
    ++id_;
    if (wire_ == Wire::xmlrpc) {
      return "<?xml version=\"1.0\"?><methodCall><methodName>" + std::string(method) +
             "</methodName><params><param>" +
             contract::encode_xmlrpc_value(args, contract::XmlRpcStrings::bare) + "</param></params></methodCall>";
    }
    json::object o;
    if (wire_ == Wire::jsonrpc2) {
      o["jsonrpc"] = "2.0";
      o["params"] = args;
    } else {
      o["params"] = json::array{args};
    }
    o["method"] = method;
    o["id"] = id_;
    return json::serialize(o);
  }

  void decode(RpcAnswer& out) const {
    namespace json = boost::json;
    if (wire_ == Wire::xmlrpc) {
      const contract::XmlRpcResponseParse parsed = contract::parse_xmlrpc_response(out.body);
      if (!parsed.value || !parsed.value->is_object()) return;
      const json::object& s = parsed.value->get_object();
      if (s.contains("Value")) {
        out.ok = true;
        out.result = s.at("Value");
      } else if (const json::value* e = s.if_contains("ErrorDescription"); e && e->is_array()) {
        out.error = e->get_array();
      }
      return;
    }
    boost::system::error_code ec;
    json::value v = json::parse(out.body, ec);
    if (ec || !v.is_object()) return;
    const json::object& o = v.get_object();
    const json::value* error = o.if_contains("error");
    if (error == nullptr || error->is_null()) {
      out.ok = o.contains("result");
      if (out.ok) out.result = o.at("result");
      return;
    }
    // v2 wraps the error value: {"code":-32000,"message":CODE,"data":[CODE, ...]}.
    if (const json::object* e = error->if_object(); e && e->contains("data")) error = &e->at("data");
    if (error->is_array()) out.error = error->get_array();
  }

  Client client_;
  Wire wire_;
  std::int64_t id_ = 0;
};

// [code, params...] as one text, for expectations.
inline std::string error_text(const RpcAnswer& a) {
  std::string out;
  for (const auto& p : a.error) {
    if (!out.empty()) out += " | ";
    out += p.is_string() ? std::string(p.get_string()) : boost::json::serialize(p);
  }
  return out;
}

}  // namespace smapi::mock::test_client
