// Fuzz target: the mock's config text (mock::parse_config). A config that
// parses must survive a round trip through to_json and parse again.
#include "mock_plugin/config.h"
#include "contract/json_text.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto load = smapi::mock::parse_config(text);
  if (!load.config) return 0;
  const auto again = smapi::mock::parse_config(smapi::contract::to_compact_json(smapi::mock::to_json(*load.config)));
  if (!again.config) std::abort();  // to_json wrote something parse_config rejects
  return 0;
}
