#pragma once
// A plugin served over HTTP, spoken to in JSON-RPC v1 or v2.

#include "contract/jsonrpc_codec.h"
#include "harness/http_client.h"
#include "harness/target.h"

#include <atomic>
#include <cstdint>
#include <string>

namespace smapi::harness {

class JsonRpcTarget final : public Target {
 public:
  JsonRpcTarget(std::string url, HttpEndpoint endpoint, contract::JsonRpcVersion version,
                HttpLimits limits);

  suites::CallObservation call_with_text(contract::Method method, std::string_view args_text) override;

 private:
  std::string url_;
  HttpEndpoint endpoint_;
  contract::JsonRpcVersion version_;
  HttpLimits limits_;
  // Request ids; atomic so that concurrent calls (QUERY-CONCURRENT) get distinct ones.
  std::atomic<std::int64_t> next_id_{1};
};

}  // namespace smapi::harness
