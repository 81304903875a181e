#include "reports/report_dir.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace smapi::reports {
namespace {

constexpr std::array kAllFormats{ReportFormat::json,     ReportFormat::junit, ReportFormat::html,
                                 ReportFormat::markdown, ReportFormat::tap,   ReportFormat::sarif};

std::string quoted(const std::filesystem::path& path) { return "\"" + path.string() + "\""; }

}  // namespace

std::string prepare_report_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec))
    return quoted(dir) + " is not a directory";
  std::filesystem::create_directories(dir, ec);
  if (ec) return "cannot create " + quoted(dir) + ": " + ec.message();
  // Permission bits do not tell (root, read-only mounts, ACLs): try it.
  std::string probe = (dir / ".smapi-conform-write-check-XXXXXX").string();
  const int fd = ::mkstemp(probe.data());
  if (fd < 0) return "cannot write in " + quoted(dir) + ": " + std::strerror(errno);
  ::close(fd);
  ::unlink(probe.c_str());
  return "";
}

std::vector<std::filesystem::path> remove_stale_reports(const std::filesystem::path& dir,
                                                        const std::vector<ReportFormat>& formats) {
  std::vector<std::filesystem::path> removed;
  for (ReportFormat format : kAllFormats) {
    if (std::find(formats.begin(), formats.end(), format) != formats.end()) continue;
    const std::filesystem::path file = dir / format_file_name(format);
    std::error_code ec;
    const auto status = std::filesystem::symlink_status(file, ec);
    // Only what this tool would have written there: a file (or a link to one, removed as a link).
    if (ec || !(std::filesystem::is_regular_file(status) || std::filesystem::is_symlink(status))) continue;
    if (!std::filesystem::remove(file, ec) || ec)
      throw std::runtime_error("cannot remove the earlier run's " + file.string() + ": " + ec.message());
    removed.push_back(file);
  }
  return removed;
}

}  // namespace smapi::reports
