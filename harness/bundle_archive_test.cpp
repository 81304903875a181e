// Reading an untrusted tar bundle: every refusal on a crafted archive, and
// gzip's own bounds.

#include "harness/bundle_archive.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <zlib.h>

#include <cstdio>

namespace smapi::harness {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

// One ustar entry: a header (checksum filled in) and its data, padded.
std::string entry(const std::string& name, const std::string& data, char type = '0', const std::string& prefix = "") {
  std::string header(512, '\0');
  header.replace(0, std::min<std::size_t>(name.size(), 100), name.substr(0, 100));
  header.replace(100, 7, "0000644");
  header.replace(108, 7, "0000000");
  header.replace(116, 7, "0000000");
  char size[16];
  std::snprintf(size, sizeof size, "%011zo", data.size());
  header.replace(124, 11, size);
  header.replace(136, 11, "00000000000");
  header[156] = type;
  header.replace(257, 6, std::string("ustar\0", 6));
  header.replace(263, 2, "00");
  header.replace(345, prefix.size(), prefix);
  header.replace(148, 8, "        ");
  unsigned sum = 0;
  for (const unsigned char c : header) sum += c;
  char checksum[8];
  std::snprintf(checksum, sizeof checksum, "%06o", sum);
  header.replace(148, 7, std::string(checksum, 6) + '\0');
  std::string padded = data;
  padded.resize((data.size() + 511) / 512 * 512, '\0');
  return header + padded;
}

std::string end_of_archive() { return std::string(1024, '\0'); }

// A pax extended header record "LEN key=value\n".
std::string pax_record(const std::string& key, const std::string& value) {
  const std::string body = " " + key + "=" + value + "\n";
  std::size_t length = body.size() + 1;
  while (std::to_string(length).size() + body.size() != length) ++length;
  return std::to_string(length) + body;
}

std::string error_of(const std::string& tar, const BundleArchiveLimits& limits = {}) {
  return read_bundle_tar(tar, limits).error;
}

TEST(BundleTar, ReadsFilesAtTheTopOrInOneDirectory) {
  const auto top = read_bundle_tar(entry("report.json", "{}") + entry("./manifest.json", "m") + end_of_archive());
  EXPECT_EQ(top.error, "");
  EXPECT_THAT(top.files, ElementsAre(Pair("manifest.json", "m"), Pair("report.json", "{}")));
  const auto in_dir = read_bundle_tar(entry("bundle/", "", '5') + entry("bundle/report.json", std::string(700, 'r')) +
                                      entry("x", "", 'g') + entry("z", "", '0', "bundle") + end_of_archive());
  EXPECT_EQ(in_dir.error, "");
  EXPECT_THAT(in_dir.files, ElementsAre(Pair("report.json", std::string(700, 'r')), Pair("z", "")));
  // No end marker: the archive ends with its last entry.
  EXPECT_EQ(read_bundle_tar(entry("a", "1")).files.size(), 1u);
  // A pax or GNU long name is the next entry's name.
  const auto pax = read_bundle_tar(entry("PaxHeaders/a", pax_record("path", "bundle/report.json"), 'x') +
                                   entry("short", "p") + entry("././@LongLink", "bundle/manifest.json", 'L') +
                                   entry("cut", "l"));
  EXPECT_EQ(pax.error, "");
  EXPECT_THAT(pax.files, ElementsAre(Pair("manifest.json", "l"), Pair("report.json", "p")));
}

TEST(BundleTar, RefusesPathsOutsideTheBundle) {
  EXPECT_EQ(error_of(entry("/etc/cron.d/x", "1")), "\"/etc/cron.d/x\": an absolute path");
  EXPECT_EQ(error_of(entry("../report.json", "1")), "\"../report.json\": a path with \"..\"");
  EXPECT_EQ(error_of(entry("bundle/../../x", "1")), "\"bundle/../../x\": a path with \"..\"");
  EXPECT_EQ(error_of(entry("x", "1", '0', "/abs")), "\"/abs/x\": an absolute path");
  EXPECT_EQ(error_of(entry("p", pax_record("path", "../../evil"), 'x') + entry("fine", "1")),
            "\"../../evil\": a path with \"..\"");
  EXPECT_EQ(error_of(entry("././@LongLink", "/root/.ssh/authorized_keys", 'L') + entry("fine", "1")),
            "\"/root/.ssh/authorized_keys\": an absolute path");
  EXPECT_EQ(error_of(entry("a/b/report.json", "1")), "\"a/b/report.json\": a nested directory; a bundle's files sit in one directory");
  EXPECT_EQ(error_of(entry("a/b/", "", '5')), "\"a/b/\": a nested directory; a bundle's files sit in one directory");
  EXPECT_EQ(error_of(entry("a/x", "1") + entry("b/y", "1")), "\"b/y\": files in two directories; a bundle's files sit in one");
  // A later entry of the same name would replace what was looked at first.
  EXPECT_EQ(error_of(entry("report.json", "1") + entry("./report.json", "2")), "\"./report.json\": given twice");
}

TEST(BundleTar, RefusesLinksDevicesAndOtherEntryTypes) {
  EXPECT_EQ(error_of(entry("report.json", "", '2')), "\"report.json\": a symbolic link");
  EXPECT_EQ(error_of(entry("a", "1") + entry("report.json", "", '1')), "\"report.json\": a hard link");
  EXPECT_EQ(error_of(entry("tty", "", '3')), "\"tty\": a character device");
  EXPECT_EQ(error_of(entry("sda", "", '4')), "\"sda\": a block device");
  EXPECT_EQ(error_of(entry("pipe", "", '6')), "\"pipe\": a FIFO");
  EXPECT_EQ(error_of(entry("big", "", '7')), "\"big\": an entry of unsupported type '7'");
  EXPECT_EQ(error_of(entry("sparse", "", 'S')), "\"sparse\": an entry of unsupported type 'S'");
}

TEST(BundleTar, RefusesCorruptAndTruncatedArchives) {
  auto tar = entry("report.json", "{}");
  tar[0] = 'R';  // the checksum no longer matches
  EXPECT_EQ(error_of(tar), "not a tar archive, or a corrupt one: bad header checksum at byte 0");
  EXPECT_EQ(error_of("{\"not\": \"a tar\"}" + std::string(600, ' ')),
            "not a tar archive, or a corrupt one: bad header checksum at byte 0");
  EXPECT_EQ(error_of(entry("report.json", std::string(2000, 'x')).substr(0, 1024)),
            "\"report.json\": truncated (2000 bytes declared)");
  EXPECT_EQ(error_of(entry("a", "1") + std::string(100, 'x')), "truncated: a partial header at byte 1024");
  auto bad_size = entry("a", "1");
  bad_size.replace(124, 11, "9999999999x");
  EXPECT_THAT(error_of(bad_size), ::testing::AnyOf(HasSubstr("bad header checksum"), HasSubstr("unreadable size")));
}

TEST(BundleTar, RefusesWhatPassesItsLimits) {
  const BundleArchiveLimits limits{.max_files = 2, .max_file_bytes = 1000, .max_archive_bytes = 8192};
  EXPECT_EQ(error_of(entry("a", "1") + entry("b", "2") + entry("c", "3"), limits),
            "more than 2 files (max_files): not a certification bundle");
  EXPECT_EQ(error_of(entry("a", std::string(1001, 'x')), limits),
            "\"a\": 1001 bytes, more than 1000 (max_file_bytes)");
  EXPECT_EQ(error_of(entry("a", std::string(900, 'x')) + entry("b", std::string(900, 'x')) + std::string(8192, '\0'),
                     limits),
            "larger than 8192 bytes (max_archive_bytes)");
  EXPECT_THAT(read_bundle_tar(entry("a", "1") + entry("b", std::string(1001, 'x')), limits).files, IsEmpty());
}

std::string gzip(const std::string& data) {
  z_stream stream{};
  deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, data.size()) + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

TEST(BundleGzip, UnpacksWithinItsBound) {
  const std::string tar = entry("report.json", "{}") + end_of_archive();
  const auto packed = gzip(tar);
  EXPECT_TRUE(is_gzip(packed));
  EXPECT_FALSE(is_gzip(tar));
  const auto unpacked = gunzip(packed);
  EXPECT_EQ(unpacked.error, "");
  EXPECT_EQ(unpacked.bytes, tar);
  EXPECT_EQ(gunzip(packed + gzip("more")).bytes, tar + "more");  // members in a row
}

// A small file that unpacks to far more than the archive limit: stopped at it.
TEST(BundleGzip, RefusesABombCorruptionAndTruncation) {
  const auto bomb = gzip(std::string(8 * 1024 * 1024, '\0'));
  ASSERT_LT(bomb.size(), 64u * 1024);
  const auto refused = gunzip(bomb, BundleArchiveLimits{.max_archive_bytes = 1024 * 1024});
  EXPECT_EQ(refused.error, "larger than 1048576 bytes unpacked (max_archive_bytes)");
  EXPECT_THAT(refused.bytes, IsEmpty());
  auto corrupt = gzip(std::string(5000, 'a') + "b");
  corrupt[corrupt.size() / 2] ^= 0x55;
  corrupt[corrupt.size() - 6] ^= 0x55;  // and the CRC
  EXPECT_THAT(gunzip(corrupt).error, HasSubstr("gzip: corrupt or truncated data"));
  const auto whole = gzip(std::string(5000, 'a'));
  EXPECT_THAT(gunzip(whole.substr(0, whole.size() - 4)).error, HasSubstr("gzip: corrupt or truncated data"));
}

}  // namespace
}  // namespace smapi::harness
