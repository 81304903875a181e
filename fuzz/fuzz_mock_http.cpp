// Fuzz target: raw bytes on a connection to the mock. They go through a
// Beast request_parser with the server's limits (mock::ServerSettings), and a
// request that parses is handed to the JSON-RPC handler with the default
// config, as the server does for application/json.
#include "mock_plugin/config.h"
#include "mock_plugin/engine.h"
#include "mock_plugin/handler.h"
#include "mock_plugin/server.h"

#include <boost/beast/http.hpp>

#include <cstddef>
#include <cstdint>

namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static smapi::mock::Engine engine(smapi::mock::default_config());
  const smapi::mock::ServerSettings settings;
  http::request_parser<http::string_body> parser;
  parser.body_limit(settings.max_body_bytes);
  parser.header_limit(settings.header_limit);
  parser.eager(true);
  boost::beast::error_code ec;
  std::size_t used = 0;
  while (used < size && !parser.is_done()) {
    const std::size_t n = parser.put(boost::asio::buffer(data + used, size - used), ec);
    if (ec == http::error::need_more) ec = {};  // the rest of the input may complete it
    if (ec || n == 0) break;
    used += n;
  }
  // The client closed the connection: end of input (Beast requires some input first).
  if (!ec && !parser.is_done() && parser.got_some()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return 0;
  (void)smapi::mock::handle_jsonrpc(engine, parser.get().body());
  return 0;
}
