// Fuzz target: a JSON-RPC response body as the harness reads it
// (contract::decode_jsonrpc_response), in v1 and v2 form.
#include "contract/jsonrpc_codec.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)smapi::contract::decode_jsonrpc_response(smapi::contract::JsonRpcVersion::v1, body);
  (void)smapi::contract::decode_jsonrpc_response(smapi::contract::JsonRpcVersion::v2, body);
  return 0;
}
