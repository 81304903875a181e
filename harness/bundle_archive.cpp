#include "harness/bundle_archive.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

namespace smapi::harness {
namespace {

constexpr std::size_t kBlock = 512;

// The ustar header's fields (POSIX pax, "ustar Interchange Format").
struct Field {
  std::size_t offset, length;
};
constexpr Field kName{0, 100}, kSize{124, 12}, kChecksum{148, 8}, kMagic{257, 6}, kPrefix{345, 155};
constexpr std::size_t kTypeFlag = 156;

std::string_view field(std::string_view header, Field f) {
  const std::string_view raw = header.substr(f.offset, f.length);
  return raw.substr(0, std::min(raw.find('\0'), raw.size()));
}

// An octal number field; nullopt when it is not one (base-256 included:
// only sizes past 8 GiB need it, far past any bundle).
std::optional<std::size_t> octal(std::string_view header, Field f) {
  std::string_view text = header.substr(f.offset, f.length);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  std::size_t value = 0, digits = 0;
  for (const char c : text) {
    if (c < '0' || c > '7') {
      if (c == ' ' || c == '\0') break;
      return std::nullopt;
    }
    if (value > (std::size_t{1} << 60)) return std::nullopt;
    value = value * 8 + static_cast<std::size_t>(c - '0');
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  return value;
}

bool checksum_matches(std::string_view header) {
  const auto stored = octal(header, kChecksum);
  if (!stored) return false;
  long unsigned_sum = 0, signed_sum = 0;  // old tars summed signed chars
  for (std::size_t i = 0; i < kBlock; ++i) {
    const bool in_field = i >= kChecksum.offset && i < kChecksum.offset + kChecksum.length;
    const char c = in_field ? ' ' : header[i];
    unsigned_sum += static_cast<unsigned char>(c);
    signed_sum += static_cast<signed char>(c);
  }
  return static_cast<long>(*stored) == unsigned_sum || static_cast<long>(*stored) == signed_sum;
}

std::string quoted(std::string_view name) {
  std::string shown = "\"";
  for (const unsigned char c : name.substr(0, 200)) shown += c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '?';
  return shown + (name.size() > 200 ? "...\"" : "\"");
}

// The name's components without "." ones; nullopt (why set) when it is
// absolute or has a ".." component.
std::optional<std::vector<std::string>> components(std::string_view name, std::string& why) {
  if (name.empty()) {
    why = "an entry without a name";
    return std::nullopt;
  }
  if (name.front() == '/') {
    why = quoted(name) + ": an absolute path";
    return std::nullopt;
  }
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t slash = std::min(name.find('/', start), name.size());
    const std::string_view part = name.substr(start, slash - start);
    if (part == "..") {
      why = quoted(name) + ": a path with \"..\"";
      return std::nullopt;
    }
    if (!part.empty() && part != ".") parts.emplace_back(part);
    start = slash + 1;
  }
  return parts;
}

// The pax extended header's records ("LEN key=value\n"), those we read.
struct PaxOverrides {
  std::optional<std::string> path;
  std::optional<std::size_t> size;
};

std::optional<PaxOverrides> read_pax(std::string_view data) {
  PaxOverrides pax;
  while (!data.empty()) {
    const std::size_t space = data.find(' ');
    if (space == std::string_view::npos || space == 0) return std::nullopt;
    std::size_t length = 0;
    for (const char c : data.substr(0, space)) {
      if (c < '0' || c > '9' || length > data.size()) return std::nullopt;
      length = length * 10 + static_cast<std::size_t>(c - '0');
    }
    if (length <= space + 1 || length > data.size() || data[length - 1] != '\n') return std::nullopt;
    const std::string_view record = data.substr(space + 1, length - space - 2);
    data.remove_prefix(length);
    const std::size_t equals = record.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    const std::string_view key = record.substr(0, equals), value = record.substr(equals + 1);
    if (key == "path") pax.path = std::string(value);
    if (key == "size") {
      std::size_t size = 0;
      if (value.empty() || value.size() > 18) return std::nullopt;
      for (const char c : value) {
        if (c < '0' || c > '9') return std::nullopt;
        size = size * 10 + static_cast<std::size_t>(c - '0');
      }
      pax.size = size;
    }
  }
  return pax;
}

std::string refused_type(char type) {
  switch (type) {
    case '1': return "a hard link";
    case '2': return "a symbolic link";
    case 'K': return "a link (GNU long link name)";
    case '3': return "a character device";
    case '4': return "a block device";
    case '6': return "a FIFO";
    default: break;
  }
  const auto c = static_cast<unsigned char>(type);
  return std::string("an entry of unsupported type ") +
         (c >= 0x20 && c < 0x7f ? "'" + std::string(1, type) + "'" : "byte " + std::to_string(c));
}

}  // namespace

bool is_gzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

Gunzipped gunzip(std::string_view compressed, const BundleArchiveLimits& limits) {
  Gunzipped out;
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) return {{}, "gzip: cannot start zlib"};
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::array<char, 64 * 1024> chunk;
  int status = Z_OK;
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
    stream.avail_out = static_cast<uInt>(chunk.size());
    status = inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) break;
    const std::size_t produced = chunk.size() - stream.avail_out;
    if (out.bytes.size() + produced > limits.max_archive_bytes) {
      out.error = "larger than " + std::to_string(limits.max_archive_bytes) + " bytes unpacked (max_archive_bytes)";
      break;
    }
    out.bytes.append(chunk.data(), produced);
    if (status == Z_STREAM_END) {
      if (stream.avail_in == 0) break;
      inflateReset(&stream);  // a further gzip member
    } else if (stream.avail_in == 0 && produced == 0) {
      status = Z_BUF_ERROR;  // input ended inside the stream
      break;
    }
  }
  if (out.error.empty() && status != Z_STREAM_END)
    out.error = "gzip: corrupt or truncated data" + (stream.msg ? " (" + std::string(stream.msg) + ")" : std::string());
  inflateEnd(&stream);
  if (!out.error.empty()) out.bytes.clear();
  return out;
}

