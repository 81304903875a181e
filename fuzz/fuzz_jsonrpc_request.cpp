// Fuzz target: a JSON-RPC request body as the mock reads it
// (contract::decode_jsonrpc_request), then answered by the mock's handler
// with the default config and an in-memory storage that keeps what the
// inputs create (mock::handle_jsonrpc), so storage methods are reached too.
#include "contract/jsonrpc_codec.h"
#include "mock_plugin/config.h"
#include "mock_plugin/engine.h"
#include "mock_plugin/handler.h"
#include "mock_plugin/storage/storage.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)smapi::contract::decode_jsonrpc_request(body);
  static smapi::mock::Engine engine(smapi::mock::default_config());
  static smapi::mock::storage::Storage storage;
  (void)smapi::mock::handle_jsonrpc(engine, storage, body, {});
  return 0;
}
