#pragma once
// A file read whole, up to a limit: the settings and reports smapi-conform
// reads (--config, --rerun-failed) are small, and a huge or endless file
// (a FIFO, /dev/zero) must not take the memory with it.

#include <cstddef>
#include <filesystem>
#include <string>

namespace smapi::harness {

struct BoundedRead {
  std::string text;
  // Why the file was not read: "cannot be read", "larger than N bytes";
  // empty when text holds the whole file.
  std::string problem;
};

// Reads `file` in chunks, so memory follows its size, and stops past `limit` bytes.
BoundedRead read_bounded_file(const std::filesystem::path& file, std::size_t limit);

}  // namespace smapi::harness
