#pragma once
// Reading a certification bundle for `verify`: a directory, or a tar of one
// (.tar or .tar.gz, read in memory by harness/bundle_archive.h). Either way
// the result is the bundle's files by name, and what was wrong with them.

#include "harness/bundle_archive.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace smapi::harness {

// What verify reads of a bundle directory at most: a bundle holds four
// files, each report well under the byte limit (ReportLimits caps every
// plugin field), so more means it is not a bundle, and memory stays bounded.
// A tar bundle has the same limits (BundleArchiveLimits).
inline constexpr std::size_t kMaxBundleFiles = BundleArchiveLimits{}.max_files;
inline constexpr std::uintmax_t kMaxBundleFileBytes = BundleArchiveLimits{}.max_file_bytes;

struct LoadedBundle {
  std::map<std::string, std::string> files;  // name -> bytes
  std::vector<std::string> problems;         // one line each; a refused archive is one
};

// Reads `bundle`: a directory's regular files (a symbolic link is a problem,
// never followed), or a tar / gzip-compressed tar
// file (told by its bytes, not its name). Throws UsageError when it is
// neither a directory nor a file.
LoadedBundle load_bundle(const std::filesystem::path& bundle);

}  // namespace smapi::harness
