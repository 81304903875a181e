#include "harness/bundle_reader.h"

#include "harness/run.h"
#include "harness/run_options.h"

#include <array>
#include <fstream>

namespace smapi::harness {
namespace {

// The file's bytes, refused past `limit` (read in chunks, so memory follows
// the file's size up to the limit).
std::string read_bounded(const std::filesystem::path& file, std::uintmax_t limit) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw HarnessError(file.string() + ": cannot read");
  std::string bytes;
  std::array<char, 64 * 1024> chunk;
  while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
    bytes.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > limit) throw HarnessError(file.string() + ": larger than " + std::to_string(limit) + " bytes");
  }
  if (in.bad()) throw HarnessError(file.string() + ": cannot read");
  return bytes;
}

LoadedBundle load_directory(const std::filesystem::path& bundle) {
  LoadedBundle loaded;
  for (const auto& entry : std::filesystem::directory_iterator(bundle)) {
    const std::string name = entry.path().filename().string();
    if (loaded.files.size() == kMaxBundleFiles) {
      loaded.problems.push_back("more than " + std::to_string(kMaxBundleFiles) + " files: not a certification bundle");
      break;
    }
    // A link would make verify read whatever it points at, as in a tar bundle.
    if (entry.is_symlink()) {
      loaded.problems.push_back("\"" + name + "\": a symbolic link");
      continue;
    }
    if (!entry.is_regular_file()) {
      loaded.problems.push_back("\"" + name + "\": not a regular file");
      continue;
    }
    try {
      loaded.files[name] = read_bounded(entry.path(), kMaxBundleFileBytes);
    } catch (const HarnessError& error) {
      loaded.problems.push_back(error.what());
    }
  }
  return loaded;
}

LoadedBundle load_archive(const std::filesystem::path& bundle) {
  const BundleArchiveLimits limits;
  LoadedBundle loaded;
  std::string bytes;
  try {
    bytes = read_bounded(bundle, limits.max_archive_bytes);
  } catch (const HarnessError& error) {
    loaded.problems.push_back(error.what());
    return loaded;
  }
  if (is_gzip(bytes)) {
    auto unpacked = gunzip(bytes, limits);
    if (!unpacked.error.empty()) {
      loaded.problems.push_back(bundle.string() + ": refused: " + unpacked.error);
      return loaded;
    }
    bytes = std::move(unpacked.bytes);
  }
  auto archive = read_bundle_tar(bytes, limits);
  if (!archive.error.empty()) loaded.problems.push_back(bundle.string() + ": refused: " + archive.error);
  loaded.files = std::move(archive.files);
  return loaded;
}

}  // namespace

LoadedBundle load_bundle(const std::filesystem::path& bundle) {
  std::error_code ec;
  if (std::filesystem::is_directory(bundle, ec)) return load_directory(bundle);
  if (std::filesystem::is_regular_file(bundle, ec)) return load_archive(bundle);
  throw UsageError("verify: \"" + bundle.string() + "\" is not a bundle directory, .tar or .tar.gz file" +
                   (std::filesystem::exists(bundle, ec) ? "" : " (it does not exist)"));
}

}  // namespace smapi::harness
