#include "harness/bounded_file.h"

#include <array>
#include <fstream>

namespace smapi::harness {

BoundedRead read_bounded_file(const std::filesystem::path& file, std::size_t limit) {
  BoundedRead read;
  std::ifstream in(file, std::ios::binary);
  if (!in) return {{}, "cannot be read"};
  std::array<char, 64 * 1024> chunk;
  while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
    read.text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (read.text.size() > limit) return {{}, "larger than " + std::to_string(limit) + " bytes"};
  }
  if (in.bad()) return {{}, "cannot be read"};
  return read;
}

}  // namespace smapi::harness
