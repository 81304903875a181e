#pragma once
// Test-only access to the vector files under fixtures/vectors/.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace smapi::contract::testing {

// The directory holding the vector files.
inline std::filesystem::path vectors_dir() {
  return std::filesystem::path(SMAPI_SOURCE_DIR) / "fixtures" / "vectors";
}

// The bytes of fixtures/vectors/<relative>, exactly as stored.
inline std::string read_vector(std::string_view relative) {
  const auto path = vectors_dir() / relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open vector file " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace smapi::contract::testing