BundleArchive read_bundle_tar(std::string_view tar, const BundleArchiveLimits& limits) {
  BundleArchive archive;
  const auto refuse = [&](const std::string& why) {
    archive.files.clear();
    archive.error = why;
    return archive;
  };
  if (tar.size() > limits.max_archive_bytes)
    return refuse("larger than " + std::to_string(limits.max_archive_bytes) + " bytes (max_archive_bytes)");
  std::optional<std::vector<std::string>> root;  // the directory every file is in
  std::optional<std::string> long_name;           // from a pax or GNU long-name entry
  // From a pax entry (a plain pair: GCC 12 misreads an optional here).
  bool has_long_size = false;
  std::size_t long_size = 0;
  std::size_t offset = 0;
  while (offset < tar.size()) {
    if (tar.size() - offset < kBlock) return refuse("truncated: a partial header at byte " + std::to_string(offset));
    const std::string_view header = tar.substr(offset, kBlock);
    if (std::all_of(header.begin(), header.end(), [](char c) { return c == '\0'; })) break;  // end of archive
    if (!checksum_matches(header))
      return refuse("not a tar archive, or a corrupt one: bad header checksum at byte " + std::to_string(offset));
    const char type = header[kTypeFlag];
    std::string name(field(header, kName));
    if (field(header, kMagic).substr(0, 5) == "ustar" && !field(header, kPrefix).empty())
      name = std::string(field(header, kPrefix)) + "/" + name;
    if (long_name) name = *long_name;
    const auto header_size = octal(header, kSize);
    if (!header_size) return refuse(quoted(name) + ": an unreadable size field");
    const std::size_t size = has_long_size && type != 'x' && type != 'L' ? long_size : *header_size;
    offset += kBlock;
    if (size > tar.size() - offset) return refuse(quoted(name) + ": truncated (" + std::to_string(size) + " bytes declared)");
    const std::string_view data = tar.substr(offset, size);
    offset += (size + kBlock - 1) / kBlock * kBlock;
    offset = std::min(offset, tar.size());

    if (type == 'x' || type == 'L') {  // the next entry's real name (and size)
      if (type == 'L') {
        long_name = std::string(data.substr(0, std::min(data.find('\0'), data.size())));
        continue;
      }
      const auto pax = read_pax(data);
      if (!pax) return refuse(quoted(name) + ": an unreadable pax extended header");
      if (pax->path) long_name = pax->path;
      if (pax->size) {
        has_long_size = true;
        long_size = *pax->size;
      }
      continue;
    }
    if (type == 'g') continue;  // global pax defaults: nothing we read
    long_name.reset();
    has_long_size = false;

    std::string why;
    auto parts = components(name, why);
    if (!parts) return refuse(why);
    if (type == '5') {  // a directory: only the bundle's own
      if (parts->size() > 1) return refuse(quoted(name) + ": a nested directory; a bundle's files sit in one directory");
      continue;
    }
    if (type != '0' && type != '\0') return refuse(quoted(name) + ": " + refused_type(type));
    if (parts->empty()) return refuse(quoted(name) + ": a file without a name");
    const std::string base = parts->back();
    parts->pop_back();
    if (parts->size() > 1) return refuse(quoted(name) + ": a nested directory; a bundle's files sit in one directory");
    if (!root) root = *parts;
    if (*root != *parts) return refuse(quoted(name) + ": files in two directories; a bundle's files sit in one");
    if (archive.files.count(base)) return refuse(quoted(name) + ": given twice");
    if (archive.files.size() == limits.max_files)
      return refuse("more than " + std::to_string(limits.max_files) + " files (max_files): not a certification bundle");
    if (size > limits.max_file_bytes)
      return refuse(quoted(name) + ": " + std::to_string(size) + " bytes, more than " +
                    std::to_string(limits.max_file_bytes) + " (max_file_bytes)");
    archive.files.emplace(base, std::string(data));
  }
  return archive;
}

}  // namespace smapi::harness
