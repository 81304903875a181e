// Fuzz target: XML-RPC bodies, both directions (contract/xmlrpc_codec.h):
// a response as the harness reads it, and a request as the mock reads it.
#include "contract/xmlrpc_codec.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)smapi::contract::decode_xmlrpc_response(body);
  (void)smapi::contract::xmlrpc_error_description_unreadable(body);
  (void)smapi::contract::decode_xmlrpc_request(body);
  return 0;
}
