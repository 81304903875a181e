#pragma once
// A certification bundle shipped as a tar (.tar, or gzip-compressed .tar.gz),
// read as untrusted input into memory: nothing is unpacked to disk, so no
// entry can land outside a directory, and each refusal names the entry.
// Pure: bytes in, files or a refusal out.
//
// Our own ustar reader (POSIX pax `path`/`size` records and GNU long names
// read, everything else refused) plus zlib for gzip, rather than running
// tar(1): tar would write the entries to disk before we could look at them,
// and its safety options differ between implementations and versions.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace smapi::harness {

// What a bundle archive may hold. Each refusal names the limit it met.
struct BundleArchiveLimits {
  // Files (regular entries) in the archive: a bundle holds four.
  std::size_t max_files = 16;
  // Bytes of one file: a report is far smaller (ReportLimits caps every
  // plugin field); the same bound as a bundle directory's files.
  std::size_t max_file_bytes = 256ull * 1024 * 1024;
  // Bytes of the whole unpacked archive (the tar stream, after gunzip):
  // bounds the memory a hostile archive, a gzip bomb included, can take.
  std::size_t max_archive_bytes = 256ull * 1024 * 1024;
};

struct BundleArchive {
  std::map<std::string, std::string> files;  // bundle file name -> bytes
  std::string error;                         // "" on success; else why it was refused
};

// True when the bytes start as gzip does (1f 8b).
bool is_gzip(std::string_view bytes);

// Decompresses gzip (one or more members). Refuses (error set) corrupt data,
// and output past limits.max_archive_bytes.
struct Gunzipped {
  std::string bytes;
  std::string error;
};
Gunzipped gunzip(std::string_view compressed, const BundleArchiveLimits& limits = {});

// Reads a tar stream. Files become bundle files under their base name; they
// may sit at the top or in one directory ("bundle/report.json",
// "./report.json"), the same for all. Refused: an absolute name, a ".."
// component, deeper directories, a name given twice, hard and symbolic links,
// devices, FIFOs and any other entry type, a bad header checksum, a
// truncated entry, and anything past `limits`.
BundleArchive read_bundle_tar(std::string_view tar, const BundleArchiveLimits& limits = {});

}  // namespace smapi::harness
